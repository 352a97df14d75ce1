/** Circuit breaker stage: asks the breaker for a permit, reports the call's result and duration. */
import type { SimClock } from '../clock';
import { Permit, type BreakerComponent } from '../components/breakerComponent';
import { isFailure, RESULT, type Handler } from './types';

export function breakerStage(inner: Handler, breaker: BreakerComponent, clock: SimClock): Handler {
  return (call, done) => {
    const permit = breaker.tryAcquire();
    if (permit === Permit.Rejected) {
      done(RESULT.rejected.circuitBreaker);
      return;
    }
    const start = clock.now;
    let finished = false;
    if (permit === Permit.Trial && call.token) {
      // A cancelled trial call gives its permit back instead of reporting a result.
      call.token.onCancel(() => {
        if (finished) return;
        finished = true;
        breaker.release();
      });
    }
    inner(call, (result) => {
      if (finished) return;
      finished = true;
      breaker.onResult(isFailure(result), clock.now - start);
      done(result);
    });
  };
}

/** Rate limiter stage: a call needs a permit, possibly after waiting for one (resilience4j), or is rejected. */
import type { RateLimiterComponent } from '../components/rateLimiterComponent';
import { RESULT, type Handler } from './types';

export function rateLimiterStage(inner: Handler, limiter: RateLimiterComponent): Handler {
  return (call, done) => {
    let waiting = true;
    const withdraw = limiter.acquire(
      () => {
        waiting = false;
        inner(call, done);
      },
      () => {
        waiting = false;
        done(RESULT.rejected.rateLimiter);
      },
    );
    call.token?.onCancel(() => {
      if (waiting) {
        waiting = false;
        withdraw();
      }
    });
  };
}

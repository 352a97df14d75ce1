/**
 * Timeout (resilience4j TimeLimiter): the caller stops waiting after timeoutMs. The work inside
 * goes on and is wasted when it finishes, or is cancelled at once with cancelOnTimeout.
 */
import type { SimClock } from '../clock';
import { CancelToken, RESULT, type Call, type CallResult, type Handler } from './types';

export interface TimeoutSettings {
  timeoutMs: number;
  cancelOnTimeout: boolean;
}

/** Wraps `inner` with a timeout; `settings` is read per call so live changes apply to new calls. */
export function timeoutStage(inner: Handler, settings: TimeoutSettings, clock: SimClock, onTimeout: () => void): Handler {
  return (call, done) => {
    const token = new CancelToken(call.token);
    let settled = false;
    const timer = clock.schedule(clock.now + settings.timeoutMs, () => {
      if (settled) return;
      settled = true;
      onTimeout();
      if (settings.cancelOnTimeout) token.cancel();
      else token.abandoned = true;
      done(RESULT.timeout);
    });
    const innerCall: Call = { req: call.req, attempt: call.attempt, token };
    inner(innerCall, (result: CallResult) => {
      if (settled) return; // a late answer to a caller that already gave up
      settled = true;
      clock.clearTimeout(timer);
      done(result);
    });
  };
}

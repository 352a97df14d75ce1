/** The innermost stage: the balancer picks an instance and the call goes to it. */
import type { Balancer } from '../balancer';
import type { SimClock } from '../clock';
import { RESULT, type Handler } from './types';

/** Calls that found no instance to go to fail after this long (Envoy "no healthy upstream"). */
const NO_UPSTREAM_MS = 0;

export function backendStage(balancer: Balancer, clock: SimClock, onBackendCall: () => void): Handler {
  return (call, done) => {
    const backend = balancer.pick(call);
    if (!backend) {
      clock.schedule(clock.now + NO_UPSTREAM_MS, () => done(RESULT.failure));
      return;
    }
    onBackendCall();
    backend.submit(call, done);
  };
}

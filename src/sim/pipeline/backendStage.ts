/** The innermost stage: the pool's balancer picks an instance and the call goes to it. */
import type { BackendPool } from '../balancing/pool';
import type { SimClock } from '../clock';
import { RESULT, type Handler } from './types';

/** Calls that found no instance to go to fail at once (Envoy "no healthy upstream"). */
const NO_UPSTREAM_MS = 0;

export function backendStage(pool: BackendPool, clock: SimClock, onBackendCall: () => void): Handler {
  return (call, done) => {
    const backend = pool.pick(call.req.id, call.attempt);
    if (!backend) {
      clock.schedule(clock.now + NO_UPSTREAM_MS, () => done(RESULT.failure));
      return;
    }
    onBackendCall();
    const index = backend.index;
    call.req.lastBackend = index;
    backend.submit(call, (result) => {
      pool.observe(index, result);
      done(result);
    });
  };
}

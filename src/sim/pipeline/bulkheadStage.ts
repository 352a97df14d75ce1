/**
 * Bulkhead stage: a call takes a slot (perhaps after waiting or queueing) and holds it until the
 * work inside ends, even when an enclosing timeout has stopped waiting for it: an abandoned call
 * still occupies its thread. Cancellation (cancelOnTimeout) frees the slot or the queue place.
 */
import type { BulkheadComponent } from '../components/bulkheadComponent';
import { RESULT, type Handler } from './types';

export function bulkheadStage(inner: Handler, bulkhead: BulkheadComponent): Handler {
  return (call, done) => {
    let granted = false;
    let finished = false;
    const withdraw = bulkhead.acquire(
      () => {
        granted = true;
        inner(call, (result) => {
          if (finished) return;
          finished = true;
          bulkhead.release();
          done(result);
        });
      },
      () => {
        finished = true;
        done(RESULT.rejected.bulkhead);
      },
    );
    call.token?.onCancel(() => {
      if (finished) return;
      finished = true;
      if (granted) bulkhead.release();
      else withdraw();
    });
  };
}

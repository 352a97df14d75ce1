/**
 * Fallback: answers a failed, timed-out or rejected call with a cached or default value after
 * responseMs. A cache may miss (drawn per request), and then the failure stands.
 */
import type { SimClock } from '../clock';
import type { Random } from '../random';
import type { FallbackPolicy } from '../scenario/policies';
import { RESULT, type Handler } from './types';

export interface FallbackCounters {
  served: number;
  cacheMisses: number;
}

export function fallbackStage(inner: Handler, policy: () => FallbackPolicy, clock: SimClock, random: Random, stream: number, counters: FallbackCounters): Handler {
  return (call, done) => {
    inner(call, (result) => {
      const p = policy();
      if (result.outcome === 'success' || result.outcome === 'fallback' || !p.handles.includes(result.outcome)) {
        done(result);
        return;
      }
      if (p.source === 'cache' && random.u(stream, call.req.id, call.attempt) >= p.cacheHitProbability) {
        counters.cacheMisses++;
        done(result);
        return;
      }
      counters.served++;
      if (p.responseMs <= 0) done(RESULT.fallback);
      else clock.schedule(clock.now + p.responseMs, () => done(RESULT.fallback));
    });
  };
}

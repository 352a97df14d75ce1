/**
 * Retry: re-runs the inner pipeline after outcomes it handles, waiting a backoff between
 * attempts (engine logic on the event heap, not an actor per request). Attempt n of request r
 * draws its service time and failures from (r, n), so the same retry meets the same fault in
 * every run. A budget, when set, may refuse a retry; the request then ends with its last outcome.
 */
import type { SimClock } from '../clock';
import type { RetryBudgetComponent } from '../components/retryBudgetComponent';
import type { Random } from '../random';
import type { RetryPolicy } from '../scenario/policies';
import { jitteredBackoff } from './backoff';
import type { Call, CallResult, Handler } from './types';

export interface RetryCounters {
  /** Retries started. */
  retries: number;
  /** Requests that ended after using every attempt. */
  exhausted: number;
  /** Retries a budget refused. */
  refusedByBudget: number;
}

export interface RetryHooks {
  /** A retry attempt of `req` starts (the engine counts attempts). */
  onRetry(req: Call['req']): void;
}

/** Executions allowed in all: resilience4j counts the first call, Polly and cockatiel count retries only. */
export const maxExecutions = (p: RetryPolicy): number => (p.countsFirstCall ? p.maxAttempts : p.maxAttempts + 1);

export function retryStage(
  inner: Handler,
  policy: () => RetryPolicy,
  clock: SimClock,
  random: Random,
  jitterStream: number,
  budget: RetryBudgetComponent | undefined,
  counters: RetryCounters,
  hooks: RetryHooks,
): Handler {
  return (call, done) => {
    const p0 = policy();
    const first = call.attempt;
    let n = 0; // retries so far
    let previousWait = p0.backoff.baseMs;
    let finished = false;
    let pending: ReturnType<SimClock['schedule']> | null = null;
    let last: CallResult | null = null;
    call.token?.onCancel(() => {
      // An enclosing timeout gave up: no further attempts.
      finished = true;
      if (pending) clock.clearTimeout(pending);
    });

    const attempt = (): void => {
      const isRetry = n > 0;
      budget?.attemptStarted(isRetry);
      const c: Call = { req: call.req, attempt: first + n, token: call.token };
      inner(c, (result: CallResult) => {
        const p = policy();
        const retryable = p.retryOn.includes(result.outcome as never);
        budget?.attemptEnded(isRetry, result.outcome === 'success' ? 'success' : retryable ? 'retryable' : 'other');
        if (finished) return;
        last = result;
        if (!retryable || call.token?.isAbandoned) return end(result);
        if (n + 1 >= maxExecutions(p)) {
          counters.exhausted++;
          return end(result);
        }
        if (budget && !budget.allowRetry()) {
          counters.refusedByBudget++;
          return end(result);
        }
        n++;
        const wait = jitteredBackoff(p, n, random.u(jitterStream, call.req.id, first + n), previousWait);
        previousWait = wait;
        pending = clock.schedule(clock.now + wait, () => {
          pending = null;
          if (finished) return;
          // The caller gave up during the backoff (an enclosing timeout): no more attempts.
          if (call.token?.isAbandoned) return end(last!);
          counters.retries++;
          hooks.onRetry(call.req);
          attempt();
        });
      });
    };

    const end = (result: CallResult): void => {
      finished = true;
      done(result);
    };

    attempt();
  };
}

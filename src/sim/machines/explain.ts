/**
 * Each machine's guards in words, with the numbers they are deciding on now: what the live
 * statechart shows when the learner hovers a transition ("failure rate 40% < 50% over the last
 * 10 calls"). Keyed by guard name as it appears in the machine graph.
 */
import type { BackendHealthComponent } from '../components/backendHealthComponent';
import type { BreakerComponent } from '../components/breakerComponent';
import type { BulkheadComponent } from '../components/bulkheadComponent';
import type { RateLimiterComponent } from '../components/rateLimiterComponent';
import type { RetryBudgetComponent } from '../components/retryBudgetComponent';
import type { SagaRunner } from '../sagas/sagaRunner';
import { envoyRetryLimit } from './retryBudgetMachine';

const pct = (x: number) => `${Math.round(x * 10) / 10}%`;
const sec = (ms: number) => `${Math.round(ms) / 1000} s`;

export function explainBreaker(b: BreakerComponent, now: number): Record<string, string> {
  const c = b.actor.getSnapshot().context;
  const m = c.metrics;
  const t = m.totals(now);
  const cfg = c.config;
  const cmp = cfg.tripComparison === 'above' ? '>' : '≥';
  const windowWords = m.halfOpen ? `${t.calls} of ${cfg.permittedNumberOfCallsInHalfOpenState} trial calls` : cfg.slidingWindowType === 'COUNT_BASED' ? `the last ${t.calls} calls` : `the last ${cfg.slidingWindowSize} s (${t.calls} calls)`;
  const fr = t.calls ? (100 * t.failed) / t.calls : 0;
  const sr = t.calls ? (100 * t.slow) / t.calls : 0;
  const below = t.calls < m.minimumCalls;
  const rates = below
    ? `${t.calls} calls < minimum ${m.minimumCalls}: rates not computed yet`
    : `failure rate ${pct(fr)} (${cmp} ${cfg.failureRateThreshold}%? ${m.lastResult.includes('FAILURE') || m.lastResult === 'ABOVE_THRESHOLDS' ? 'yes' : 'no'}), slow-call rate ${pct(sr)} (${cmp} ${cfg.slowCallRateThreshold}%?) over ${windowWords}`;
  const waitLeft = c.openedAtMs + c.waitMs - now;
  return {
    thresholdsExceeded: `opens when a rate reaches its threshold: ${rates}`,
    trialCallsBelowThresholds: `closes when all ${cfg.permittedNumberOfCallsInHalfOpenState} trial calls are in and both rates stay under the thresholds: ${rates}`,
    waitInOpenElapsed:
      b.state === 'OPEN'
        ? `the first call strictly after the ${sec(c.waitMs)} wait takes a trial permit: ${waitLeft > 0 ? `${sec(waitLeft)} left` : 'the wait is over'}`
        : `the first call strictly after the wait in OPEN (${sec(c.waitMs || cfg.waitDurationInOpenStateMs)}) takes a trial permit`,
    automaticTransitionEnabled: `a timer ends the wait only when automaticTransitionFromOpenToHalfOpenEnabled is on: it is ${cfg.automaticTransitionFromOpenToHalfOpenEnabled ? 'on' : 'off'}`,
    maxWaitInHalfOpenSet:
      cfg.maxWaitDurationInHalfOpenStateMs > 0
        ? `back to OPEN if the trial calls take longer than maxWaitDurationInHalfOpenState ${sec(cfg.maxWaitDurationInHalfOpenStateMs)}`
        : 'maxWaitDurationInHalfOpenState is 0: HALF_OPEN waits for its trial calls however long they take',
    halfOpenPermitAvailable: `${c.halfOpenPermitsIssued} of ${cfg.permittedNumberOfCallsInHalfOpenState} trial permits taken; extra calls are rejected`,
    forcedTo: 'only a command (transitionTo…State) takes this transition',
  };
}

export function explainBulkhead(b: BulkheadComponent): Record<string, string> {
  const f = b.figures();
  const waiting = f.queueCapacity > 0 ? `${f.queued} of ${f.queueCapacity} waiting places used` : `${f.queued} waiting`;
  const slots = `${f.inUse} of ${f.capacity} slots in use, ${waiting}`;
  return {
    countsCallFor: `follows the counts: ${slots}`,
    callInProgress: `a call is in progress (${f.inUse} in use)`,
    callWaiting: `a call is waiting (${f.queued})`,
    threadPoolConfigured: `a thread pool: ${f.threads ?? 0} threads alive`,
    idleThreadTakesCall: `an idle thread takes the call (${f.threads ?? 0} threads, ${f.inUse} busy)`,
    waitingCallTakesFreedSlot: `a freed slot goes to the first waiting call (${f.queued} waiting)`,
    finishingThreadEnds: 'a finishing thread above the pool size ends',
    threadIdlesAboveCore: 'an idle thread above the core size ends after keepAlive',
  };
}

export function explainRateLimiter(r: RateLimiterComponent): Record<string, string> {
  const f = r.figures();
  const left = f.kind === 'tokenBucket' ? `${f.available} tokens left` : `${f.available} permits left in this cycle (negative: reserved by waiting callers)`;
  return {
    permitLeftInCycle: `a permit is left in the current cycle: ${left}`,
    'not permitLeftInCycle': `no permit left in the current cycle: ${left}`,
    tokenLeft: `a token is left: ${left}`,
    'not tokenLeft': `the bucket is empty: ${left}`,
    bucketFull: `the bucket is full: ${left}`,
    fixedWindowConfigured: `the limiter is ${f.kind === 'tokenBucket' ? 'a token bucket (Envoy)' : 'a fixed window (resilience4j)'}`,
    kindChanged: 'a command changed the limiter kind',
  };
}

export function explainRetryBudget(b: RetryBudgetComponent): Record<string, string> {
  const c = b.actor.getSnapshot().context;
  const rule =
    c.config.kind === 'envoy'
      ? `retries in flight ${c.activeRetries} vs limit ${envoyRetryLimit(c.config, c.active)} = max(${c.config.minRetryConcurrency}, ${c.config.budgetPercent}% of ${c.active} attempts in flight)`
      : `tokens ${Math.round(c.tokens * 1000) / 1000} vs half of ${c.config.maxTokens} = ${c.config.maxTokens / 2}`;
  return {
    retriesAllowed: `retries allowed again when ${rule} allows one`,
    retriesRefused: `retries refused when ${rule} allows none`,
  };
}

export function explainHealth(h: BackendHealthComponent, now: number): Record<string, string> {
  const c = h.actor.getSnapshot().context;
  const left = c.ejectedUntil - now;
  return {
    failureReachesFall: `${c.failures} failed checks in a row; ${c.config.fall} mark it unhealthy (HAProxy fall)`,
    passReachesRise: `${c.passes} passed checks in a row; ${c.config.rise} bring it back (HAProxy rise)`,
    passReachesRiseWithSlowStart: `${c.passes} passed checks in a row; ${c.config.rise} bring it back, warming up over ${sec(c.config.slowStartMs)}`,
    ejectionOverButChecksFailing: `ejection over but health checks failing (${c.failures} in a row)`,
    ejectionOverWithSlowStart: `at a sweep once the ejection is over (${left > 0 ? `${sec(left)} left` : 'over'}), back through slow start`,
    ejectionOver: `at a sweep once the ejection is over (${left > 0 ? `${sec(left)} left` : 'over'}); ejected ${c.ejections}× so far`,
  };
}

export function explainSaga(r: SagaRunner): Record<string, string> {
  const steps = r.def.steps;
  const pivot = steps.find((s) => s.kind === 'pivot');
  return {
    lastStep: `the last step (${steps[steps.length - 1].id}) succeeded: commit`,
    pivotAlreadyDone: pivot ? `the pivot (${pivot.id}) already succeeded: the saga can no longer be undone` : 'this saga has no pivot',
    nothingToCompensate: 'the first step failed: nothing to undo',
    lastCompensation: 'the oldest completed step has been undone',
    lastCompensationWithFailures: `the oldest completed step is done, but a compensation failed (${r.counters.failedCompensations} so far in this run)`,
    stopOnCompensationFailure: `onCompensationFailure is ${r.def.onCompensationFailure}: ${r.def.onCompensationFailure === 'stop' ? 'a failed compensation stops compensating (Temporal Java default)' : 'a failed compensation is recorded and the rest run (Temporal Go sample)'}`,
  };
}

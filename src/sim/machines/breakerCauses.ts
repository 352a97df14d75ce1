/** Human causes for breaker transitions, with the numbers that triggered them. */
import type { BreakerContext } from './circuitBreakerMachine';

/** Formats a duration: 1500 → "1.5 s", 250 → "250 ms". */
export function fmtMs(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000} s`;
  return `${Math.round(ms * 100) / 100} ms`;
}

const pct = (x: number): string => `${Math.round(x * 10) / 10}%`;

function windowWords(context: BreakerContext, calls: number): string {
  const c = context.metrics.config;
  return c.slidingWindowType === 'COUNT_BASED' ? `over the last ${calls} calls` : `over the last ${c.slidingWindowSize} s (${calls} calls)`;
}

/** "opened: failure rate 60% ≥ 50% over the last 5 calls (3 failed)". */
export function describeTrip(context: BreakerContext): string {
  const now = context.now();
  const m = context.metrics;
  const t = m.totals(now);
  const c = context.config;
  const cmp = c.tripComparison === 'above' ? '>' : '≥';
  const parts: string[] = [];
  const failureRate = (t.failed * 100) / t.calls;
  const slowRate = (t.slow * 100) / t.calls;
  if (m.lastResult === 'FAILURE_RATE_ABOVE_THRESHOLDS' || m.lastResult === 'ABOVE_THRESHOLDS') {
    parts.push(`failure rate ${pct(failureRate)} ${cmp} ${c.failureRateThreshold}% (${t.failed} of ${t.calls} failed)`);
  }
  if (m.lastResult === 'SLOW_CALL_RATE_ABOVE_THRESHOLDS' || m.lastResult === 'ABOVE_THRESHOLDS') {
    parts.push(`slow-call rate ${pct(slowRate)} ${cmp} ${c.slowCallRateThreshold}% (${t.slow} of ${t.calls} over ${fmtMs(c.slowCallDurationThresholdMs)})`);
  }
  return `${parts.join(' and ')} ${windowWords(context, t.calls)}`;
}

/** Verdict of the trial calls in HALF_OPEN. */
export function describeHalfOpenVerdict(context: BreakerContext, reopen: boolean): string {
  const t = context.metrics.totals(context.now());
  const c = context.config;
  if (reopen) return `trial calls: ${describeTrip(context).replace(/ over the last .*$/, '')} over ${t.calls} trial calls`;
  const cmp = c.tripComparison === 'above' ? '≤' : '<';
  const slow = t.slow > 0 ? `, slow-call rate ${pct((t.slow * 100) / t.calls)} ${cmp} ${c.slowCallRateThreshold}%` : '';
  return `trial calls: failure rate ${pct((t.failed * 100) / t.calls)} ${cmp} ${c.failureRateThreshold}% (${t.failed} of ${t.calls} failed)${slow}`;
}

/** Colours shared by charts, badges and the timeline (CSS variables, so the theme applies). */

export const OUTCOME_COLORS = {
  succeeded: 'var(--c-ok)',
  fallback: 'var(--c-degraded)',
  failed: 'var(--c-fail)',
  rejected: 'var(--c-reject)',
  timedOut: 'var(--c-timeout)',
} as const;

export const OUTCOME_LABELS = {
  succeeded: 'succeeded',
  fallback: 'fallback',
  failed: 'failed',
  rejected: 'rejected',
  timedOut: 'timed out',
} as const;

export const PERCENTILE_COLORS = { p50: 'var(--c-p50)', p95: 'var(--c-p95)', p99: 'var(--c-p99)' } as const;

const STATE_COLORS: Record<string, string> = {
  CLOSED: 'var(--c-ok)',
  OPEN: 'var(--c-fail)',
  HALF_OPEN: 'var(--c-half)',
  DISABLED: 'var(--c-muted)',
  METRICS_ONLY: 'var(--c-degraded)',
  FORCED_OPEN: 'var(--c-forced)',
  AVAILABLE: 'var(--c-ok)',
  SATURATED: 'var(--c-half)',
  FULL: 'var(--c-fail)',
  PERMITS_AVAILABLE: 'var(--c-ok)',
  TOKENS_AVAILABLE: 'var(--c-ok)',
  EXHAUSTED: 'var(--c-reject)',
  EMPTY: 'var(--c-reject)',
  RETRIES_ALLOWED: 'var(--c-ok)',
  RETRIES_REFUSED: 'var(--c-reject)',
  HEALTHY: 'var(--c-ok)',
  WARMING: 'var(--c-degraded)',
  UNHEALTHY: 'var(--c-fail)',
  EJECTED: 'var(--c-timeout)',
  EXECUTING: 'var(--c-half)',
  COMPENSATING: 'var(--c-degraded)',
  COMMITTED: 'var(--c-ok)',
  COMPENSATED: 'var(--c-degraded)',
  STUCK: 'var(--c-timeout)',
};

/** Colour of a machine state. */
export const stateColor = (state: string): string => STATE_COLORS[state] ?? 'var(--c-muted)';

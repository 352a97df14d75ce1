/**
 * Sliding-window call metrics of a circuit breaker, after resilience4j's
 * FixedSizeSlidingWindowMetrics (COUNT_BASED) and SlidingTimeWindowMetrics (TIME_BASED).
 *
 * They are mutable on purpose: the breaker machine records one call per finished call, and
 * copying an N-entry window into a fresh context on every event would make each call O(N).
 * The machine replaces the whole object when resilience4j starts fresh metrics (entering CLOSED,
 * HALF_OPEN or METRICS_ONLY), so history never leaks between states.
 */

/** What the last recorded call made of the thresholds (resilience4j's Result). */
export type ThresholdResult =
  | 'BELOW_MINIMUM_CALLS_THRESHOLD'
  | 'BELOW_THRESHOLDS'
  | 'FAILURE_RATE_ABOVE_THRESHOLDS'
  | 'SLOW_CALL_RATE_ABOVE_THRESHOLDS'
  | 'ABOVE_THRESHOLDS';

export interface MetricsConfig {
  slidingWindowType: 'COUNT_BASED' | 'TIME_BASED';
  /** Calls (COUNT_BASED) or seconds (TIME_BASED). */
  slidingWindowSize: number;
  minimumNumberOfCalls: number;
  failureRateThreshold: number;
  slowCallRateThreshold: number;
  tripComparison: 'atOrAbove' | 'above';
}

/** Aggregated calls currently inside the window. */
export interface WindowTotals {
  calls: number;
  failed: number;
  slow: number;
}

interface Window {
  record(failed: boolean, slow: boolean, atMs: number): void;
  totals(atMs: number): WindowTotals;
}

const FAILED = 1;
const SLOW = 2;

/** The last N outcomes in a ring buffer with running totals. */
class CountWindow implements Window {
  private readonly ring: Uint8Array;
  private next = 0;
  private readonly t: WindowTotals = { calls: 0, failed: 0, slow: 0 };

  constructor(size: number) {
    this.ring = new Uint8Array(size);
  }

  record(failed: boolean, slow: boolean): void {
    const t = this.t;
    if (t.calls === this.ring.length) {
      const old = this.ring[this.next];
      if (old & FAILED) t.failed--;
      if (old & SLOW) t.slow--;
    } else {
      t.calls++;
    }
    this.ring[this.next] = (failed ? FAILED : 0) | (slow ? SLOW : 0);
    if (failed) t.failed++;
    if (slow) t.slow++;
    this.next = this.next + 1 === this.ring.length ? 0 : this.next + 1;
  }

  totals(): WindowTotals {
    return this.t;
  }
}

/** One bucket per simulated second; buckets older than N seconds fall out of the window. */
class TimeWindow implements Window {
  private readonly epochs: Float64Array;
  private readonly calls: Uint32Array;
  private readonly failed: Uint32Array;
  private readonly slow: Uint32Array;
  private readonly t: WindowTotals = { calls: 0, failed: 0, slow: 0 };
  private headEpoch = -1;

  constructor(private readonly size: number) {
    this.epochs = new Float64Array(size).fill(-1);
    this.calls = new Uint32Array(size);
    this.failed = new Uint32Array(size);
    this.slow = new Uint32Array(size);
  }

  /** Drops buckets that left the window by `epoch` (resilience4j moveWindowToCurrentEpochSecond). */
  private advance(epoch: number): void {
    if (epoch <= this.headEpoch) return;
    const steps = Math.min(epoch - this.headEpoch, this.size);
    for (let k = 1; k <= steps; k++) {
      const e = epoch - steps + k;
      const i = e % this.size;
      if (this.epochs[i] !== e) {
        this.t.calls -= this.calls[i];
        this.t.failed -= this.failed[i];
        this.t.slow -= this.slow[i];
        this.calls[i] = this.failed[i] = this.slow[i] = 0;
        this.epochs[i] = e;
      }
    }
    this.headEpoch = epoch;
  }

  record(failed: boolean, slow: boolean, atMs: number): void {
    const epoch = Math.floor(atMs / 1000);
    this.advance(epoch);
    const i = epoch % this.size;
    this.calls[i]++;
    this.t.calls++;
    if (failed) {
      this.failed[i]++;
      this.t.failed++;
    }
    if (slow) {
      this.slow[i]++;
      this.t.slow++;
    }
  }

  totals(atMs: number): WindowTotals {
    this.advance(Math.floor(atMs / 1000));
    return this.t;
  }
}

/** Failure and slow-call rates over a sliding window, and how they compare to the thresholds. */
export class BreakerMetrics {
  private readonly window: Window;
  /** Calls needed before rates are computed (COUNT_BASED caps it at the window size). */
  minimumCalls: number;
  readonly config: MetricsConfig;
  /** Metrics of HALF_OPEN's trial calls. */
  readonly halfOpen: boolean;
  /** Result of the most recent recorded call. */
  lastResult: ThresholdResult = 'BELOW_MINIMUM_CALLS_THRESHOLD';
  /** Every call recorded since these metrics started (not only those in the window). */
  recorded = 0;

  constructor(config: MetricsConfig, halfOpen = false) {
    this.config = { ...config };
    this.halfOpen = halfOpen;
    const countBased = config.slidingWindowType === 'COUNT_BASED';
    this.window = countBased ? new CountWindow(config.slidingWindowSize) : new TimeWindow(config.slidingWindowSize);
    this.minimumCalls = countBased ? Math.min(config.minimumNumberOfCalls, config.slidingWindowSize) : config.minimumNumberOfCalls;
  }

  /** Metrics for HALF_OPEN: a count window of exactly the N trial calls (resilience4j forHalfOpen). */
  static forHalfOpen(permitted: number, config: MetricsConfig): BreakerMetrics {
    return new BreakerMetrics({ ...config, slidingWindowType: 'COUNT_BASED', slidingWindowSize: permitted, minimumNumberOfCalls: permitted }, true);
  }

  /** Takes new thresholds (a live knob change) while keeping the calls already recorded. */
  retune(config: MetricsConfig): this {
    const c = this.config;
    c.failureRateThreshold = config.failureRateThreshold;
    c.slowCallRateThreshold = config.slowCallRateThreshold;
    c.tripComparison = config.tripComparison;
    if (!this.halfOpen) {
      c.minimumNumberOfCalls = config.minimumNumberOfCalls;
      this.minimumCalls = c.slidingWindowType === 'COUNT_BASED' ? Math.min(c.minimumNumberOfCalls, c.slidingWindowSize) : c.minimumNumberOfCalls;
    }
    return this;
  }

  /** Whether a new config needs a new window (its type or size changed). */
  static reshapes(a: MetricsConfig, b: MetricsConfig): boolean {
    return a.slidingWindowType !== b.slidingWindowType || a.slidingWindowSize !== b.slidingWindowSize;
  }

  /** Records one finished call and evaluates the thresholds (so a success can trip the breaker). */
  record(failed: boolean, slow: boolean, atMs: number): ThresholdResult {
    this.window.record(failed, slow, atMs);
    this.recorded++;
    this.lastResult = this.evaluate(this.window.totals(atMs));
    return this.lastResult;
  }

  /** Current totals inside the window. */
  totals(atMs: number): WindowTotals {
    return this.window.totals(atMs);
  }

  /** Failure rate in percent, or -1 while below the minimum number of calls. */
  failureRate(atMs: number): number {
    const t = this.window.totals(atMs);
    return t.calls === 0 || t.calls < this.minimumCalls ? -1 : (t.failed * 100) / t.calls;
  }

  /** Slow-call rate in percent, or -1 while below the minimum number of calls. */
  slowCallRate(atMs: number): number {
    const t = this.window.totals(atMs);
    return t.calls === 0 || t.calls < this.minimumCalls ? -1 : (t.slow * 100) / t.calls;
  }

  private evaluate(t: WindowTotals): ThresholdResult {
    if (t.calls === 0 || t.calls < this.minimumCalls) return 'BELOW_MINIMUM_CALLS_THRESHOLD';
    const c = this.config;
    const failureRate = (t.failed * 100) / t.calls;
    const slowRate = (t.slow * 100) / t.calls;
    const above = c.tripComparison === 'above';
    const failing = above ? failureRate > c.failureRateThreshold : failureRate >= c.failureRateThreshold;
    const slowing = above ? slowRate > c.slowCallRateThreshold : slowRate >= c.slowCallRateThreshold;
    if (failing && slowing) return 'ABOVE_THRESHOLDS';
    if (failing) return 'FAILURE_RATE_ABOVE_THRESHOLDS';
    if (slowing) return 'SLOW_CALL_RATE_ABOVE_THRESHOLDS';
    return 'BELOW_THRESHOLDS';
  }
}

/** Whether a result means the breaker should open. */
export const exceedsThresholds = (r: ThresholdResult): boolean =>
  r === 'ABOVE_THRESHOLDS' || r === 'FAILURE_RATE_ABOVE_THRESHOLDS' || r === 'SLOW_CALL_RATE_ABOVE_THRESHOLDS';

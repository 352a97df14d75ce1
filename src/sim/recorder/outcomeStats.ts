/** Request counts by outcome and the latency histogram of one slice of a run. */
import type { CallResult, RejectedBy } from '../pipeline/types';
import { Histogram } from './histogram';

export interface Totals {
  generated: number;
  succeeded: number;
  fallback: number;
  failed: number;
  rejected: number;
  timedOut: number;
  inFlight: number;
  attempts: number;
}

export class OutcomeStats {
  generated = 0;
  succeeded = 0;
  fallback = 0;
  failed = 0;
  rejected = 0;
  timedOut = 0;
  attempts = 0;
  readonly rejectedBy: Record<RejectedBy, number> = {
    circuitBreaker: 0,
    bulkhead: 0,
    rateLimiter: 0,
    retryBudget: 0,
    shed: 0,
    client: 0,
  };
  readonly latency = new Histogram();
  sagasCommitted = 0;
  sagasCompensated = 0;
  sagasStuck = 0;
  failedCompensations = 0;

  /** Counts a saga instance that ended. */
  saga(outcome: 'COMMITTED' | 'COMPENSATED' | 'STUCK', failedCompensations: number): void {
    if (outcome === 'COMMITTED') this.sagasCommitted++;
    else if (outcome === 'COMPENSATED') this.sagasCompensated++;
    else this.sagasStuck++;
    this.failedCompensations += failedCompensations;
  }

  /** Counts a request that ended with `result` after `latencyMs` (rejections stay out of latency). */
  end(result: CallResult, latencyMs: number): void {
    switch (result.outcome) {
      case 'success':
        this.succeeded++;
        break;
      case 'fallback':
        this.fallback++;
        break;
      case 'failure':
        this.failed++;
        break;
      case 'timeout':
        this.timedOut++;
        break;
      case 'rejected':
        this.rejected++;
        this.rejectedBy[result.rejectedBy ?? 'client']++;
        return;
    }
    this.latency.record(latencyMs);
  }

  get ended(): number {
    return this.succeeded + this.fallback + this.failed + this.rejected + this.timedOut;
  }

  /** The conserved totals: generated = succeeded + fallback + failed + rejected + timedOut + inFlight. */
  totals(): Totals {
    return {
      generated: this.generated,
      succeeded: this.succeeded,
      fallback: this.fallback,
      failed: this.failed,
      rejected: this.rejected,
      timedOut: this.timedOut,
      inFlight: this.generated - this.ended,
      attempts: this.attempts,
    };
  }
}

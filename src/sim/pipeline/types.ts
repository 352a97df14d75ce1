/**
 * The call pipeline: each policy is a Handler wrapping the next, in continuation-passing style
 * on the event heap (no actor and no promise per request).
 */

/** How a call ended, as its caller sees it. */
export type Outcome = 'success' | 'failure' | 'timeout' | 'rejected' | 'fallback';

/** Who turned a call away without trying it. */
export type RejectedBy = 'circuitBreaker' | 'bulkhead' | 'rateLimiter' | 'retryBudget' | 'shed' | 'client';

export interface CallResult {
  readonly outcome: Outcome;
  readonly rejectedBy?: RejectedBy;
}

/** Shared immutable results, so the hot path allocates none. */
export const RESULT = {
  success: Object.freeze({ outcome: 'success' }) as CallResult,
  failure: Object.freeze({ outcome: 'failure' }) as CallResult,
  timeout: Object.freeze({ outcome: 'timeout' }) as CallResult,
  fallback: Object.freeze({ outcome: 'fallback' }) as CallResult,
  rejected: Object.freeze({
    circuitBreaker: Object.freeze({ outcome: 'rejected', rejectedBy: 'circuitBreaker' }),
    bulkhead: Object.freeze({ outcome: 'rejected', rejectedBy: 'bulkhead' }),
    rateLimiter: Object.freeze({ outcome: 'rejected', rejectedBy: 'rateLimiter' }),
    retryBudget: Object.freeze({ outcome: 'rejected', rejectedBy: 'retryBudget' }),
    shed: Object.freeze({ outcome: 'rejected', rejectedBy: 'shed' }),
    client: Object.freeze({ outcome: 'rejected', rejectedBy: 'client' }),
  }) as Record<RejectedBy, CallResult>,
} as const;

/**
 * Carries "the caller gave up" down the pipeline. `abandoned`: the caller stopped waiting but
 * the work goes on (it is wasted when it finishes). `cancel()`: resources are freed now, as
 * cancellation propagation would (cancelOnTimeout).
 */
export class CancelToken {
  abandoned = false;
  cancelled = false;
  private handlers: Array<() => void> | null = null;

  constructor(readonly parent: CancelToken | null) {
    if (parent) parent.onCancel(() => this.cancel());
  }

  /** Whether this call or any enclosing one has been given up on. */
  get isAbandoned(): boolean {
    return this.abandoned || this.cancelled || (this.parent !== null && this.parent.isAbandoned);
  }

  /** Registers a release to run on cancel (newest first). */
  onCancel(fn: () => void): void {
    if (this.cancelled) {
      fn();
      return;
    }
    (this.handlers ??= []).push(fn);
  }

  /** Frees everything registered, innermost (newest) first. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const hs = this.handlers;
    this.handlers = null;
    if (hs) for (let i = hs.length - 1; i >= 0; i--) hs[i]();
  }
}

/** One request from the client, across all its attempts. */
export interface RequestState {
  /** Sequential id; keys every random draw of this request. */
  readonly id: number;
  /** Index of the dependency it calls. */
  readonly dep: number;
  readonly startedAt: number;
  /** A saga's step or compensation call rather than a client request. */
  readonly internal?: boolean;
  /** For a saga request: the index of its saga. */
  readonly saga?: number;
  /** The instance that took the latest attempt (for the topology's animation). */
  lastBackend?: number;
}

/** One pass of a request through (part of) the pipeline. */
export interface Call {
  readonly req: RequestState;
  /** 0 for the first attempt, n for the n-th retry. */
  readonly attempt: number;
  /** Set when a timeout encloses this call. */
  readonly token: CancelToken | null;
}

/** A pipeline stage: runs the call and reports its result exactly once (or never, if hung or cancelled). */
export type Handler = (call: Call, done: (result: CallResult) => void) => void;

/** Whether a result counts as a failure for a breaker (errors, timeouts and inner rejections). */
export const isFailure = (r: CallResult): boolean => r.outcome !== 'success' && r.outcome !== 'fallback';

/**
 * Retry backoff and jitter, after AWS "Exponential Backoff and Jitter": each wait is a pure
 * function of the retry number, the previous wait (decorrelated jitter) and one uniform draw.
 */
import type { RetryPolicy } from '../scenario/policies';

/** The wait before retry n (1 = the first retry) without jitter: constant, linear or exponential, capped. */
export function baseBackoff(backoff: RetryPolicy['backoff'], n: number): number {
  let wait: number;
  switch (backoff.kind) {
    case 'constant':
      wait = backoff.baseMs;
      break;
    case 'linear':
      wait = backoff.baseMs * n;
      break;
    case 'exponential':
      wait = backoff.baseMs;
      // Repeated multiplication, not Math.pow, so every engine gets the same bits.
      for (let i = 1; i < n; i++) {
        wait *= backoff.multiplier;
        if (wait >= backoff.capMs) break;
      }
      break;
  }
  return Math.min(backoff.capMs, wait);
}

/**
 * The wait before retry n with the policy's jitter, given a uniform draw u ∈ (0, 1) and the
 * previous wait (used by decorrelated jitter; pass the base for the first retry).
 *  - full: random[0, expo]; equal: expo/2 + random[0, expo/2];
 *  - decorrelated: min(cap, random[base, previous · 3]);
 *  - proportional (resilience4j randomized wait): expo · (1 ± randomizationFactor).
 */
export function jitteredBackoff(policy: Pick<RetryPolicy, 'backoff' | 'jitter' | 'randomizationFactor'>, n: number, u: number, previousMs: number): number {
  const expo = baseBackoff(policy.backoff, n);
  switch (policy.jitter) {
    case 'none':
      return expo;
    case 'full':
      return u * expo;
    case 'equal':
      return expo / 2 + (u * expo) / 2;
    case 'decorrelated': {
      const base = policy.backoff.baseMs;
      const hi = Math.max(base, previousMs * 3);
      return Math.min(policy.backoff.capMs, base + u * (hi - base));
    }
    case 'proportional': {
      const f = policy.randomizationFactor;
      return expo * (1 - f) + u * (2 * f * expo);
    }
  }
}

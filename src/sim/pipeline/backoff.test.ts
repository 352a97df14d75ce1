import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseBackoff, jitteredBackoff } from './backoff';

const expo = { kind: 'exponential' as const, baseMs: 100, multiplier: 2, capMs: 1000 };

describe('backoff (AWS "Exponential Backoff and Jitter")', () => {
  it('exponential: min(cap, base · multiplier^(n−1))', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => baseBackoff(expo, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('resilience4j defaults: 500 ms × 1.5 per retry', () => {
    const r4j = { kind: 'exponential' as const, baseMs: 500, multiplier: 1.5, capMs: 30_000 };
    expect([1, 2, 3].map((n) => baseBackoff(r4j, n))).toEqual([500, 750, 1125]);
  });

  it('constant and linear', () => {
    expect([1, 2, 3].map((n) => baseBackoff({ ...expo, kind: 'constant' }, n))).toEqual([100, 100, 100]);
    expect([1, 2, 3, 20].map((n) => baseBackoff({ ...expo, kind: 'linear' }, n))).toEqual([100, 200, 300, 1000]);
  });

  const policy = (jitter: 'none' | 'full' | 'equal' | 'decorrelated' | 'proportional') => ({ backoff: expo, jitter, randomizationFactor: 0.5 });

  it('full jitter = random[0, expo]; equal = expo/2 + random[0, expo/2]', () => {
    expect(jitteredBackoff(policy('full'), 3, 0.25, 100)).toBe(100);
    expect(jitteredBackoff(policy('equal'), 3, 0.25, 100)).toBe(250);
    expect(jitteredBackoff(policy('none'), 3, 0.25, 100)).toBe(400);
  });

  it('decorrelated = min(cap, random[base, previous · 3])', () => {
    expect(jitteredBackoff(policy('decorrelated'), 1, 0.5, 100)).toBe(200); // [100, 300]
    expect(jitteredBackoff(policy('decorrelated'), 2, 0.5, 300)).toBe(500); // [100, 900]
    expect(jitteredBackoff(policy('decorrelated'), 3, 0.99, 900)).toBe(1000); // capped
  });

  it('proportional (resilience4j randomized) = expo · (1 ± factor)', () => {
    expect(jitteredBackoff(policy('proportional'), 2, 0, 100)).toBe(100);
    expect(jitteredBackoff(policy('proportional'), 2, 0.5, 100)).toBe(200);
  });

  it('every jittered wait stays within its documented range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 5000 }), (n, u, prev) => {
        const e = baseBackoff(expo, n);
        const full = jitteredBackoff(policy('full'), n, u, prev);
        const equal = jitteredBackoff(policy('equal'), n, u, prev);
        const dec = jitteredBackoff(policy('decorrelated'), n, u, prev);
        expect(full).toBeGreaterThanOrEqual(0);
        expect(full).toBeLessThanOrEqual(e);
        expect(equal).toBeGreaterThanOrEqual(e / 2);
        expect(equal).toBeLessThanOrEqual(e);
        expect(dec).toBeGreaterThanOrEqual(Math.min(expo.capMs, expo.baseMs));
        expect(dec).toBeLessThanOrEqual(expo.capMs);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mmcMeanQueueWait } from './erlang';

/** Erlang C by the textbook sum, (a^c/c!)/(1−ρ) / (Σ_{k<c} a^k/k! + (a^c/c!)/(1−ρ)). */
function erlangCBySum(c: number, a: number): number {
  let factorial = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) factorial *= k;
    sum += Math.pow(a, k) / factorial;
  }
  const top = Math.pow(a, c) / (factorial * c) / (1 - a / c);
  return top / (sum + top);
}

describe('Erlang B and C', () => {
  it('match hand-computed values: B(1, a) = a/(1+a), B(2, 1) = 1/5, C(3, 2) = 4/9', () => {
    expect(erlangB(1, 0.5)).toBeCloseTo(1 / 3, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    // The worked example ErlangC[3, 2] = 4/9: Σ_{k<3} 2^k/k! = 5, (2^3/3!)·3 = 4, so 4/(5+4).
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 15);
  });

  it('C(1, ρ) = ρ: in M/M/1 an arrival waits exactly when the server is busy', () => {
    for (const rho of [0.1, 0.5, 0.8, 0.95]) expect(erlangC(1, rho)).toBeCloseTo(rho, 14);
  });

  it('agrees with the textbook sum for c = 1..40 and loads up to 0.95', () => {
    for (let c = 1; c <= 40; c++) {
      for (const rho of [0.05, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95]) {
        const a = rho * c;
        const got = erlangC(c, a);
        const want = erlangCBySum(c, a);
        expect(Math.abs(got - want) / want, `c=${c} ρ=${rho}`).toBeLessThan(1e-12);
      }
    }
  });

  it('stays finite and in (0, 1) for thousands of servers, where a^c/c! overflows', () => {
    const c = erlangC(5_000, 4_900);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    // More servers for the same load: less waiting.
    expect(erlangC(5_001, 4_900)).toBeLessThan(c);
  });

  it('rejects unstable or meaningless arguments', () => {
    expect(() => erlangC(2, 2)).toThrow(RangeError);
    expect(() => erlangC(0, 0.5)).toThrow(RangeError);
    expect(() => erlangC(1.5, 0.5)).toThrow(RangeError);
    expect(() => erlangB(1, -1)).toThrow(RangeError);
    expect(() => mmcMeanQueueWait(1, 0.05, 0)).toThrow(RangeError);
  });
});

describe('M/M/c mean wait in queue', () => {
  it('M/M/1: Wq = ρ/(μ − λ)', () => {
    const meanMs = 10;
    const mu = 1 / meanMs;
    for (const rho of [0.5, 0.8, 0.9]) {
      const lambda = rho * mu;
      expect(mmcMeanQueueWait(1, lambda, meanMs)).toBeCloseTo(rho / (mu - lambda), 10);
    }
    // ρ = 0.5 with 10 ms service: 10 ms; ρ = 0.8: 40 ms.
    expect(mmcMeanQueueWait(1, 0.05, 10)).toBeCloseTo(10, 12);
    expect(mmcMeanQueueWait(1, 0.08, 10)).toBeCloseTo(40, 12);
  });

  it('M/M/2: Wq = ρ²/(μ(1 − ρ²))', () => {
    for (const rho of [0.3, 0.6, 0.9]) {
      const mu = 1 / 10;
      const lambda = 2 * rho * mu;
      expect(mmcMeanQueueWait(2, lambda, 10)).toBeCloseTo((rho * rho) / (mu * (1 - rho * rho)), 10);
    }
  });

  it('M/M/3 with a = 2 erlangs: Wq = C·E[S]/(c − a) = (4/9)·E[S]', () => {
    // λ = 0.2 per ms, E[S] = 10 ms: a = 2, c·μ − λ = 0.1 per ms.
    expect(mmcMeanQueueWait(3, 0.2, 10)).toBeCloseTo(40 / 9, 12);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Histogram, bucketOf } from './histogram';
import { exp, ln, normalQuantile } from '../math';
import { uniform } from '../random';

/** Exact nearest-rank percentile of sorted samples, rank = ⌈p/100 · n⌉ (at least 1). */
function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1];
}

const PERCENTILES = [0.01, 0.1, 1, 5, 10, 25, 33.3, 50, 66.7, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

function histogramOf(samples: readonly number[]): Histogram {
  const h = new Histogram();
  for (const s of samples) h.record(s);
  return h;
}

/** Asserts every listed percentile is within 1 % of the exact one (or, below 0.1 ms, at most 0.1). */
function expectPercentilesClose(samples: readonly number[], ps: readonly number[] = PERCENTILES): void {
  const h = histogramOf(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  for (const p of ps) {
    const exact = exactPercentile(sorted, p);
    const got = h.percentile(p);
    if (exact < 0.1) {
      expect(got).toBeLessThanOrEqual(0.1);
      continue;
    }
    const rel = Math.abs(got - exact) / exact;
    if (rel > 0.01) throw new Error(`p${p}: got ${got}, exact ${exact} (relative error ${rel})`);
  }
}

const N = 20_000;
const u = (stream: number, i: number) => uniform(2024, stream, i, 0, 0);
const samplesBy = (stream: number, f: (x: number, i: number) => number) => Array.from({ length: N }, (_, i) => f(u(stream, i), i));

describe('Histogram percentiles against exact nearest-rank values', () => {
  it('lognormal (median 50 ms, σ = 1)', () => {
    expectPercentilesClose(samplesBy(1, (x) => 50 * exp(normalQuantile(x))));
  });

  it('lognormal with a heavy tail (median 5 ms, σ = 2.5)', () => {
    expectPercentilesClose(samplesBy(2, (x) => 5 * exp(2.5 * normalQuantile(x))));
  });

  it('exponential (mean 20 ms), including the part below 0.1 ms', () => {
    const samples = samplesBy(3, (x) => -20 * ln(x));
    expect(samples.some((s) => s < 0.1)).toBe(true); // the bucket-0 branch is exercised
    expectPercentilesClose(samples);
  });

  it('uniform (10–1000 ms)', () => {
    expectPercentilesClose(samplesBy(4, (x) => 10 + 990 * x));
  });

  it('bimodal (fast cache hits around 2 ms, slow misses around 800 ms)', () => {
    const samples = samplesBy(5, (x, i) => (u(6, i) < 0.7 ? 2 * exp(0.2 * normalQuantile(x)) : 800 * exp(0.3 * normalQuantile(x))));
    expectPercentilesClose(samples, [...PERCENTILES, 69, 70, 71]);
    // The gap between the modes must not leak into percentiles on either side of it.
    const h = histogramOf(samples);
    expect(h.percentile(50)).toBeLessThan(10);
    expect(h.percentile(90)).toBeGreaterThan(200);
  });

  it('every rank of a small sample (1 … 500 in steps of 0.37 ms)', () => {
    const samples = Array.from({ length: 500 }, (_, i) => 0.37 * (i + 1));
    const ps = Array.from({ length: 500 }, (_, k) => ((k + 1) / 500) * 100);
    expectPercentilesClose(samples, ps);
  });

  it('property: random arrays of positive numbers ≥ 0.1 and random p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.double({ min: 1e-6, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (samples, ps) => {
          expectPercentilesClose(samples, ps);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: percentiles are monotone in p and lie within [min, max]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 300 }), (samples) => {
        const h = histogramOf(samples);
        let prev = -Infinity;
        for (let p = 0.5; p <= 100; p += 0.5) {
          const v = h.percentile(p);
          expect(v).toBeGreaterThanOrEqual(prev);
          expect(v).toBeGreaterThanOrEqual(h.min);
          expect(v).toBeLessThanOrEqual(h.max);
          prev = v;
        }
        expect(h.percentile(100)).toBe(h.max);
      }),
      { numRuns: 100 },
    );
  });

  it('a single sample is every percentile', () => {
    const h = histogramOf([42.5]);
    for (const p of [0.1, 50, 99, 100]) expect(h.percentile(p)).toBe(42.5);
  });

  // Regression: the rank was ceil((p / 100) · n), and (7 / 100) · 100 = 7.000000000000001 made
  // percentile(7) of 1…100 the 8th value.
  it('uses the mathematically exact nearest rank (p · n / 100) for integer p and n', () => {
    const h = histogramOf(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const p of [7, 14, 28, 56]) expect(Math.abs(h.percentile(p) - p) / p).toBeLessThan(0.01);
  });
});

describe('Histogram summary statistics', () => {
  it('count, sum, mean, min and max are exact', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 }), (samples) => {
        const h = histogramOf(samples);
        let sum = 0;
        for (const s of samples) sum += s;
        expect(h.count).toBe(samples.length);
        expect(h.sum).toBe(sum);
        expect(h.mean).toBe(sum / samples.length);
        expect(h.min).toBe(Math.min(...samples));
        expect(h.max).toBe(Math.max(...samples));
      }),
      { numRuns: 300 },
    );
  });

  it('an empty histogram gives NaN mean and percentiles', () => {
    const h = new Histogram();
    expect(h.count).toBe(0);
    expect(h.mean).toBeNaN();
    for (const p of [1, 50, 100]) expect(h.percentile(p)).toBeNaN();
  });

  it('keeps memory proportional to the range of buckets seen', () => {
    const narrow = histogramOf(Array.from({ length: 100_000 }, (_, i) => 100 + (i % 100) / 10));
    expect(narrow.bytes).toBeLessThan(1024);
    const wide = histogramOf([0.1, 1e6]);
    // 0.1 ms … 1e6 ms spans ln(1e7) / ln(1.01) ≈ 1620 buckets of 8 bytes, plus slack.
    expect(wide.bytes).toBeLessThan(1620 * 8 * 1.5 + 64);
    expect(Math.abs(wide.percentile(50) - 0.1) / 0.1).toBeLessThan(0.01);
    expect(wide.percentile(100)).toBe(1e6);
  });
});

describe('bucketOf', () => {
  it('puts values under 0.1 ms in bucket 0 and 0.1 ms in bucket 1', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.0999)).toBe(0);
    expect(bucketOf(0.1)).toBe(1);
    expect(bucketOf(0.1 * 1.01 * 1.001)).toBe(2);
  });

  it('is monotone non-decreasing and buckets are about 1 % wide', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
        const y = x * (1 + d);
        expect(bucketOf(y)).toBeGreaterThanOrEqual(bucketOf(x));
        if (d > 0.0101) expect(bucketOf(y)).toBeGreaterThan(bucketOf(x));
        if (d < 0.0099) expect(bucketOf(y) - bucketOf(x)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Histogram.merge', () => {
  /** Compares two histograms at every rank. */
  function expectSameDistribution(a: Histogram, b: Histogram): void {
    expect(a.count).toBe(b.count);
    expect(a.min).toBe(b.min);
    expect(a.max).toBe(b.max);
    expect(a.sum).toBeCloseTo(b.sum, 6);
    for (let k = 1; k <= a.count; k++) {
      const p = (k / a.count) * 100;
      expect(a.percentile(p)).toBe(b.percentile(p));
    }
  }

  it('merging equals recording all samples (random splits into several parts)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { maxLength: 80 }), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const all = parts.flat();
          const direct = histogramOf(all);
          const merged = new Histogram();
          for (const part of parts) merged.merge(histogramOf(part));
          expectSameDistribution(merged, direct);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges ranges that extend the target on either side', () => {
    const mid = histogramOf([50, 60, 70]);
    const low = histogramOf([0.05, 0.2, 1]);
    const high = histogramOf([5000, 90_000]);
    mid.merge(low);
    mid.merge(high);
    expectSameDistribution(mid, histogramOf([50, 60, 70, 0.05, 0.2, 1, 5000, 90_000]));
    // And in the other order.
    const h = histogramOf([5000, 90_000]);
    h.merge(histogramOf([0.05, 0.2, 1]));
    h.merge(histogramOf([50, 60, 70]));
    expectSameDistribution(h, histogramOf([50, 60, 70, 0.05, 0.2, 1, 5000, 90_000]));
  });

  it('merging an empty histogram changes nothing; merging into an empty one copies', () => {
    const h = histogramOf([1, 2, 3]);
    h.merge(new Histogram());
    expectSameDistribution(h, histogramOf([1, 2, 3]));
    const e = new Histogram();
    e.merge(histogramOf([4, 5, 6]));
    expectSameDistribution(e, histogramOf([4, 5, 6]));
    expect(e.mean).toBe(5);
  });

  it('does not modify the merged-in histogram', () => {
    const a = histogramOf([1, 10, 100]);
    const b = histogramOf([2, 20]);
    a.merge(b);
    expectSameDistribution(b, histogramOf([2, 20]));
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exp, ln, normalQuantile, pow, powInt } from './math';

/** |a − b| ≤ rel·|b|, with exact agreement required when b is 0 or not finite. */
function expectRelClose(actual: number, expected: number, rel: number): void {
  if (!Number.isFinite(expected) || expected === 0) {
    expect(actual).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected) / Math.abs(expected);
  if (err > rel) throw new Error(`relative error ${err} > ${rel}: got ${actual}, expected ${expected}`);
}

const positiveDouble = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });

describe('ln', () => {
  it('agrees with Math.log to 1e-15 relative on random positive doubles', () => {
    fc.assert(
      fc.property(positiveDouble, (x) => {
        expectRelClose(ln(x), Math.log(x), 1e-15);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Math.log on a dense grid, including near 1 where ln is tiny', () => {
    for (let i = 1; i <= 20_000; i++) {
      const x = i / 997;
      expectRelClose(ln(x), Math.log(x), 1e-15);
    }
    for (let k = 1; k <= 60; k++) {
      const x = 1 + 2 ** -k;
      expectRelClose(ln(x), Math.log(x), 1e-15);
      expectRelClose(ln(1 - 2 ** -(k + 1)), Math.log(1 - 2 ** -(k + 1)), 1e-15);
    }
  });

  it('is exact at the easy points and handles the special values', () => {
    expect(ln(1)).toBe(0);
    expect(ln(Math.E)).toBeCloseTo(1, 15);
    expect(ln(0)).toBe(-Infinity);
    expect(ln(Infinity)).toBe(Infinity);
    expect(ln(-1)).toBeNaN();
    expect(ln(NaN)).toBeNaN();
    expectRelClose(ln(Number.MIN_VALUE), Math.log(Number.MIN_VALUE), 1e-15); // subnormal
  });
});

describe('exp', () => {
  it('agrees with Math.exp to 1e-15 relative wherever the result is a normal double', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709.78, noNaN: true }), (x) => {
        expectRelClose(exp(x), Math.exp(x), 1e-15);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Math.exp to within one subnormal step where the result underflows to subnormals', () => {
    // fdlibm (stdlib) and V8 may round a subnormal result differently by one step (e.g. x = −745).
    fc.assert(
      fc.property(fc.double({ min: -760, max: -708, noNaN: true }), (x) => {
        expect(Math.abs(exp(x) - Math.exp(x))).toBeLessThanOrEqual(Number.MIN_VALUE);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Math.exp on a dense grid', () => {
    for (let i = -20_000; i <= 20_000; i++) {
      const x = i / 29.3; // −682.6 … 682.6
      expectRelClose(exp(x), Math.exp(x), 1e-15);
    }
  });

  it('handles the special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(NaN)).toBeNaN();
  });

  it('inverts ln', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        expectRelClose(exp(ln(x)), x, 1e-12);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('powInt', () => {
  it('is exact for small integers', () => {
    for (let base = -12; base <= 12; base++) {
      let expected = 1;
      for (let n = 0; n <= 14; n++) {
        expect(powInt(base, n)).toBe(expected);
        expected *= base;
      }
    }
  });

  it('is exact for powers of two, including fractional and huge ones', () => {
    for (let n = 0; n < 1024; n++) expect(powInt(2, n)).toBe(2 ** n);
    for (let n = 0; n < 1075; n++) expect(powInt(0.5, n)).toBe(2 ** -n);
    expect(powInt(2, 1024)).toBe(Infinity);
  });

  it('returns 1 for n = 0 and uses the floor of a fractional n', () => {
    expect(powInt(123.456, 0)).toBe(1);
    expect(powInt(0, 0)).toBe(1);
    expect(powInt(3, 2.9)).toBe(9);
  });
});

describe('pow', () => {
  it('pow(2, 0.5) ≈ √2', () => {
    expectRelClose(pow(2, 0.5), Math.SQRT2, 1e-15);
  });

  it('takes the exact integer path for integer exponents', () => {
    expect(pow(3, 4)).toBe(81);
    expect(pow(10, 15)).toBe(1e15);
    expect(pow(1.5, 2)).toBe(2.25);
    expect(pow(7, 0)).toBe(1);
  });

  it('handles base 0', () => {
    expect(pow(0, 2)).toBe(0);
    expect(pow(0, 0.5)).toBe(0);
    expect(pow(0, -0.5)).toBe(Infinity);
  });

  it('agrees with ** for positive bases and real exponents', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), (b, y) => {
        // exp(y·ln b) loses up to |y·ln b|·2^-53 relatively; 1e-12 is far above that here.
        expectRelClose(pow(b, y), b ** y, 1e-12);
      }),
      { numRuns: 5000 },
    );
  });

  it('handles negative integer exponents as reciprocals', () => {
    expectRelClose(pow(2, -3), 0.125, 1e-15);
    expectRelClose(pow(10, -2), 0.01, 1e-15);
  });
});

describe('normalQuantile', () => {
  it('Φ⁻¹(0.5) is exactly 0', () => {
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('matches reference values', () => {
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-8);
    expect(Math.abs(normalQuantile(0.025) + 1.959963984540054)).toBeLessThan(1e-8);
    expect(Math.abs(normalQuantile(0.01) + 2.3263478740408408)).toBeLessThan(1e-6);
    expect(Math.abs(normalQuantile(0.99) - 2.3263478740408408)).toBeLessThan(1e-6);
    expect(Math.abs(normalQuantile(0.8413447460685429) - 1)).toBeLessThan(1e-8);
    expect(Math.abs(normalQuantile(1e-10) + 6.361340902404056)).toBeLessThan(1e-7);
  });

  it('is exactly antisymmetric for dyadic p (where 1 − p is exact)', () => {
    for (let k = 1; k < 1024; k++) {
      const p = k / 1024;
      expect(normalQuantile(1 - p) + normalQuantile(p)).toBe(0);
    }
  });

  it('is exactly antisymmetric for p ≥ 0.5 (then 1 − p is exact)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), (p) => {
        expect(normalQuantile(1 - p) + normalQuantile(p)).toBe(0);
      }),
      { numRuns: 10_000 },
    );
  });

  it('is antisymmetric to 1e-9 for p away from the extreme tails', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
        expect(Math.abs(normalQuantile(p) + normalQuantile(1 - p))).toBeLessThan(1e-9);
      }),
      { numRuns: 5000 },
    );
  });

  it('is strictly increasing across the region boundaries', () => {
    let prev = -Infinity;
    for (let i = 1; i < 100_000; i++) {
      const q = normalQuantile(i / 100_000);
      expect(q).toBeGreaterThan(prev);
      prev = q;
    }
    // Around the switch between the tail and central formulas.
    for (const edge of [0.02425, 1 - 0.02425]) {
      expect(normalQuantile(edge - 1e-12)).toBeLessThan(normalQuantile(edge + 1e-12));
      expect(Math.abs(normalQuantile(edge - 1e-12) - normalQuantile(edge + 1e-12))).toBeLessThan(1e-8);
    }
  });

  it('returns ±Infinity outside (0, 1)', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(-0.5)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(2)).toBe(Infinity);
  });
});

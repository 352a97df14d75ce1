/**
 * Deterministic math for the engine.
 *
 * Node and Chromium disagree in the last bit for a few percent of Math.log / Math.exp / Math.pow
 * results, which would break byte-identical runs across the two. Everything here is built from
 * + − × ÷ and sqrt (IEEE-exact everywhere) plus the fdlibm ports published by stdlib, which are
 * themselves plain arithmetic and bit manipulation.
 */
import stdlibLn from '@stdlib/math-base-special-ln';
import stdlibExp from '@stdlib/math-base-special-exp';

/** Natural logarithm, identical in every JavaScript engine. */
export const ln: (x: number) => number = stdlibLn;

/** e^x, identical in every JavaScript engine. */
export const exp: (x: number) => number = stdlibExp;

/** base^n for an integer n ≥ 0 by repeated squaring (exact order of operations). */
export function powInt(base: number, n: number): number {
  let result = 1;
  let b = base;
  let e = Math.floor(n);
  while (e > 0) {
    if (e & 1) result *= b;
    b *= b;
    e >>>= 1;
  }
  return result;
}

/** base^y for base > 0 and any real y; integer exponents take the exact path. */
export function pow(base: number, y: number): number {
  if (Number.isInteger(y) && y >= 0 && y < 1024) return powInt(base, y);
  if (base === 0) return y > 0 ? 0 : Infinity;
  return exp(y * ln(base));
}

// Coefficients of Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam), from ln and sqrt only. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * ln(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * ln(1 - p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** Number and time formatting for panels. */

/** 12345.6 → "12,346". Hand-rolled: toLocaleString costs microseconds a call, and panels format thousands of numbers a second. */
export function fmtInt(x: number): string {
  const n = Math.round(x);
  const s = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** Simulated time as seconds with one decimal: "42.0 s". */
export const fmtSimTime = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Latency: "35.3 ms", "1.20 s", "–". */
export function fmtLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export const fmtPct = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–');

/** Speed label: "0.25×", "max". */
export const fmtSpeed = (s: number | 'max'): string => (s === 'max' ? 'max' : `${s}×`);

/** Number and time formatting for panels. */

export const fmtInt = (x: number): string => Math.round(x).toLocaleString('en-US');

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

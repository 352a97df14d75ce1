/**
 * The per-bucket series as CSV: one row per (scope, bucket), scope "all" for every request and a
 * dependency's id for its own requests. Columns follow the series point's fields (docs/scenarios.md,
 * "Metrics"), so a field added to the series shows up here without another change.
 */
import type { SeriesPoint } from './report';

export interface ScopedSeries {
  /** "all", or a dependency id. */
  scope: string;
  points: readonly SeriesPoint[];
}

/** Quotes a cell when CSV needs it (RFC 4180). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function seriesCsv(series: readonly ScopedSeries[], bucketMs: number): string {
  const first = series.find((s) => s.points.length > 0)?.points[0];
  const fields = first ? Object.keys(first).filter((k) => k !== 'tMs') : [];
  const lines = [['scope', 'tMs', 'bucketMs', ...fields].join(',')];
  for (const { scope, points } of series) {
    for (const p of points) {
      const row = p as unknown as Record<string, unknown>;
      lines.push([cell(scope), cell(p.tMs), cell(bucketMs), ...fields.map((f) => cell(row[f]))].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Error rate per simulated second: (failed + rejected + timedOut) ÷ requests ended, stacked by
 * kind, with fallback answers stacked above as "degraded" (not errors, DESIGN.md's definition).
 */
import { memo, useMemo } from 'react';
import { Area, Line } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { OUTCOME_COLORS } from '../colors';
import { fmtPercent, fmtRate, type TableColumn } from './ChartTable';
import { TimeChart, type SeriesChartProps } from './TimeChart';

const STACK = [
  { key: 'failed', label: 'failed', color: OUTCOME_COLORS.failed },
  { key: 'timedOut', label: 'timed out', color: OUTCOME_COLORS.timedOut },
  { key: 'rejected', label: 'rejected', color: OUTCOME_COLORS.rejected },
  { key: 'degraded', label: 'degraded (fallback)', color: OUTCOME_COLORS.fallback },
] as const;

const COLUMNS: TableColumn[] = [
  { key: 'errorRate', label: 'error rate', unit: '%', format: fmtPercent },
  ...STACK.map((s) => ({ key: s.key, label: s.label, unit: '%', format: fmtPercent })),
  { key: 'ended', label: 'ended', unit: '/s' },
];

const LABELS: Record<string, string> = { errorRate: 'error rate', ...Object.fromEntries(STACK.map((s) => [s.key, s.label])) };

/** One drawn row: shares of the requests that ended in the bucket, in percent (null when none ended). */
export function errorRateRow(p: SeriesPoint, bucketMs: number) {
  const ended = p.succeeded + p.fallback + p.failed + p.rejected + p.timedOut;
  const pct = (n: number) => (ended > 0 ? (100 * n) / ended : null);
  return {
    t: p.tMs / 1000,
    errorRate: pct(p.failed + p.rejected + p.timedOut),
    failed: pct(p.failed),
    timedOut: pct(p.timedOut),
    rejected: pct(p.rejected),
    degraded: pct(p.fallback),
    ended: (ended * 1000) / bucketMs,
  };
}

export const ErrorRateChart = memo(function ErrorRateChart({ points, bucketMs, durationMs, bands, cursorMs }: SeriesChartProps) {
  const data = useMemo(() => points.map((p) => errorRateRow(p, bucketMs)), [points, bucketMs]);
  return (
    <TimeChart
      kind="composed"
      title="Error rate"
      unit="(failed + rejected + timed out) ÷ requests ended, %; fallback answers shown as degraded"
      testId="chart-errors"
      data={data}
      columns={COLUMNS}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      yAxis={{ domain: [0, 100], ticks: [0, 50, 100], tickFormatter: (v: number) => `${v}%` }}
      formatter={(v, name, item) => [item.dataKey === 'ended' ? `${fmtRate(Number(v))}/s` : `${fmtPercent(Number(v))}%`, LABELS[String(item.dataKey)] ?? name]}
    >
      {/* Declared first so the tooltip lists it first; lines paint above areas whatever the order. */}
      <Line type="stepAfter" dataKey="errorRate" name="error rate" stroke="var(--fg)" strokeWidth={1.4} dot={false} activeDot={false} isAnimationActive={false} connectNulls={false} />
      {STACK.map((s) => (
        <Area
          key={s.key}
          type="stepAfter"
          dataKey={s.key}
          name={s.label}
          stackId="shares"
          stroke={s.color}
          fill={s.color}
          fillOpacity={s.key === 'degraded' ? 0.22 : 0.55}
          strokeDasharray={s.key === 'degraded' ? '3 2' : undefined}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
          connectNulls={false}
        />
      ))}
    </TimeChart>
  );
});

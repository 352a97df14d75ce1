/**
 * Error rate per simulated second: (failed + rejected + timedOut) ÷ requests ended, stacked by
 * kind, with fallback answers stacked above as "degraded" (not errors, DESIGN.md's definition).
 */
import { memo, useMemo } from 'react';
import { Area, ComposedChart, CartesianGrid, Line, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { OUTCOME_COLORS } from '../colors';
import type { FaultBand } from './faultBands';
import { ChartFrame, secondsAxis, secondsLabel, tooltipStyle, valueAxis } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import { fmtPercent, fmtRate, type TableColumn } from './ChartTable';

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

interface Props {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

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

export const ErrorRateChart = memo(function ErrorRateChart({ points, bucketMs, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => points.map((p) => errorRateRow(p, bucketMs)), [points, bucketMs]);
  return (
    <ChartFrame
      title="Error rate"
      unit="(failed + rejected + timed out) ÷ requests ended, %; fallback answers shown as degraded"
      testId="chart-errors"
      empty={data.length === 0}
      table={{ rows: data, columns: COLUMNS, bucketMs }}
      durationMs={durationMs}
      cursorMs={cursorMs}
    >
      <ComposedChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis {...valueAxis} domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(v: number) => `${v}%`} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip
          {...tooltipStyle}
          labelFormatter={secondsLabel}
          formatter={(v, name, item) => [item.dataKey === 'ended' ? `${fmtRate(Number(v))}/s` : `${fmtPercent(Number(v))}%`, LABELS[String(item.dataKey)] ?? name]}
        />
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
      </ComposedChart>
    </ChartFrame>
  );
});

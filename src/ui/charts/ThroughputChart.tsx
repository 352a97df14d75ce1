/** Requests ended per simulated second, stacked by outcome, with fault windows shaded. */
import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { OUTCOME_COLORS, OUTCOME_LABELS } from '../colors';
import type { FaultBand } from './faultBands';
import { ChartFrame, secondsAxis, secondsLabel, tooltipStyle, valueAxis } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import { fmtRate, type TableColumn } from './ChartTable';

const OUTCOMES = ['succeeded', 'fallback', 'failed', 'timedOut', 'rejected'] as const;
const COLUMNS: TableColumn[] = OUTCOMES.map((o) => ({ key: o, label: OUTCOME_LABELS[o], unit: '/s' }));

interface Props {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

export const ThroughputChart = memo(function ThroughputChart({ points, bucketMs, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => {
    const perSec = 1000 / bucketMs;
    return points.map((p) => ({
      t: p.tMs / 1000,
      succeeded: p.succeeded * perSec,
      fallback: p.fallback * perSec,
      failed: p.failed * perSec,
      timedOut: p.timedOut * perSec,
      rejected: p.rejected * perSec,
    }));
  }, [points, bucketMs]);
  return (
    <ChartFrame
      title="Throughput by outcome"
      unit="requests ended per simulated second"
      testId="chart-throughput"
      empty={data.length === 0}
      table={{ rows: data, columns: COLUMNS, bucketMs }}
      durationMs={durationMs}
      cursorMs={cursorMs}
    >
      <AreaChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis {...valueAxis} allowDecimals={false} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip {...tooltipStyle} labelFormatter={secondsLabel} formatter={(v, name) => [`${fmtRate(Number(v))}/s`, OUTCOME_LABELS[name as keyof typeof OUTCOME_LABELS] ?? name]} />
        {OUTCOMES.map((o) => (
          <Area
            key={o}
            type="stepAfter"
            dataKey={o}
            stackId="outcomes"
            stroke={OUTCOME_COLORS[o]}
            fill={OUTCOME_COLORS[o]}
            fillOpacity={0.55}
            isAnimationActive={false}
            dot={false}
            activeDot={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
});

/** Client-observed latency p50/p95/p99 per simulated second (rejections excluded), fault windows shaded. */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { PERCENTILE_COLORS } from '../colors';
import { fmtLatency } from '../format';
import type { FaultBand } from './faultBands';
import { ChartFrame, secondsAxis, secondsLabel, tooltipStyle, valueAxis } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import { fmtMs, type TableColumn } from './ChartTable';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;
const COLUMNS: TableColumn[] = PERCENTILES.map((k) => ({ key: k, label: k, unit: 'ms', format: fmtMs }));

interface Props {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

export const LatencyChart = memo(function LatencyChart({ points, bucketMs, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => points.map((p) => ({ t: p.tMs / 1000, p50: p.p50, p95: p.p95, p99: p.p99 })), [points]);
  return (
    <ChartFrame
      title="Latency"
      unit="p50 / p95 / p99 per simulated second, ms (rejections excluded)"
      testId="chart-latency"
      empty={data.length === 0}
      table={{ rows: data, columns: COLUMNS, bucketMs }}
      durationMs={durationMs}
      cursorMs={cursorMs}
    >
      <LineChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis {...valueAxis} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip {...tooltipStyle} labelFormatter={secondsLabel} formatter={(v, name) => [fmtLatency(v as number), name]} />
        {PERCENTILES.map((k) => (
          <Line key={k} type="linear" dataKey={k} stroke={PERCENTILE_COLORS[k]} strokeWidth={1.6} dot={false} activeDot={false} isAnimationActive={false} connectNulls={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});

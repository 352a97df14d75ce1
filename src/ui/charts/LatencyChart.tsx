/** Client-observed latency p50/p95/p99 per simulated second (rejections excluded), fault windows shaded. */
import { memo, useMemo } from 'react';
import { Line } from 'recharts';
import { PERCENTILE_COLORS } from '../colors';
import { fmtLatency } from '../format';
import { fmtMs, type TableColumn } from './ChartTable';
import { TimeChart, type SeriesChartProps } from './TimeChart';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;
const COLUMNS: TableColumn[] = PERCENTILES.map((k) => ({ key: k, label: k, unit: 'ms', format: fmtMs }));

export const LatencyChart = memo(function LatencyChart({ points, bucketMs, durationMs, bands, cursorMs }: SeriesChartProps) {
  const data = useMemo(() => points.map((p) => ({ t: p.tMs / 1000, p50: p.p50, p95: p.p95, p99: p.p99 })), [points]);
  return (
    <TimeChart
      kind="line"
      title="Latency"
      unit="p50 / p95 / p99 per simulated second, ms (rejections excluded)"
      testId="chart-latency"
      data={data}
      columns={COLUMNS}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      formatter={(v, name) => [fmtLatency(v as number), name]}
    >
      {PERCENTILES.map((k) => (
        <Line key={k} type="linear" dataKey={k} stroke={PERCENTILE_COLORS[k]} strokeWidth={1.6} dot={false} activeDot={false} isAnimationActive={false} connectNulls={false} />
      ))}
    </TimeChart>
  );
});

/** Requests ended per simulated second, stacked by outcome, with fault windows shaded. */
import { memo, useMemo } from 'react';
import { Area } from 'recharts';
import { OUTCOME_COLORS, OUTCOME_LABELS } from '../colors';
import { fmtRate, type TableColumn } from './ChartTable';
import { TimeChart, type SeriesChartProps } from './TimeChart';

const OUTCOMES = ['succeeded', 'fallback', 'failed', 'timedOut', 'rejected'] as const;
const COLUMNS: TableColumn[] = OUTCOMES.map((o) => ({ key: o, label: OUTCOME_LABELS[o], unit: '/s' }));

export const ThroughputChart = memo(function ThroughputChart({ points, bucketMs, durationMs, bands, cursorMs }: SeriesChartProps) {
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
    <TimeChart
      kind="area"
      title="Throughput by outcome"
      unit="requests ended per simulated second"
      testId="chart-throughput"
      data={data}
      columns={COLUMNS}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      yAxis={{ allowDecimals: false }}
      formatter={(v, name) => [`${fmtRate(Number(v))}/s`, OUTCOME_LABELS[name as keyof typeof OUTCOME_LABELS] ?? name]}
    >
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
    </TimeChart>
  );
});

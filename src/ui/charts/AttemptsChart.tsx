/**
 * Requests, attempts, goodput and wasted backend work per simulated second: the gap between
 * attempts and requests is retry amplification, the gap between attempts and goodput is the load
 * that did no good.
 */
import { memo, useMemo } from 'react';
import { Line } from 'recharts';
import { fmtRate, fmtRatio, type TableColumn } from './ChartTable';
import { TimeChart, type SeriesChartProps } from './TimeChart';

const LINES = [
  { key: 'attempts', label: 'attempts', color: 'var(--c-timeout)' },
  { key: 'requests', label: 'requests', color: 'var(--fg-muted)' },
  { key: 'goodput', label: 'goodput (succeeded)', color: 'var(--c-ok)' },
  { key: 'wasted', label: 'wasted backend calls', color: 'var(--c-reject)' },
] as const;

const COLUMNS: TableColumn[] = [
  ...LINES.map((l) => ({ key: l.key, label: l.label, unit: '/s' })),
  { key: 'amplification', label: 'amplification', unit: '×', format: fmtRatio },
];

export const AttemptsChart = memo(function AttemptsChart({ points, bucketMs, durationMs, bands, cursorMs }: SeriesChartProps) {
  const data = useMemo(() => {
    const perSec = 1000 / bucketMs;
    return points.map((p) => ({
      t: p.tMs / 1000,
      attempts: p.attempts * perSec,
      requests: p.generated * perSec,
      goodput: p.succeeded * perSec,
      wasted: p.wasted * perSec,
      amplification: p.generated > 0 ? p.attempts / p.generated : null,
    }));
  }, [points, bucketMs]);
  return (
    <TimeChart
      kind="line"
      title="Attempts and goodput"
      unit="per simulated second; attempts ÷ requests = amplification"
      testId="chart-attempts"
      data={data}
      columns={COLUMNS}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      formatter={(v, name) => [`${fmtRate(Number(v))}/s`, name]}
    >
      {LINES.map((l) => (
        <Line
          key={l.key}
          type="linear"
          dataKey={l.key}
          name={l.label}
          stroke={l.color}
          strokeWidth={l.key === 'wasted' ? 1.3 : 1.6}
          strokeDasharray={l.key === 'wasted' ? '4 2' : undefined}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      ))}
    </TimeChart>
  );
});

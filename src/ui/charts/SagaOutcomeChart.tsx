/** Sagas ending per simulated second, by outcome. */
import { memo, useMemo } from 'react';
import { Area } from 'recharts';
import { fmtRate, type TableColumn } from './ChartTable';
import { TimeChart, type SeriesChartProps } from './TimeChart';

const SERIES = [
  { key: 'committed', label: 'committed', color: 'var(--c-ok)' },
  { key: 'compensated', label: 'compensated', color: 'var(--c-degraded)' },
  { key: 'stuck', label: 'stuck', color: 'var(--c-timeout)' },
] as const;

const COLUMNS: TableColumn[] = SERIES.map((s) => ({ key: s.key, label: s.label, unit: '/s' }));

export const SagaOutcomeChart = memo(function SagaOutcomeChart({ points, bucketMs, durationMs, bands, cursorMs }: SeriesChartProps) {
  const data = useMemo(() => {
    const perSec = 1000 / bucketMs;
    return points.map((p) => ({ t: p.tMs / 1000, committed: p.sagasCommitted * perSec, compensated: p.sagasCompensated * perSec, stuck: p.sagasStuck * perSec }));
  }, [points, bucketMs]);
  return (
    <TimeChart
      kind="area"
      title="Saga outcomes"
      unit="sagas ending per simulated second"
      testId="chart-sagas"
      data={data}
      columns={COLUMNS}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      formatter={(v, name) => [`${fmtRate(Number(v))}/s`, name]}
    >
      {SERIES.map((s) => (
        <Area key={s.key} type="stepAfter" dataKey={s.key} name={s.label} stackId="sagas" stroke={s.color} fill={s.color} fillOpacity={0.55} isAnimationActive={false} dot={false} activeDot={false} />
      ))}
    </TimeChart>
  );
});

/** Sagas ending per simulated second, by outcome. */
import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { ChartFrame, secondsAxis, secondsLabel, tooltipStyle, valueAxis } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import { fmtRate, type TableColumn } from './ChartTable';
import type { FaultBand } from './faultBands';

const SERIES = [
  { key: 'committed', label: 'committed', color: 'var(--c-ok)' },
  { key: 'compensated', label: 'compensated', color: 'var(--c-degraded)' },
  { key: 'stuck', label: 'stuck', color: 'var(--c-timeout)' },
] as const;

const COLUMNS: TableColumn[] = SERIES.map((s) => ({ key: s.key, label: s.label, unit: '/s' }));

interface Props {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

export const SagaOutcomeChart = memo(function SagaOutcomeChart({ points, bucketMs, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => {
    const perSec = 1000 / bucketMs;
    return points.map((p) => ({ t: p.tMs / 1000, committed: p.sagasCommitted * perSec, compensated: p.sagasCompensated * perSec, stuck: p.sagasStuck * perSec }));
  }, [points, bucketMs]);
  return (
    <ChartFrame
      title="Saga outcomes"
      unit="sagas ending per simulated second"
      testId="chart-sagas"
      empty={data.length === 0}
      table={{ rows: data, columns: COLUMNS, bucketMs }}
      durationMs={durationMs}
      cursorMs={cursorMs}
    >
      <AreaChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis {...valueAxis} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip {...tooltipStyle} labelFormatter={secondsLabel} formatter={(v, name) => [`${fmtRate(Number(v))}/s`, name]} />
        {SERIES.map((s) => (
          <Area key={s.key} type="stepAfter" dataKey={s.key} name={s.label} stackId="sagas" stroke={s.color} fill={s.color} fillOpacity={0.55} isAnimationActive={false} dot={false} activeDot={false} />
        ))}
      </AreaChart>
    </ChartFrame>
  );
});

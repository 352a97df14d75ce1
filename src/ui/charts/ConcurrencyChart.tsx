/**
 * Concurrency and queue depth, peak per bucket: requests open at the client, calls in service at
 * the backends against their usable slots, and calls waiting in the backends' queues.
 */
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { fmtInt } from '../format';
import { ChartFrame, secondsAxis, secondsLabel, tooltipStyle, valueAxis } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import type { TableColumn } from './ChartTable';
import type { FaultBand } from './faultBands';

interface Props {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

const COLUMNS: TableColumn[] = [
  { key: 'inFlight', label: 'in flight at client', unit: 'peak', format: fmtInt },
  { key: 'busy', label: 'busy at backends', unit: 'peak', format: fmtInt },
  { key: 'capacity', label: 'slots', unit: 'at end', format: fmtInt },
  { key: 'queued', label: 'queued at backends', unit: 'peak', format: fmtInt },
];

export const ConcurrencyChart = memo(function ConcurrencyChart({ points, bucketMs, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => points.map((p) => ({ t: p.tMs / 1000, inFlight: p.inFlightMax, busy: p.busyMax, capacity: p.capacity, queued: p.queuedMax })), [points]);
  return (
    <ChartFrame
      title="Concurrency & queue"
      unit="peak per bucket: requests open at the client, calls in service and queued at the backends; dashed: usable slots"
      testId="chart-concurrency"
      empty={data.length === 0}
      table={{ rows: data, columns: COLUMNS, bucketMs }}
      durationMs={durationMs}
      cursorMs={cursorMs}
    >
      <ComposedChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis {...valueAxis} allowDecimals={false} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip {...tooltipStyle} labelFormatter={secondsLabel} formatter={(v, name) => [fmtInt(Number(v)), name]} />
        <Area type="stepAfter" dataKey="queued" name="queued at backends" stroke="var(--c-reject)" fill="var(--c-reject)" fillOpacity={0.3} isAnimationActive={false} dot={false} activeDot={false} />
        <Area type="stepAfter" dataKey="inFlight" name="in flight at client" stroke="var(--c-degraded)" fill="var(--c-degraded)" fillOpacity={0.18} isAnimationActive={false} dot={false} activeDot={false} />
        <Line type="stepAfter" dataKey="busy" name="busy at backends" stroke="var(--c-timeout)" strokeWidth={1.6} isAnimationActive={false} dot={false} activeDot={false} />
        <Line type="stepAfter" dataKey="capacity" name="usable slots" stroke="var(--fg-muted)" strokeWidth={1.2} strokeDasharray="5 3" isAnimationActive={false} dot={false} activeDot={false} />
      </ComposedChart>
    </ChartFrame>
  );
});

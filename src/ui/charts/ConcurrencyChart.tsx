/**
 * Concurrency and queue depth, peak per bucket: requests open at the client, calls in service at
 * the backends against their usable slots, and calls waiting in the backends' queues.
 */
import { memo, useMemo } from 'react';
import { Area, Line } from 'recharts';
import { fmtInt } from '../format';
import type { TableColumn } from './ChartTable';
import { TimeChart, type SeriesChartProps } from './TimeChart';

const COLUMNS: TableColumn[] = [
  { key: 'inFlight', label: 'in flight at client', unit: 'peak', format: fmtInt },
  { key: 'busy', label: 'busy at backends', unit: 'peak', format: fmtInt },
  { key: 'capacity', label: 'slots', unit: 'at end', format: fmtInt },
  { key: 'queued', label: 'queued at backends', unit: 'peak', format: fmtInt },
];

export const ConcurrencyChart = memo(function ConcurrencyChart({ points, bucketMs, durationMs, bands, cursorMs }: SeriesChartProps) {
  const data = useMemo(() => points.map((p) => ({ t: p.tMs / 1000, inFlight: p.inFlightMax, busy: p.busyMax, capacity: p.capacity, queued: p.queuedMax })), [points]);
  return (
    <TimeChart
      kind="composed"
      title="Concurrency & queue"
      unit="peak per bucket: requests open at the client, calls in service and queued at the backends; dashed: usable slots"
      testId="chart-concurrency"
      data={data}
      columns={COLUMNS}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      yAxis={{ allowDecimals: false }}
      formatter={(v, name) => [fmtInt(Number(v)), name]}
    >
      <Area type="stepAfter" dataKey="queued" name="queued at backends" stroke="var(--c-reject)" fill="var(--c-reject)" fillOpacity={0.3} isAnimationActive={false} dot={false} activeDot={false} />
      <Area type="stepAfter" dataKey="inFlight" name="in flight at client" stroke="var(--c-degraded)" fill="var(--c-degraded)" fillOpacity={0.18} isAnimationActive={false} dot={false} activeDot={false} />
      <Line type="stepAfter" dataKey="busy" name="busy at backends" stroke="var(--c-timeout)" strokeWidth={1.6} isAnimationActive={false} dot={false} activeDot={false} />
      <Line type="stepAfter" dataKey="capacity" name="usable slots" stroke="var(--fg-muted)" strokeWidth={1.2} strokeDasharray="5 3" isAnimationActive={false} dot={false} activeDot={false} />
    </TimeChart>
  );
});

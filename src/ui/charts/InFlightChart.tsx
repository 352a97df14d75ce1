/** Requests the client has open: at the end of each bucket and the most at any moment in it. */
import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Line, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { ChartFrame, secondsAxis, tooltipStyle } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import type { FaultBand } from './faultBands';

interface Props {
  points: readonly SeriesPoint[];
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

export const InFlightChart = memo(function InFlightChart({ points, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => points.map((p) => ({ t: p.tMs / 1000, inFlight: p.inFlight, peak: p.inFlightMax, wasted: p.wasted })), [points]);
  return (
    <ChartFrame title="In flight" unit="requests open at the client (peak per bucket) and wasted backend work" testId="chart-inflight" empty={data.length === 0}>
      <AreaChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis width={44} tick={{ fontSize: 11, fill: 'var(--fg-muted)' }} stroke="var(--grid)" allowDecimals={false} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip {...tooltipStyle} labelFormatter={(t) => `${Number(t).toFixed(0)} s`} />
        <Area type="stepAfter" dataKey="peak" name="peak in flight" stroke="var(--c-degraded)" fill="var(--c-degraded)" fillOpacity={0.25} isAnimationActive={false} dot={false} activeDot={false} />
        <Line type="stepAfter" dataKey="wasted" name="wasted calls" stroke="var(--c-reject)" strokeWidth={1.4} isAnimationActive={false} dot={false} activeDot={false} />
      </AreaChart>
    </ChartFrame>
  );
});

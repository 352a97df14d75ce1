/** Requests, attempts and goodput per simulated second: the gap between the first two is retry amplification. */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { ChartFrame, secondsAxis, tooltipStyle } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import type { FaultBand } from './faultBands';

interface Props {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

const LINES = [
  { key: 'attempts', label: 'attempts', color: 'var(--c-timeout)' },
  { key: 'requests', label: 'requests', color: 'var(--fg-muted)' },
  { key: 'goodput', label: 'goodput (succeeded)', color: 'var(--c-ok)' },
] as const;

export const AttemptsChart = memo(function AttemptsChart({ points, bucketMs, durationMs, bands, cursorMs }: Props) {
  const data = useMemo(() => {
    const perSec = 1000 / bucketMs;
    return points.map((p) => ({
      t: p.tMs / 1000,
      attempts: p.attempts * perSec,
      requests: p.generated * perSec,
      goodput: p.succeeded * perSec,
      amplification: p.generated > 0 ? p.attempts / p.generated : null,
    }));
  }, [points, bucketMs]);
  return (
    <ChartFrame title="Attempts and goodput" unit="per simulated second; attempts ÷ requests = amplification" testId="chart-attempts" empty={data.length === 0}>
      <LineChart data={data} responsive width="100%" height="100%" margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis width={44} tick={{ fontSize: 11, fill: 'var(--fg-muted)' }} stroke="var(--grid)" />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip
          {...tooltipStyle}
          labelFormatter={(t) => `${Number(t).toFixed(0)} s`}
          formatter={(v, name) => [name === 'amplification' ? `${Number(v).toFixed(2)}×` : `${Math.round(Number(v))}/s`, name]}
        />
        {LINES.map((l) => (
          <Line key={l.key} type="linear" dataKey={l.key} name={l.label} stroke={l.color} strokeWidth={1.6} dot={false} activeDot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});

/** A titled card around a chart, with a legend slot and an accessible label. */
import type { ReactNode } from 'react';
import { XAxis } from 'recharts';

interface Props {
  title: string;
  unit: string;
  testId: string;
  empty: boolean;
  children: ReactNode;
}

export function ChartFrame({ title, unit, testId, empty, children }: Props) {
  return (
    <figure className="chart" data-testid={testId} aria-label={`${title}: ${unit}`} data-empty={empty}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-unit">{unit}</span>
      </figcaption>
      <div className="chart-body">{empty ? <p className="chart-empty">No data yet: press play.</p> : children}</div>
    </figure>
  );
}

/** The simulated-seconds x axis shared by every time chart. */
export function secondsAxis(durationMs: number) {
  return (
    <XAxis
      dataKey="t"
      type="number"
      domain={[0, Math.max(1, durationMs / 1000)]}
      allowDataOverflow
      tick={{ fontSize: 11, fill: 'var(--fg-muted)' }}
      stroke="var(--grid)"
      tickFormatter={(t: number) => `${t}s`}
    />
  );
}

export const tooltipStyle = {
  contentStyle: { background: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12, color: 'var(--fg)' },
  labelStyle: { color: 'var(--fg-muted)' },
  isAnimationActive: false,
} as const;

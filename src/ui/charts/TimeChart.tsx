/**
 * What every chart over simulated time shares: the titled frame with its table, a Recharts chart
 * with the grid, the seconds axis, the value axis, the fault bands and crosshair, and the tooltip.
 * A chart passes its data, its series (as children) and what differs: the kind of Recharts chart,
 * the value axis's settings and the tooltip's formatter.
 */
import type { ComponentProps, ReactNode } from 'react';
import { AreaChart, CartesianGrid, ComposedChart, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { ChartFrame } from './ChartFrame';
import { ChartOverlay } from './ChartOverlay';
import type { ChartRow, TableColumn } from './ChartTable';
import type { FaultBand } from './faultBands';

/** The props of a chart drawn from the main series. */
export interface SeriesChartProps {
  points: readonly SeriesPoint[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
}

/** The simulated-seconds x axis shared by every time chart. */
function secondsAxis(durationMs: number) {
  return (
    <XAxis
      dataKey="t"
      type="number"
      domain={[0, Math.max(1, durationMs / 1000)]}
      allowDataOverflow
      tick={{ fontSize: 11, fill: 'var(--fg-muted)' }}
      stroke="var(--grid)"
      tickFormatter={(t: number) => `${t}s`}
      interval={0}
    />
  );
}

/**
 * The value axis of every time chart: three ticks, all drawn (`interval={0}`), so Recharts does
 * not measure tick labels in the DOM on each redraw to thin them out (a large part of a redraw).
 */
const valueAxis = { width: 44, tick: { fontSize: 11, fill: 'var(--fg-muted)' }, stroke: 'var(--grid)', interval: 0, tickCount: 3 } as const;

const tooltipStyle = {
  // Compact: the charts are short, and a tall tooltip covers the panel below.
  contentStyle: { background: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12, color: 'var(--fg)', padding: '4px 8px', lineHeight: 1.35 },
  itemStyle: { padding: 0 },
  labelStyle: { color: 'var(--fg-muted)', marginBottom: 2 },
  isAnimationActive: false,
  // The shared crosshair marks the time instead of Recharts' own cursor.
  cursor: false,
  // Series in the order the chart declares them (Recharts 3 sorts by name unless told otherwise).
  itemSorter: () => 0,
} as const;

/** Tooltip heading: the bucket's start in simulated seconds. */
const secondsLabel = (t: unknown): string => `${Number(t).toFixed(Number.isInteger(Number(t)) ? 0 : 1)} s`;

const KINDS = { area: AreaChart, line: LineChart, composed: ComposedChart } as const;
const MARGIN = { top: 6, right: 12, bottom: 0, left: 0 };

interface Props {
  kind: keyof typeof KINDS;
  title: string;
  unit: string;
  testId: string;
  /** One row per drawn bucket, `t` in simulated seconds; the table shows the same rows. */
  data: readonly ChartRow[];
  columns: readonly TableColumn[];
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
  /** Settings of the value axis beyond the shared ones (a domain, ticks, a formatter). */
  yAxis?: Partial<ComponentProps<typeof YAxis>>;
  formatter: ComponentProps<typeof Tooltip>['formatter'];
  legend?: ComponentProps<typeof ChartFrame>['legend'];
  children: ReactNode;
}

export function TimeChart({ kind, title, unit, testId, data, columns, bucketMs, durationMs, bands, cursorMs, yAxis, formatter, legend, children }: Props) {
  const Chart = KINDS[kind];
  return (
    <ChartFrame
      title={title}
      unit={unit}
      testId={testId}
      empty={data.length === 0}
      table={{ rows: data, columns, bucketMs }}
      durationMs={durationMs}
      cursorMs={cursorMs}
      legend={legend}
    >
      <Chart data={data as ChartRow[]} responsive width="100%" height="100%" margin={MARGIN}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        {secondsAxis(durationMs)}
        <YAxis {...valueAxis} {...yAxis} />
        <ChartOverlay bands={bands} durationMs={durationMs} cursorMs={cursorMs} />
        <Tooltip {...tooltipStyle} labelFormatter={secondsLabel} formatter={formatter} />
        {children}
      </Chart>
    </ChartFrame>
  );
}

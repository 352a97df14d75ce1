/**
 * What every chart over simulated time shares: the titled frame with its table, a Recharts chart
 * with the grid, the seconds axis, the value axis, the fault bands and crosshair, and the tooltip.
 * A chart passes its data, its series (as children) and what differs: the kind of Recharts chart,
 * the value axis's settings and the tooltip's formatter.
 */
import type { ComponentProps, ReactNode } from 'react';
import { AreaChart, CartesianGrid, ComposedChart, LineChart, Tooltip, YAxis } from 'recharts';
import type { SeriesPoint } from '../../sim/report';
import { ChartFrame, secondsAxis, secondsLabel, tooltipStyle, valueAxis } from './ChartFrame';
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

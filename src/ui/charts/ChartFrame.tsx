/**
 * A titled card around a chart: its unit, a Table toggle that shows the drawn numbers as a table,
 * and the pointer handling that moves the shared crosshair to the bucket under the pointer.
 */
import { useRef, type PointerEvent, type ReactNode } from 'react';
import { clearCrosshair, nearestRow, setCrosshair } from '../../store/crosshair';
import { ChartTable, type ChartTableData } from './ChartTable';
import { PlotGeometryContext, type PlotGeometry } from './ChartOverlay';
import { useTableView } from './tableView';
import './charts.css';

interface Props {
  title: string;
  unit: string;
  testId: string;
  empty: boolean;
  /** The chart's numbers, as its table shows them (the same rows the chart draws). */
  table: ChartTableData;
  durationMs: number;
  /** The shown time when looking at the past (null: live). */
  cursorMs: number | null;
  /** A key under the plot (HTML: Recharts' own Legend measures itself in the DOM on every redraw). */
  legend?: ReadonlyArray<{ label: string; color: string }>;
  children: ReactNode;
}

export function ChartFrame({ title, unit, testId, empty, table, durationMs, cursorMs, legend, children }: Props) {
  const [showTable, toggleTable] = useTableView(testId);
  const geometry = useRef<PlotGeometry>({ x: 0, width: 0 }).current;
  const rows = useRef(table);
  rows.current = table;

  // The crosshair snaps to the drawn point nearest the pointer: the one the tooltip shows.
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (showTable || empty || geometry.width <= 0 || durationMs <= 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - geometry.x;
    const { rows: data, bucketMs } = rows.current;
    if (px < 0 || px > geometry.width || data.length === 0) {
      clearCrosshair(testId);
      return;
    }
    setCrosshair(nearestRow((px / geometry.width) * durationMs, bucketMs, data.length) * bucketMs, testId);
  };

  return (
    <figure className="chart" data-testid={testId} aria-label={`${title}: ${unit}`} data-empty={empty}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-unit" title={unit}>
          {unit}
        </span>
        <button type="button" className="chart-view-toggle" aria-pressed={showTable} title={showTable ? 'Show the chart' : 'Show these numbers as a table'} onClick={toggleTable}>
          Table
        </button>
      </figcaption>
      <div className="chart-body" onPointerMove={onPointerMove} onPointerLeave={() => clearCrosshair(testId)}>
        {empty ? (
          <p className="chart-empty">No data yet: press play.</p>
        ) : showTable ? (
          <ChartTable {...table} title={title} unit={unit} id={testId} cursorMs={cursorMs} />
        ) : (
          <PlotGeometryContext.Provider value={geometry}>{children}</PlotGeometryContext.Provider>
        )}
      </div>
      {legend && legend.length > 0 && !showTable && (
        <p className="legend chart-legend">
          {legend.map((l) => (
            <span key={l.label} className="legend-item">
              <i style={{ background: l.color }} />
              {l.label}
            </span>
          ))}
        </p>
      )}
    </figure>
  );
}

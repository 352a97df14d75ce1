/**
 * A chart read as numbers: the rows it draws as an accessible table, one row per drawn point,
 * units in the headers. The row at the crosshair (or, without one, at the shown time) is marked
 * aria-current="time" and kept in view; pointing at a row moves the crosshair on every chart.
 */
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { clearCrosshair, crosshairStore, nearestRow, setCrosshair } from '../../store/crosshair';
import { fmtInt } from '../format';

/** One column of a chart's table: the key of the value in a row, its label and unit. */
export interface TableColumn {
  key: string;
  label: string;
  unit: string;
  format?: (v: number) => string;
}

/** A row as the chart draws it: `t` in simulated seconds (the bucket's start) and one value per column. */
export type ChartRow = Readonly<Record<string, number | null | undefined>>;

export interface ChartTableData {
  rows: readonly ChartRow[];
  columns: readonly TableColumn[];
  /** Spacing of the rows in ms (the drawn bucket). */
  bucketMs: number;
}

/** Per-second rates: exact when whole, one decimal otherwise. */
export const fmtRate = (v: number): string => (Number.isInteger(v) ? fmtInt(v) : v.toFixed(1));
export const fmtMs = (v: number): string => (v >= 100 ? fmtInt(v) : v.toFixed(1));
export const fmtPercent = (v: number): string => v.toFixed(1);
export const fmtRatio = (v: number): string => v.toFixed(2);
const fmtSeconds = (t: number): string => (Number.isInteger(t) ? String(t) : t.toFixed(1));

const cellText = (v: number | null | undefined, format: (v: number) => string): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : format(v));

interface Props extends ChartTableData {
  title: string;
  unit: string;
  /** The chart's id: the crosshair's source when a row is pointed at. */
  id: string;
  /** The shown time when looking at the past (null: live, the latest row). */
  cursorMs: number | null;
}

const Row = memo(
  function Row({ row, columns }: { row: ChartRow; columns: readonly TableColumn[] }) {
    return (
      <tr>
        <th scope="row">{fmtSeconds(row.t ?? 0)}</th>
        {columns.map((c) => (
          <td key={c.key}>{cellText(row[c.key], c.format ?? fmtRate)}</td>
        ))}
      </tr>
    );
  },
  // Rows are rebuilt on every redraw; only the ones whose numbers changed need rendering.
  (a, b) => a.columns === b.columns && a.row.t === b.row.t && a.columns.every((c) => a.row[c.key] === b.row[c.key]),
);

export function ChartTable({ rows, columns, bucketMs, title, unit, id, cursorMs }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const marked = useRef<HTMLTableRowElement | null>(null);
  const lastHeight = useRef(0);
  const source = `${id}-table`;
  const live = useRef({ rows: rows.length, bucketMs, cursorMs });
  live.current = { rows: rows.length, bucketMs, cursorMs };

  /**
   * Marks the row at the crosshair, or at the shown time (live: the latest row). Scrolls only when
   * the marked row moves, so the reader's own scrolling is left alone: live, the table follows the
   * newest row only while scrolled to the bottom; nothing scrolls while the pointer is on the table.
   */
  const mark = (first: boolean) => {
    const { rows: n, bucketMs: b, cursorMs: c } = live.current;
    const { tMs, source: from } = crosshairStore.getState();
    const t = tMs ?? c;
    const index = t === null ? n - 1 : nearestRow(t, b, n);
    const tr = index >= 0 ? ((body.current?.children[index] as HTMLTableRowElement | undefined) ?? null) : null;
    const moved = marked.current !== tr;
    if (moved) {
      marked.current?.removeAttribute('aria-current');
      tr?.setAttribute('aria-current', 'time');
      marked.current = tr;
    }
    const box = scroller.current;
    if (!tr || !box || from === source) return;
    if (t === null) {
      // At the bottom before the new rows came in (measured against the old height, so a scroll
      // made just before an update counts even when its scroll event has not fired yet).
      const atBottom = box.scrollTop + box.clientHeight >= lastHeight.current - 4;
      if (first || atBottom) box.scrollTop = box.scrollHeight;
      lastHeight.current = box.scrollHeight;
      return;
    }
    if (!moved && !first) return;
    const head = (box.querySelector('thead') as HTMLElement | null)?.offsetHeight ?? 0;
    if (tr.offsetTop < box.scrollTop + head) box.scrollTop = tr.offsetTop - head;
    else if (tr.offsetTop + tr.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = tr.offsetTop + tr.offsetHeight - box.clientHeight;
  };

  const mounted = useRef(false);
  useLayoutEffect(() => {
    mark(!mounted.current);
    mounted.current = true;
  });
  // Subscribed once: mark() reads everything it needs from refs.
  useEffect(() => crosshairStore.subscribe(() => mark(false)), []);

  const onPointerOver = (e: React.PointerEvent) => {
    const tr = (e.target as Element).closest('tr');
    if (!tr || tr.parentElement !== body.current) return;
    const index = Array.prototype.indexOf.call(body.current!.children, tr);
    if (index >= 0) setCrosshair(index * bucketMs, source);
  };

  return (
    <div
      className="chart-table-scroll"
      ref={scroller}
      tabIndex={0}
    >
      <table className="chart-table" aria-label={`${title} as a table`}>
        <caption className="sr-only">
          {title}: {unit}
        </caption>
        <thead>
          <tr>
            <th scope="col">time (s)</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label} <span className="chart-table-unit">({c.unit})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} onPointerOver={onPointerOver} onPointerLeave={() => clearCrosshair(source)}>
          {rows.map((r, i) => (
            <Row key={i} row={r} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

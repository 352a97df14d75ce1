/**
 * Time series in fixed buckets. Buckets start 1 s wide; when a run outgrows MAX_POINTS buckets,
 * neighbours are merged pairwise and the width doubles, so memory stays flat however long the
 * run. Each bucket keeps counters per scope (all requests, then each dependency) and a latency
 * histogram per scope, so percentiles of merged buckets stay exact to the histogram's 1 %.
 */
import { Histogram } from './histogram';

/** How a column combines when two buckets merge. */
export type ColumnKind = 'sum' | 'last' | 'max';

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
}

/** Largest number of buckets kept. */
export const MAX_POINTS = 2000;

/** One bucket: values[scope * columns + column], and a histogram per scope. */
export interface SeriesRow {
  values: Float64Array;
  latency: Histogram[];
}

export class SeriesRecorder {
  bucketMs: number;
  readonly rows: SeriesRow[] = [];
  /** How many times buckets were merged (each doubles bucketMs). */
  coarsenings = 0;
  private readonly width: number;
  private readonly lastCols: number[];
  private readonly maxCols: number[];

  constructor(
    readonly columns: readonly ColumnDef[],
    readonly scopes: number,
    initialBucketMs = 1000,
  ) {
    this.bucketMs = initialBucketMs;
    this.width = columns.length;
    this.lastCols = columns.flatMap((c, i) => (c.kind === 'last' ? [i] : []));
    this.maxCols = columns.flatMap((c, i) => (c.kind === 'max' ? [i] : []));
  }

  /** Index of a column by name (throws for an unknown one: a programming error). */
  col(name: string): number {
    const i = this.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`unknown series column ${name}`);
    return i;
  }

  /** The bucket holding time t, creating buckets (and coarsening) as needed. */
  rowAt(t: number): SeriesRow {
    let index = Math.floor(t / this.bucketMs);
    while (index >= MAX_POINTS) {
      this.coarsen();
      index = Math.floor(t / this.bucketMs);
    }
    const rows = this.rows;
    while (rows.length <= index) rows.push(this.newRow(rows.length > 0 ? rows[rows.length - 1] : null));
    return rows[index];
  }

  private newRow(prev: SeriesRow | null): SeriesRow {
    const values = new Float64Array(this.width * this.scopes);
    if (prev) {
      // Gauges carry over: a bucket with no change still has the last value (and it is its max).
      for (let s = 0; s < this.scopes; s++) {
        for (const c of this.lastCols) values[s * this.width + c] = prev.values[s * this.width + c];
        for (const c of this.maxCols) {
          const last = this.pairedLast(c);
          if (last >= 0) values[s * this.width + c] = prev.values[s * this.width + last];
        }
      }
    }
    return { values, latency: [] };
  }

  /** A max column named XMax pairs with the last column X, whose carried value seeds it (-1: none, starts at 0). */
  private pairedLast(maxCol: number): number {
    const name = this.columns[maxCol].name.replace(/Max$/, '');
    return this.columns.findIndex((c) => c.name === name && c.kind === 'last');
  }

  /** Adds to a sum column. */
  add(t: number, column: number, scope: number, amount = 1): void {
    this.rowAt(t).values[scope * this.width + column] += amount;
  }

  /** Sets a gauge (a last column) and raises its max column if there is one. */
  gauge(t: number, column: number, maxColumn: number, scope: number, value: number): void {
    const v = this.rowAt(t).values;
    v[scope * this.width + column] = value;
    if (maxColumn >= 0 && value > v[scope * this.width + maxColumn]) v[scope * this.width + maxColumn] = value;
  }

  /** Records a latency sample in a scope. */
  latency(t: number, scope: number, ms: number): void {
    const row = this.rowAt(t);
    (row.latency[scope] ??= new Histogram()).record(ms);
  }

  /** Merges neighbouring buckets pairwise and doubles the width. */
  private coarsen(): void {
    const rows = this.rows;
    const merged: SeriesRow[] = [];
    for (let i = 0; i < rows.length; i += 2) {
      const a = rows[i];
      const b = rows[i + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      for (let s = 0; s < this.scopes; s++) {
        for (let c = 0; c < this.width; c++) {
          const k = s * this.width + c;
          const kind = this.columns[c].kind;
          a.values[k] = kind === 'sum' ? a.values[k] + b.values[k] : kind === 'last' ? b.values[k] : Math.max(a.values[k], b.values[k]);
        }
        const hb = b.latency[s];
        if (hb) (a.latency[s] ??= new Histogram()).merge(hb);
      }
      merged.push(a);
    }
    rows.length = 0;
    for (const r of merged) rows.push(r);
    this.bucketMs *= 2;
    this.coarsenings++;
  }

  /** Value of a column in a row and scope. */
  value(row: SeriesRow, column: number, scope: number): number {
    return row.values[scope * this.width + column];
  }

  /** Approximate bytes held. */
  get bytes(): number {
    let total = 0;
    for (const r of this.rows) {
      total += r.values.byteLength + 32;
      for (const h of r.latency) if (h) total += h.bytes;
    }
    return total;
  }
}

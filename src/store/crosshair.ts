/**
 * The crosshair: the simulated time under the pointer on any chart or the state timeline, shared
 * by all of them. It changes on every pointer move, so it lives in its own tiny store apart from
 * the lab store: charts read it through `subscribe` and move one SVG line (zustand's "transient
 * updates"), and nothing re-renders a Recharts tree because the pointer moved.
 */
import { createStore } from 'zustand/vanilla';

export interface CrosshairState {
  /** Simulated time under the pointer, or null when the pointer is on no time axis. */
  tMs: number | null;
  /** Which chart or panel set it (its test id), so a chart can tell its own hover from another's. */
  source: string | null;
}

export const crosshairStore = createStore<CrosshairState>(() => ({ tMs: null, source: null }));

let pending: CrosshairState | null = null;
let frame = 0;

const flush = () => {
  frame = 0;
  if (!pending) return;
  const next = pending;
  pending = null;
  const now = crosshairStore.getState();
  if (now.tMs !== next.tMs || now.source !== next.source) crosshairStore.setState(next);
};

/** Points the crosshair at `tMs` (null clears it); applied at most once per animation frame. */
export function setCrosshair(tMs: number | null, source: string | null): void {
  pending = tMs === null ? { tMs: null, source: null } : { tMs, source };
  if (typeof requestAnimationFrame !== 'function') return flush();
  if (!frame) frame = requestAnimationFrame(flush);
}

/** Clears the crosshair if `source` set it last (a pointer leaving one chart for another must not clear the other's). */
export function clearCrosshair(source: string): void {
  const latest = pending ?? crosshairStore.getState();
  if (latest.source === source) setCrosshair(null, null);
}

/** Index of the row whose time is nearest `tMs` among rows spaced `bucketMs` apart from 0. */
export function nearestRow(tMs: number, bucketMs: number, rows: number): number {
  if (rows <= 0) return -1;
  return Math.min(rows - 1, Math.max(0, Math.round(tMs / bucketMs)));
}

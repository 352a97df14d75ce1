/**
 * Thins a series for drawing: Recharts' cost grows with the points it draws, so live charts get
 * at most MAX_DRAWN_POINTS. Neighbouring buckets merge: counts add up, gauges keep their last
 * value, peaks their maximum, p50 averages and p95/p99 keep their maximum (a merged point never
 * hides a tail).
 */
import type { BackendPoint, SeriesPoint } from '../../sim/report';

/** About one point per two pixels of a chart on a 1440-wide screen. */
export const MAX_DRAWN_POINTS = 240;

/**
 * Points per line of the per-backend chart, which draws up to twelve lines: their total stays
 * near that of the other charts (a wiggle finer than 4 px is lost among twelve lines anyway).
 */
export const MAX_BACKEND_POINTS = 120;

export interface Drawn<T> {
  points: T[];
  /** Width of a drawn point in ms (bucketMs × merged buckets). */
  bucketMs: number;
}

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Merges runs of `factor` points of a main series. */
export function downsampleSeries(points: readonly SeriesPoint[], bucketMs: number, max = MAX_DRAWN_POINTS): Drawn<SeriesPoint> {
  const factor = Math.ceil(points.length / max);
  if (factor <= 1) return { points: points as SeriesPoint[], bucketMs };
  const out: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i += factor) {
    const group = points.slice(i, i + factor);
    const m: SeriesPoint = { ...group[0] };
    let p50Sum = 0;
    let p50Count = 0;
    if (group[0].p50 !== null) {
      p50Sum += group[0].p50;
      p50Count++;
    }
    for (let k = 1; k < group.length; k++) {
      const p = group[k];
      m.generated += p.generated;
      m.succeeded += p.succeeded;
      m.fallback += p.fallback;
      m.failed += p.failed;
      m.rejected += p.rejected;
      m.timedOut += p.timedOut;
      m.attempts += p.attempts;
      m.backendCalls += p.backendCalls;
      m.wasted += p.wasted;
      m.sagasCommitted += p.sagasCommitted;
      m.sagasCompensated += p.sagasCompensated;
      m.sagasStuck += p.sagasStuck;
      m.inFlight = p.inFlight;
      m.inFlightMax = Math.max(m.inFlightMax, p.inFlightMax);
      m.busy = p.busy;
      m.busyMax = Math.max(m.busyMax, p.busyMax);
      m.queued = p.queued;
      m.queuedMax = Math.max(m.queuedMax, p.queuedMax);
      m.capacity = p.capacity;
      m.p95 = maxOf(m.p95, p.p95);
      m.p99 = maxOf(m.p99, p.p99);
      if (p.p50 !== null) {
        p50Sum += p.p50;
        p50Count++;
      }
    }
    m.p50 = p50Count ? p50Sum / p50Count : null;
    out.push(m);
  }
  return { points: out, bucketMs: bucketMs * factor };
}

/** Merges runs of `factor` points of a backend series. */
export function downsampleBackend(points: readonly BackendPoint[], factor: number): BackendPoint[] {
  if (factor <= 1) return points as BackendPoint[];
  const out: BackendPoint[] = [];
  for (let i = 0; i < points.length; i += factor) {
    const group = points.slice(i, i + factor);
    out.push({
      tMs: group[0].tMs,
      routed: group.reduce((a, p) => a + p.routed, 0),
      failed: group.reduce((a, p) => a + p.failed, 0),
      loadMax: Math.max(...group.map((p) => p.loadMax)),
    });
  }
  return out;
}

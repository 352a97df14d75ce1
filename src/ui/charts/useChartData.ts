/**
 * The data the charts draw, from the store: the shown scope's series and the backends' series,
 * throttled to a few redraws a second (the charts take turns), cut at the shown time when looking
 * back, thinned to at most MAX_DRAWN_POINTS (MAX_BACKEND_POINTS per backend line), with the fault
 * bands (a dragged window's draft stands in for the scenario's).
 */
import { useDeferredValue, useMemo, useRef } from 'react';
import type { Scenario } from '../../sim/scenario/schema';
import type { TimelineEntry } from '../../sim/scenario/timeline';
import { inHistory, pointsUntil, scopeIndex, shownMs } from '../../store/history';
import { useRun, useThrottled } from '../../store/hooks';
import { useFaultDraft } from '../faults/faultUiStore';
import { downsampleBackend, downsampleSeries, MAX_BACKEND_POINTS } from './downsample';
import { faultBands } from './faultBands';

/**
 * Charts redraw at most this often (a Recharts update costs tens of ms): four times a second, or
 * twice at the fastest speeds, when the simulation outruns the eye anyway and the worker needs the CPU.
 */
const chartInterval = (speed: number | 'max' | undefined): number => (speed === 'max' || (speed ?? 0) >= 25 ? 500 : 250);

export function useChartData(scenario: Scenario | null, liveEntries: readonly TimelineEntry[] | undefined, scope: string, playing: boolean) {
  const scopeIdx = useRun((r) => scopeIndex(r, scope)) ?? 0;
  const series = useRun((r) => r.series[scopeIdx]);
  const bucketMs = useRun((r) => r.bucketMs) ?? 1000;
  const backendSeries = useRun((r) => r.backendSeries);
  const backendBucketMs = useRun((r) => r.backendBucketMs) ?? 1000;
  const speed = useRun((r) => r.speed);
  const shown = useRun(shownMs) ?? 0;
  const history = useRun(inHistory) ?? false;
  const CHART_INTERVAL_MS = chartInterval(speed);

  // While a fault window is dragged, its draft timeline stands in for the scenario's on every chart.
  const faultDraft = useFaultDraft();
  const bands = useMemo(() => faultBands(scenario, liveEntries ?? [], faultDraft), [scenario, liveEntries, faultDraft]);

  // Charts take turns at a few redraws a second, and draw at most MAX_DRAWN_POINTS per series (MAX_BACKEND_POINTS per backend line).
  const throttledSeries = useThrottled(series, CHART_INTERVAL_MS);
  const shownThrottled = useThrottled(shown, CHART_INTERVAL_MS);
  const cursor = history ? shownThrottled : null;
  const drawnNow = useMemo(
    () => downsampleSeries(throttledSeries ? pointsUntil(throttledSeries, history ? shownThrottled : Infinity) : [], bucketMs),
    [throttledSeries, history, shownThrottled, bucketMs],
  );
  const latencyDrawnNow = useThrottled(drawnNow, CHART_INTERVAL_MS, CHART_INTERVAL_MS / 2);
  const throttledBackendSeries = useThrottled(backendSeries, CHART_INTERVAL_MS, CHART_INTERVAL_MS / 2);
  const backendLinesNow = useMemo(() => {
    const out: Array<[string, NonNullable<typeof backendSeries>[number]]> = [];
    let k = 0;
    const longest = Math.max(0, ...(throttledBackendSeries ?? []).map((p) => p.length));
    const factor = Math.ceil(longest / MAX_BACKEND_POINTS);
    for (const d of scenario?.dependencies ?? []) {
      for (let i = 0; i < d.backends.count; i++, k++) {
        if (scope && d.id !== scope) continue;
        const points = throttledBackendSeries?.[k];
        if (points) out.push([`${d.id}/${i}`, downsampleBackend(points, factor)]);
      }
    }
    return { lines: out, bucketMs: backendBucketMs * Math.max(1, factor) };
  }, [scenario, scope, throttledBackendSeries, backendBucketMs]);

  /*
   * While playing, a chart redraw (tens of ms in Recharts) renders deferred: React renders it in
   * slices between frames instead of in the frame that brought the snapshot. Paused, looking back
   * or stepping, charts render at once with the rest of the page.
   */
  const drawnDeferred = useDeferredValue(drawnNow);
  const latencyDeferred = useDeferredValue(latencyDrawnNow);
  const backendDeferred = useDeferredValue(backendLinesNow);
  // A re-run from the start (after a fault edit, or Resume from here) keeps the charts as they
  // were until it has caught up, instead of drawing them empty and refilling them.
  // (Held until the throttled copies have caught up with the re-run's result, or play resumes.)
  const rerunning = useRun((r) => r.rerun !== null) ?? false;
  const holding = useRef(false);
  if (rerunning) holding.current = true;
  else if (playing || (throttledSeries === series && throttledBackendSeries === backendSeries && latencyDrawnNow === drawnNow)) holding.current = false;
  const held = useRef({ drawn: drawnNow, latency: latencyDrawnNow, backend: backendLinesNow });
  if (!holding.current) held.current = { drawn: drawnNow, latency: latencyDrawnNow, backend: backendLinesNow };
  const hold = holding.current;
  const drawn = hold ? held.current.drawn : playing ? drawnDeferred : drawnNow;
  const latencyDrawn = hold ? held.current.latency : playing ? latencyDeferred : latencyDrawnNow;
  const backendLines = hold ? held.current.backend : playing ? backendDeferred : backendLinesNow;

  return { bands, cursor, shownThrottled, drawn, latencyDrawn, backendLines };
}

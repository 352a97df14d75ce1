/**
 * Reading a run as it was at a past time, from what the page already holds (the recorder's
 * history as sent by the worker): no re-run needed to look back.
 */
import type { LogLine } from '../sim/recorder/transitionLog';
import type { Totals } from '../sim/recorder/outcomeStats';
import type { SeriesPoint } from '../sim/report';
import type { RunState } from './labStore';

/** The time a run is shown at: the viewed time, or live. */
export const shownMs = (run: RunState): number => run.viewMs ?? run.simMs;

/** Whether the run is shown at a past time. */
export const inHistory = (run: RunState): boolean => run.viewMs !== null && run.viewMs < run.simMs;

/** Index of the first log line after t (lines are in time order). */
export function logIndexAfter(log: readonly LogLine[], t: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log[mid].atMs <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Log lines up to and including t. */
export const logUntil = (log: readonly LogLine[], t: number): LogLine[] => log.slice(0, logIndexAfter(log, t));

/** State of a machine at time t, from its transitions in the log. */
export function stateAt(run: RunState, machine: string, t: number): string | undefined {
  if (!inHistory(run) || t >= run.simMs) return run.machineStates[machine];
  const end = logIndexAfter(run.log, t);
  for (let i = end - 1; i >= 0; i--) {
    const l = run.log[i];
    if (l.machine === machine && l.to) return l.to;
  }
  // No transition by t: the state before the first transition we know of.
  const first = run.log.find((l) => l.machine === machine && l.from);
  return first ? first.from : run.machineStates[machine];
}

/** Every machine's state at the shown time. */
export function statesShown(run: RunState): Record<string, string> {
  if (!inHistory(run)) return run.machineStates;
  const out: Record<string, string> = {};
  for (const id of Object.keys(run.machineStates)) out[id] = stateAt(run, id, run.viewMs!) ?? run.machineStates[id];
  return out;
}

/** Series points of a scope whose bucket started before t. */
export function pointsUntil(points: readonly SeriesPoint[], t: number): SeriesPoint[] {
  let n = 0;
  while (n < points.length && points[n].tMs < t) n++;
  return points.slice(0, n);
}

/** Series index of a scope: 0 for every request, 1 + i for dependency i. */
export function scopeIndex(run: RunState, scope: string): number {
  if (!scope || !run.scenario) return 0;
  const i = run.scenario.dependencies.findIndex((d) => d.id === scope);
  return i < 0 ? 0 : i + 1;
}

/** Totals at the shown time for a scope: live totals, or sums of the series up to the viewed bucket. */
export function totalsShown(run: RunState, scope = ''): Totals {
  const index = scopeIndex(run, scope);
  if (!inHistory(run)) return index === 0 ? run.totals : (run.depTotals[scope] ?? run.totals);
  const points = pointsUntil(run.series[index] ?? [], run.viewMs!);
  const t: Totals = { generated: 0, succeeded: 0, fallback: 0, failed: 0, rejected: 0, timedOut: 0, inFlight: 0, attempts: 0 };
  for (const p of points) {
    t.generated += p.generated;
    t.succeeded += p.succeeded;
    t.fallback += p.fallback;
    t.failed += p.failed;
    t.rejected += p.rejected;
    t.timedOut += p.timedOut;
    t.attempts += p.attempts;
  }
  t.inFlight = t.generated - t.succeeded - t.fallback - t.failed - t.rejected - t.timedOut;
  return t;
}

/** Builds the per-frame snapshots a run sends to the page: the state now, and what is new since the last one. */
import type { Simulation } from '../sim/engine';
import { backendPoint, policyFigures, sagasReport, seriesPoint, startedBuckets, summarize } from '../sim/report';
import type { InspectedMachine } from '../sim/machines/graphTypes';
import type { BackendFigures, BreakerFigures, Snapshot, Speed, Trip } from './protocol';

/** What the page already has of a run. */
export interface SnapshotCursor {
  bucketMs: number;
  /** Points the page holds per scope (the last may be partial and is resent). */
  points: number;
  backendBucketMs: number;
  backendPoints: number;
  /** Next log sequence number to send. */
  logSeq: number;
  /** Sum of the saga runners' trace sequences last sent. */
  traceSeq: number;
  /** Send everything again (first snapshot of a generation). */
  reset: boolean;
}

export const freshCursor = (): SnapshotCursor => ({ bucketMs: 0, points: 0, backendBucketMs: 0, backendPoints: 0, logSeq: 0, traceSeq: -1, reset: true });

export function breakerFigures(sim: Simulation): BreakerFigures[] {
  return sim.deps.flatMap((d) => {
    const b = d.parts.breaker;
    if (!b) return [];
    const ctx = b.actor.getSnapshot().context;
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return [
      {
        id: b.id,
        state: b.state,
        openings: b.openings,
        permitted: b.permitted,
        notPermitted: b.notPermitted,
        failureRate: r3(ctx.metrics.failureRate(sim.now)),
        slowCallRate: r3(ctx.metrics.slowCallRate(sim.now)),
        windowCalls: ctx.metrics.totals(sim.now).calls,
        halfOpenPermitsIssued: ctx.halfOpenPermitsIssued,
      },
    ];
  });
}

export function backendFigures(sim: Simulation): BackendFigures[] {
  return sim.deps.flatMap((d) =>
    d.backends.map((b) => ({
      id: b.id,
      routed: d.pool.routed[b.index],
      weight: b.spec.weight,
      health: d.pool.health[b.index]?.state ?? 'HEALTHY',
      busy: b.busy,
      queued: b.queued,
      ...b.stats,
      faults: b.effects.active,
    })),
  );
}

/** The snapshot of `sim` now, advancing `cursor` past what it sends. */
export function buildSnapshot(
  sim: Simulation,
  runId: string,
  generation: number,
  playing: boolean,
  speed: Speed,
  cursor: SnapshotCursor,
  trips: Trip[] = [],
  inspected: InspectedMachine | null = null,
): Snapshot {
  const rec = sim.recorder;
  const n = startedBuckets(sim);
  const series = rec.series;
  const reset = cursor.reset || cursor.bucketMs !== series.bucketMs;
  const fromIndex = reset ? 0 : Math.max(0, Math.min(cursor.points - 1, n));
  const points = Array.from({ length: 1 + sim.deps.length }, (_, scope) => {
    const out = [];
    for (let i = fromIndex; i < n; i++) out.push(seriesPoint(sim, i, scope));
    return out;
  });
  const bs = rec.backendSeries;
  const bn = startedBuckets(sim, bs);
  const bReset = cursor.reset || cursor.backendBucketMs !== bs.bucketMs;
  const bFrom = bReset ? 0 : Math.max(0, Math.min(cursor.backendPoints - 1, bn));
  const backendPoints = Array.from({ length: bs.scopes }, (_, scope) => {
    const out = [];
    for (let i = bFrom; i < bn; i++) out.push(backendPoint(sim, i, scope));
    return out;
  });
  cursor.backendBucketMs = bs.bucketMs;
  cursor.backendPoints = bn;
  const traceSeq = sim.sagas.reduce((a, r) => a + r.traceSeq, 0);
  const sagaTraces =
    sim.sagas.length > 0 && (reset || traceSeq !== cursor.traceSeq)
      ? sim.sagas.flatMap((r) => [...new Set([...r.notable, ...r.traces.slice(-30)])]).map((t) => ({ ...t, events: t.events.slice() }))
      : null;
  cursor.traceSeq = traceSeq;
  const log = reset ? rec.log.all() : rec.log.since(cursor.logSeq);
  cursor.bucketMs = series.bucketMs;
  cursor.points = n;
  cursor.logSeq = rec.log.total;
  cursor.reset = false;
  const machines: Record<string, string> = {};
  for (const [id, h] of rec.machines) machines[id] = h.stateAt(sim.now);
  return {
    runId,
    generation,
    simMs: sim.now,
    durationMs: sim.durationMs,
    playing,
    speed,
    done: sim.done,
    eventsRun: sim.clock.eventsRun,
    machines,
    totals: rec.all.totals(),
    depTotals: Object.fromEntries(sim.deps.map((d) => [d.id, rec.perDep[d.index].totals()])),
    rejectedBy: { ...rec.all.rejectedBy },
    latency: summarize(rec.all.latency),
    breakers: breakerFigures(sim),
    backends: backendFigures(sim),
    sagas: sim.sagas.length > 0 ? sagasReport(sim) : null,
    sagaTraces,
    policies: Object.fromEntries(sim.deps.map((d) => [d.id, policyFigures(d.parts)])),
    series: { bucketMs: series.bucketMs, reset, fromIndex, points },
    backendSeries: { bucketMs: bs.bucketMs, reset: bReset, fromIndex: bFrom, points: backendPoints },
    trips,
    inspected,
    log,
    logDropped: rec.log.dropped,
  };
}

/**
 * The run report: the object `npm run sim -- --json` prints, and the one the browser builds
 * for the same run so the two can be compared byte for byte. Bounded however long the run.
 */
import type { BulkheadFigures } from './components/bulkheadComponent';
import type { RateLimiterFigures } from './components/rateLimiterComponent';
import type { RetryBudgetComponent } from './components/retryBudgetComponent';
import type { Simulation } from './engine';
import type { PipelineParts } from './pipeline/build';
import { RESOURCES, type Resource, type ResourceLedger } from './sagas/ledger';
import { evaluateExpectations, type ExpectationResult } from './expectations';
import type { Histogram } from './recorder/histogram';
import type { Totals } from './recorder/outcomeStats';
import { COL, SERIES_COLUMNS } from './recorder/recorder';
import type { SeriesRecorder } from './recorder/series';

/** Most transitions a report lists (the latest are kept). */
export const REPORT_MAX_TRANSITIONS = 10_000;
/** Most notices (fault edges, commands) a report lists. */
export const REPORT_MAX_EVENTS = 1_000;

export interface LatencySummary {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface SeriesPoint {
  tMs: number;
  generated: number;
  succeeded: number;
  fallback: number;
  failed: number;
  rejected: number;
  timedOut: number;
  attempts: number;
  backendCalls: number;
  wasted: number;
  inFlight: number;
  inFlightMax: number;
  sagasCommitted: number;
  sagasCompensated: number;
  sagasStuck: number;
  /** Calls in service at the backends at the bucket's end, and the most at any moment in it. */
  busy: number;
  busyMax: number;
  /** Calls waiting in the backends' queues at the bucket's end, and the most at any moment in it. */
  queued: number;
  queuedMax: number;
  /** Usable backend slots at the bucket's end (concurrency × instances, less capacity faults). */
  capacity: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface RunReport {
  scenario: string;
  name: string;
  seed: number;
  simulatedMs: number;
  durationMs: number;
  complete: boolean;
  totals: Totals;
  rejectedBy: Record<string, number>;
  amplification: number | null;
  latencyMs: LatencySummary;
  transitions: Array<{ atMs: number; machine: string; from: string; to: string; cause: string }>;
  transitionsDropped: number;
  /** Of the transitions not listed, those kept out of the log because their machine was flapping. */
  transitionsSuppressed: number;
  events: Array<{ atMs: number; target: string; text: string }>;
  eventsDropped: number;
  /** Log lines (transitions and events) dropped past the in-memory cap of the event log. */
  logLinesDropped: number;
  machines: Array<{ id: string; state: string; transitions: number }>;
  breakers: Array<{ id: string; state: string; openings: number; permitted: number; notPermitted: number; failureRate: number; slowCallRate: number }>;
  dependencies: Array<{ id: string; totals: Totals; rejectedBy: Record<string, number>; latencyMs: LatencySummary }>;
  backends: Array<{
    id: string;
    /** Calls the balancer sent here. */
    routed: number;
    served: number;
    failed: number;
    shed: number;
    wasted: number;
    cancelled: number;
    busy: number;
    queued: number;
    weight: number;
    /** Health machine state (HEALTHY when the pool checks no health). */
    health: string;
  }>;
  /** Succeeded requests per simulated second over the run. */
  goodputPerSec: number;
  /** Saga outcomes in total and per saga, with the resource ledgers. */
  sagas: SagasReport;
  /** Figures of each dependency's policies (retry, budget, bulkhead, rate limiter, fallback). */
  policies: Array<{ dependency: string } & PolicyFigures>;
  series: { bucketMs: number; coarsenings: number; points: SeriesPoint[] };
  expectations: Array<ExpectationResult['expectation'] & { pass: boolean; actual: number | string | null; message: string }>;
}

export interface SagaFigures {
  started: number;
  completed: number;
  compensated: number;
  stuck: number;
  failedCompensation: number;
  inFlight: number;
}

export interface SagasReport extends SagaFigures {
  ledgers: Record<Resource, ResourceLedger>;
  /** taken − returned equals what committed, stuck and running sagas hold, for every resource. */
  balanced: boolean;
  bySaga: Array<SagaFigures & { id: string; coordination: string; onCompensationFailure: string; ledgers: Record<Resource, ResourceLedger> }>;
}

/** Saga figures of a run. */
export function sagasReport(sim: Simulation): SagasReport {
  const bySaga = sim.sagas.map((r) => ({
    id: r.def.id,
    coordination: r.def.coordination,
    onCompensationFailure: r.def.onCompensationFailure,
    started: r.counters.started,
    completed: r.counters.committed,
    compensated: r.counters.compensated,
    stuck: r.counters.stuck,
    failedCompensation: r.counters.failedCompensations,
    inFlight: r.inFlight,
    ledgers: { stock: { ...r.ledger.resources.stock }, money: { ...r.ledger.resources.money } },
  }));
  const sum = (k: keyof SagaFigures) => bySaga.reduce((a, b) => a + b[k], 0);
  const ledgers = {} as Record<Resource, ResourceLedger>;
  for (const res of RESOURCES) {
    ledgers[res] = { taken: 0, returned: 0, heldCommitted: 0, heldStuck: 0, heldRunning: 0 };
    for (const b of bySaga) for (const k of Object.keys(ledgers[res]) as Array<keyof ResourceLedger>) ledgers[res][k] += b.ledgers[res][k];
  }
  return {
    started: sum('started'),
    completed: sum('completed'),
    compensated: sum('compensated'),
    stuck: sum('stuck'),
    failedCompensation: sum('failedCompensation'),
    inFlight: sum('inFlight'),
    ledgers,
    balanced: sim.sagas.every((r) => r.ledger.balanced()),
    bySaga,
  };
}

/** What a dependency's policies have done so far. */
export interface PolicyFigures {
  retry?: { retries: number; exhausted: number; refusedByBudget: number };
  retryBudget?: ReturnType<RetryBudgetComponent['figures']> & { state: string };
  bulkhead?: BulkheadFigures & { state: string };
  rateLimiter?: RateLimiterFigures & { state: string };
  fallback?: { served: number; cacheMisses: number };
}

/** Figures of one dependency's pipeline parts. */
export function policyFigures(parts: PipelineParts): PolicyFigures {
  const out: PolicyFigures = {};
  if (parts.retry) out.retry = { ...parts.retry };
  if (parts.retryBudget) out.retryBudget = { ...parts.retryBudget.figures(), state: parts.retryBudget.state };
  if (parts.bulkhead) out.bulkhead = { ...parts.bulkhead.figures(), state: parts.bulkhead.state };
  if (parts.rateLimiter) out.rateLimiter = { ...parts.rateLimiter.figures(), state: parts.rateLimiter.state };
  if (parts.fallback) out.fallback = { ...parts.fallback };
  return out;
}

/** Rounds to 3 decimals (exact and identical in every engine). */
export const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r3OrNull = (x: number): number | null => (Number.isFinite(x) ? r3(x) : null);

export function summarize(h: Histogram): LatencySummary {
  return {
    count: h.count,
    mean: r3OrNull(h.mean),
    p50: r3OrNull(h.percentile(50)),
    p95: r3OrNull(h.percentile(95)),
    p99: r3OrNull(h.percentile(99)),
    max: h.count ? r3(h.max) : null,
  };
}

/** One series point: bucket `index` of a scope (0 = all requests, 1 + i = dependency i). */
export function seriesPoint(sim: Simulation, index: number, scope: number): SeriesPoint {
  const s = sim.recorder.series;
  const row = s.rows[index];
  const v = (c: number) => s.value(row, c, scope);
  const h = row.latency[scope];
  return {
    tMs: index * s.bucketMs,
    generated: v(COL.generated),
    succeeded: v(COL.succeeded),
    fallback: v(COL.fallback),
    failed: v(COL.failed),
    rejected: v(COL.rejected),
    timedOut: v(COL.timedOut),
    attempts: v(COL.attempts),
    backendCalls: v(COL.backendCalls),
    wasted: v(COL.wasted),
    inFlight: v(COL.inFlight),
    inFlightMax: v(COL.inFlightMax),
    sagasCommitted: v(COL.sagasCommitted),
    sagasCompensated: v(COL.sagasCompensated),
    sagasStuck: v(COL.sagasStuck),
    busy: v(COL.busy),
    busyMax: v(COL.busyMax),
    queued: v(COL.queued),
    queuedMax: v(COL.queuedMax),
    capacity: v(COL.capacity),
    p50: h ? r3OrNull(h.percentile(50)) : null,
    p95: h ? r3OrNull(h.percentile(95)) : null,
    p99: h ? r3OrNull(h.percentile(99)) : null,
  };
}

/** One point of a backend's own series (scope = its index over all dependencies, < 64). */
export interface BackendPoint {
  tMs: number;
  routed: number;
  failed: number;
  loadMax: number;
}

export function backendPoint(sim: Simulation, index: number, scope: number): BackendPoint {
  const s = sim.recorder.backendSeries;
  const row = s.rows[index];
  return { tMs: index * s.bucketMs, routed: s.value(row, 0, scope), failed: s.value(row, 1, scope), loadMax: s.value(row, 2, scope) };
}

/** Number of series buckets that have started by the simulation's current time. */
export function startedBuckets(sim: Simulation, s: SeriesRecorder = sim.recorder.series): number {
  // Idle stretches create no buckets by themselves; materialise them up to now (before reading
  // bucketMs, which this may coarsen).
  s.rowAt(sim.now > 0 ? sim.now - Number.EPSILON * sim.now : 0);
  return Math.min(s.rows.length, Math.max(1, Math.ceil(sim.now / s.bucketMs)));
}

/** Series points of one scope up to the current time. */
export function seriesPoints(sim: Simulation, scope = 0): SeriesPoint[] {
  const n = startedBuckets(sim);
  const points: SeriesPoint[] = [];
  for (let i = 0; i < n; i++) points.push(seriesPoint(sim, i, scope));
  return points;
}

/** Builds the report of a simulation at its current time. */
export function buildReport(sim: Simulation): RunReport {
  const rec = sim.recorder;
  const lines = rec.log.all();
  const transitions = lines.filter((l) => l.from !== '');
  const notices = lines.filter((l) => l.from === '');
  const keptTransitions = transitions.slice(-REPORT_MAX_TRANSITIONS);
  const totals = rec.all.totals();
  return {
    scenario: sim.scenario.id,
    name: sim.scenario.name,
    seed: sim.seed,
    simulatedMs: r3(sim.now),
    durationMs: sim.durationMs,
    complete: sim.done,
    totals,
    rejectedBy: { ...rec.all.rejectedBy },
    amplification: totals.generated ? r3(totals.attempts / totals.generated) : null,
    latencyMs: summarize(rec.all.latency),
    transitions: keptTransitions.map((l) => ({ atMs: r3(l.atMs), machine: l.machine, from: l.from, to: l.to, cause: l.cause })),
    transitionsDropped: rec.transitionCount - keptTransitions.length,
    transitionsSuppressed: rec.transitionsSuppressed,
    events: notices.slice(-REPORT_MAX_EVENTS).map((l) => ({ atMs: r3(l.atMs), target: l.machine, text: l.cause })),
    eventsDropped: Math.max(0, notices.length - REPORT_MAX_EVENTS),
    logLinesDropped: rec.log.dropped,
    machines: [...rec.machines.values()].map((h) => ({ id: h.machine, state: h.stateAt(sim.now), transitions: h.length - 1 })),
    breakers: sim.deps.flatMap((d) => {
      const b = d.parts.breaker;
      if (!b) return [];
      const m = b.actor.getSnapshot().context.metrics;
      return [
        {
          id: b.id,
          state: b.state,
          openings: b.openings,
          permitted: b.permitted,
          notPermitted: b.notPermitted,
          failureRate: r3(m.failureRate(sim.now)),
          slowCallRate: r3(m.slowCallRate(sim.now)),
        },
      ];
    }),
    dependencies: sim.deps.map((d) => ({
      id: d.id,
      totals: rec.perDep[d.index].totals(),
      rejectedBy: { ...rec.perDep[d.index].rejectedBy },
      latencyMs: summarize(rec.perDep[d.index].latency),
    })),
    backends: sim.deps.flatMap((d) =>
      d.backends.map((b) => ({ id: b.id, routed: d.pool.routed[b.index], ...b.stats, busy: b.busy, queued: b.queued, weight: b.spec.weight, health: d.pool.health[b.index]?.state ?? 'HEALTHY' })),
    ),
    goodputPerSec: sim.now > 0 ? r3(totals.succeeded / (sim.now / 1000)) : 0,
    sagas: sagasReport(sim),
    policies: sim.deps.map((d) => ({ dependency: d.id, ...policyFigures(d.parts) })),
    series: { bucketMs: rec.series.bucketMs, coarsenings: rec.series.coarsenings, points: seriesPoints(sim) },
    expectations: evaluateExpectations(sim).map((r) => ({ ...r.expectation, pass: r.pass, actual: r.actual, message: r.message })),
  };
}

/** Column names of the series (for CSV export and docs). */
export const SERIES_COLUMN_NAMES = SERIES_COLUMNS.map((c) => c.name);

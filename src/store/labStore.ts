/**
 * The lab's state: UI state plus what each run has sent, keyed by run id. Framework-free
 * (zustand/vanilla); React reads it through narrow selectors in ./hooks.ts.
 */
import { createStore } from 'zustand/vanilla';
import type { LogLine } from '../sim/recorder/transitionLog';
import type { Totals } from '../sim/recorder/outcomeStats';
import type { BackendPoint, LatencySummary, PolicyFigures, SagasReport, SeriesPoint } from '../sim/report';
import type { SagaTrace } from '../sim/sagas/sagaRunner';
import type { ScenarioIssue } from '../sim/scenario/errors';
import type { MachineInfo } from '../sim/scenario/machines';
import type { Scenario } from '../sim/scenario/schema';
import type { TimelineEntry } from '../sim/scenario/timeline';
import type { InspectedMachine, MachineGraph } from '../sim/machines/graphTypes';
import type { BackendFigures, BreakerFigures, Snapshot, Speed, Trip } from '../worker/protocol';

/** Most log lines kept on the page (the worker keeps the same cap). */
export const PAGE_LOG_CAP = 100_000;

export interface RunState {
  runId: string;
  status: 'loading' | 'ready' | 'error';
  generation: number;
  /** Preset id, or where the scenario came from ("link", a file name). */
  source: string;
  scenario: Scenario | null;
  /** The scenario as loaded, before defaults (what a share link carries). */
  scenarioInput: unknown;
  /** Commands added during the run, stamped with their simulated time. */
  liveEntries: TimelineEntry[];
  machines: MachineInfo[];
  /** Machine graphs by graph key (worker/protocol graphKey). */
  graphs: Record<string, MachineGraph>;
  seed: number;
  simMs: number;
  durationMs: number;
  playing: boolean;
  speed: Speed;
  done: boolean;
  /** Set while re-running from the start to a past time. */
  rerun: { targetMs: number; simMs: number } | null;
  /** The time being looked at; null follows the live run. */
  viewMs: number | null;
  machineStates: Record<string, string>;
  totals: Totals;
  depTotals: Record<string, Totals>;
  rejectedBy: Record<string, number>;
  latency: LatencySummary;
  breakers: BreakerFigures[];
  backends: BackendFigures[];
  policies: Record<string, PolicyFigures>;
  sagas: SagasReport | null;
  sagaTraces: SagaTrace[];
  /** The inspected machine as of the latest snapshot. */
  inspected: InspectedMachine | null;
  /** The latest sample of ended requests, for the topology animation. */
  trips: Trip[];
  tripsVersion: number;
  eventsRun: number;
  bucketMs: number;
  /** Points per scope (0 = all requests, 1 + i = dependency i). */
  series: SeriesPoint[][];
  /** Per-backend points (the first 64 backends, over all dependencies in order). */
  backendSeries: BackendPoint[][];
  backendBucketMs: number;
  /** Mutable, append-only between resets; `logVersion` changes when it does. */
  log: LogLine[];
  logVersion: number;
  logDropped: number;
}

export interface Banner {
  kind: 'error' | 'info';
  text: string;
  issues?: ScenarioIssue[];
}

export interface LabState {
  runs: Record<string, RunState>;
  activeRunId: string;
  banner: Banner | null;
  theme: 'light' | 'dark';
  /** What charts and totals show: '' for every request, else one dependency id. */
  scope: string;
  /**
   * What the learner selected: a topology node ('client', 'dep:<id>', 'balancer:<id>',
   * 'backend:<dep>/<i>', 'saga:<id>') or a machine id ('payments.circuitBreaker').
   */
  selected: string | null;
}

const emptyTotals: Totals = { generated: 0, succeeded: 0, fallback: 0, failed: 0, rejected: 0, timedOut: 0, inFlight: 0, attempts: 0 };
const emptyLatency: LatencySummary = { count: 0, mean: null, p50: null, p95: null, p99: null, max: null };

export function emptyRun(runId: string, source: string, scenarioInput: unknown): RunState {
  return {
    runId,
    status: 'loading',
    generation: -1,
    source,
    scenario: null,
    scenarioInput,
    liveEntries: [],
    machines: [],
    graphs: {},
    seed: 0,
    simMs: 0,
    durationMs: 0,
    playing: false,
    speed: 5,
    done: false,
    rerun: null,
    viewMs: null,
    machineStates: {},
    totals: emptyTotals,
    depTotals: {},
    rejectedBy: {},
    latency: emptyLatency,
    breakers: [],
    backends: [],
    policies: {},
    sagas: null,
    sagaTraces: [],
    inspected: null,
    trips: [],
    tripsVersion: 0,
    eventsRun: 0,
    bucketMs: 1000,
    series: [],
    backendSeries: [],
    backendBucketMs: 1000,
    log: [],
    logVersion: 0,
    logDropped: 0,
  };
}

export const labStore = createStore<LabState>(() => ({
  runs: {},
  activeRunId: 'main',
  banner: null,
  theme: 'light',
  scope: '',
  selected: null,
}));

/** Replaces one run's state with `patch` applied. */
export function patchRun(runId: string, patch: Partial<RunState> | ((run: RunState) => Partial<RunState>)): void {
  labStore.setState((s) => {
    const run = s.runs[runId];
    if (!run) return s;
    const p = typeof patch === 'function' ? patch(run) : patch;
    return { runs: { ...s.runs, [runId]: { ...run, ...p } } };
  });
}

/** Folds a snapshot into its run (dropping snapshots of an older generation). */
export function applySnapshot(snap: Snapshot): void {
  applySnapshots([snap]);
}

/** Folds several snapshots, in order, into the store in one update (one React render). */
export function applySnapshots(snaps: readonly Snapshot[]): void {
  if (snaps.length === 0) return;
  labStore.setState((s) => {
    const runs = { ...s.runs };
    const batchTrips = new Map<string, number>();
    for (const snap of snaps) {
      const run = runs[snap.runId];
      if (!run) continue;
      const next = { ...run, ...foldSnapshot(run, snap) };
      // Trips of every snapshot in a batch are kept, so the topology still animates them all.
      if (snap.trips.length && batchTrips.has(snap.runId) && next.generation === run.generation) {
        next.trips = [...run.trips, ...snap.trips];
        next.tripsVersion = run.tripsVersion;
      }
      if (snap.trips.length) batchTrips.set(snap.runId, 1);
      runs[snap.runId] = next;
    }
    return { runs };
  });
}

function foldSnapshot(run: RunState, snap: Snapshot): Partial<RunState> {
    if (snap.generation < run.generation) return {};
    const sameGeneration = snap.generation === run.generation;
    let series: SeriesPoint[][];
    if (snap.series.reset || !sameGeneration) {
      series = snap.series.points.map((p) => p.slice());
    } else {
      series = snap.series.points.map((p, scope) => {
        const held = run.series[scope] ?? [];
        const next = held.slice(0, snap.series.fromIndex);
        for (const point of p) next.push(point);
        return next;
      });
    }
    const bs = snap.backendSeries;
    const backendSeries =
      bs.reset || !sameGeneration
        ? bs.points.map((p) => p.slice())
        : bs.points.map((p, scope) => {
            const next = (run.backendSeries[scope] ?? []).slice(0, bs.fromIndex);
            for (const point of p) next.push(point);
            return next;
          });
    let log = run.log;
    if (snap.series.reset || !sameGeneration) {
      log = snap.log.slice();
    } else if (snap.log.length > 0) {
      for (const line of snap.log) log.push(line);
      if (log.length > PAGE_LOG_CAP) log.splice(0, log.length - PAGE_LOG_CAP);
    }
    return {
      generation: snap.generation,
      status: 'ready',
      simMs: snap.simMs,
      durationMs: snap.durationMs,
      playing: snap.playing,
      speed: snap.speed,
      done: snap.done,
      eventsRun: snap.eventsRun,
      machineStates: snap.machines,
      totals: snap.totals,
      depTotals: snap.depTotals,
      rejectedBy: snap.rejectedBy,
      latency: snap.latency,
      breakers: snap.breakers,
      backends: snap.backends,
      policies: snap.policies,
      sagas: snap.sagas,
      inspected: snap.inspected,
      trips: snap.trips.length ? snap.trips : run.trips,
      tripsVersion: snap.trips.length ? run.tripsVersion + 1 : run.tripsVersion,
      sagaTraces: snap.sagaTraces ?? (sameGeneration ? run.sagaTraces : []),
      bucketMs: snap.series.bucketMs,
      series,
      backendSeries,
      backendBucketMs: bs.bucketMs,
      log,
      logVersion: snap.log.length > 0 || snap.series.reset || !sameGeneration ? run.logVersion + 1 : run.logVersion,
      logDropped: snap.logDropped,
      // A re-run's snapshots keep its mark (the controller clears it when the re-run is done), so
      // the page can tell them from the live run's; playing ends any re-run.
      rerun: snap.playing ? null : run.rerun,
    };
}

/**
 * The recorder: everything a run leaves behind, kept in bounded memory — per-bucket series,
 * latency histograms, totals, the transition log with causes, each machine's state history,
 * and the windows expectations ask about.
 */
import type { CallResult, RequestState } from '../pipeline/types';
import { OutcomeStats } from './outcomeStats';
import { SeriesRecorder, type ColumnDef } from './series';
import { StateHistory } from './stateHistory';
import { TransitionLog, type LogLine } from './transitionLog';

/** Most log lines per machine per simulated second; more transitions are counted, not listed. */
export const LOG_LINES_PER_SECOND = 10;

/** Series columns, per scope (scope 0: all requests; scope 1 + i: dependency i). */
export const SERIES_COLUMNS: readonly ColumnDef[] = [
  { name: 'generated', kind: 'sum' },
  { name: 'succeeded', kind: 'sum' },
  { name: 'fallback', kind: 'sum' },
  { name: 'failed', kind: 'sum' },
  { name: 'rejected', kind: 'sum' },
  { name: 'timedOut', kind: 'sum' },
  { name: 'attempts', kind: 'sum' },
  { name: 'backendCalls', kind: 'sum' },
  { name: 'wasted', kind: 'sum' },
  { name: 'inFlight', kind: 'last' },
  { name: 'inFlightMax', kind: 'max' },
  { name: 'sagasCommitted', kind: 'sum' },
  { name: 'sagasCompensated', kind: 'sum' },
  { name: 'sagasStuck', kind: 'sum' },
  { name: 'busy', kind: 'last' },
  { name: 'busyMax', kind: 'max' },
  { name: 'queued', kind: 'last' },
  { name: 'queuedMax', kind: 'max' },
  { name: 'capacity', kind: 'last' },
];

/** Per-backend series columns (scope = backend index over all dependencies). */
export const BACKEND_COLUMNS: readonly ColumnDef[] = [
  { name: 'routed', kind: 'sum' },
  { name: 'failed', kind: 'sum' },
  { name: 'loadMax', kind: 'max' },
];

/** Backends with a series of their own (later ones are counted in totals only). */
export const MAX_BACKEND_SERIES = 64;

export const COL = {
  generated: 0,
  succeeded: 1,
  fallback: 2,
  failed: 3,
  rejected: 4,
  timedOut: 5,
  attempts: 6,
  backendCalls: 7,
  wasted: 8,
  inFlight: 9,
  inFlightMax: 10,
  sagasCommitted: 11,
  sagasCompensated: 12,
  sagasStuck: 13,
  busy: 14,
  busyMax: 15,
  queued: 16,
  queuedMax: 17,
  capacity: 18,
} as const;

const OUTCOME_COL = { success: COL.succeeded, fallback: COL.fallback, failure: COL.failed, rejected: COL.rejected, timeout: COL.timedOut } as const;

/** Requests that ended (or started) in [fromMs, toMs), optionally for one dependency. */
export class WindowStats {
  readonly stats = new OutcomeStats();
  constructor(
    readonly fromMs: number,
    readonly toMs: number,
    /** Dependency index, or -1 for all. */
    readonly dep: number,
  ) {}

  covers(t: number, dep: number): boolean {
    return t >= this.fromMs && t < this.toMs && (this.dep < 0 || this.dep === dep);
  }
}

export class Recorder {
  readonly series: SeriesRecorder;
  readonly log = new TransitionLog();
  readonly machines = new Map<string, StateHistory>();
  readonly all = new OutcomeStats();
  readonly perDep: OutcomeStats[];
  readonly windows: WindowStats[] = [];
  private readonly inFlight: number[];
  /** Per scope (0 = every dependency, 1 + i = dependency i): calls in service and waiting at its backends, and their usable slots. */
  private readonly busy: number[];
  private readonly queued: number[];
  private readonly capacity: number[];
  /** Transitions over the whole run (the log may have dropped the oldest). */
  transitionCount = 0;
  /** Transitions kept out of the log because their machine was flapping (see transition()). */
  transitionsSuppressed = 0;
  private readonly logBudget = new Map<string, { second: number; lines: number }>();
  /** Per machine: transitions so far by "FROM→TO", and the latest one (for the live statechart). */
  readonly transitionCounts = new Map<string, Record<string, number>>();
  readonly lastTransitions = new Map<string, { from: string; to: string; atMs: number; cause: string }>();

  /** Per-backend routed calls, failures and peak load. */
  readonly backendSeries: SeriesRecorder;

  constructor(
    readonly depCount: number,
    backendCount = 0,
  ) {
    this.series = new SeriesRecorder(SERIES_COLUMNS, 1 + depCount);
    this.backendSeries = new SeriesRecorder(BACKEND_COLUMNS, Math.max(1, Math.min(MAX_BACKEND_SERIES, backendCount)));
    this.perDep = Array.from({ length: depCount }, () => new OutcomeStats());
    this.inFlight = Array.from({ length: depCount + 1 }, () => 0);
    this.busy = Array.from({ length: depCount + 1 }, () => 0);
    this.queued = Array.from({ length: depCount + 1 }, () => 0);
    this.capacity = Array.from({ length: depCount + 1 }, () => 0);
  }

  /** Adds a window to accumulate (before the run starts). */
  watch(fromMs: number, toMs: number, dep: number): WindowStats {
    const w = new WindowStats(fromMs, toMs, dep);
    this.windows.push(w);
    return w;
  }

  /** Registers a machine's state history. */
  machine(id: string, initialState: string): StateHistory {
    const h = new StateHistory(id, initialState);
    this.machines.set(id, h);
    return h;
  }

  /**
   * A client request starts. `dep` is the dependency it calls, or -1 for a saga (whose step
   * calls are counted per dependency by callStarted/callEnded instead).
   */
  requestStarted(t: number, dep: number): void {
    this.all.generated++;
    const s = this.series;
    s.add(t, COL.generated, 0);
    if (dep >= 0) {
      this.perDep[dep].generated++;
      s.add(t, COL.generated, dep + 1);
    }
    this.setInFlight(t, dep, +1);
    for (const w of this.windows) if (w.covers(t, dep)) w.stats.generated++;
  }

  /** An attempt of a client request (the first, or a retry) to dependency `dep`. */
  attempt(t: number, dep: number): void {
    this.all.attempts++;
    this.series.add(t, COL.attempts, 0);
    if (dep >= 0) {
      this.perDep[dep].attempts++;
      this.series.add(t, COL.attempts, dep + 1);
    }
    for (const w of this.windows) if (w.covers(t, dep)) w.stats.attempts++;
  }

  /** A saga step or compensation calls dependency `dep` (counted for that dependency only). */
  callStarted(t: number, dep: number): void {
    this.perDep[dep].generated++;
    this.perDep[dep].attempts++;
    this.series.add(t, COL.generated, dep + 1);
    this.series.add(t, COL.attempts, dep + 1);
    this.depInFlight(t, dep, +1);
    for (const w of this.windows) {
      if (w.dep === dep && w.covers(t, dep)) {
        w.stats.generated++;
        w.stats.attempts++;
      }
    }
  }

  /** A retry of a saga's call to dependency `dep`. */
  callAttempt(t: number, dep: number): void {
    this.perDep[dep].attempts++;
    this.series.add(t, COL.attempts, dep + 1);
    for (const w of this.windows) if (w.dep === dep && w.covers(t, dep)) w.stats.attempts++;
  }

  callEnded(t: number, dep: number, startedAt: number, result: CallResult): void {
    const latency = t - startedAt;
    this.perDep[dep].end(result, latency);
    this.series.add(t, OUTCOME_COL[result.outcome], dep + 1);
    if (result.outcome !== 'rejected') this.series.latency(t, dep + 1, latency);
    this.depInFlight(t, dep, -1);
    for (const w of this.windows) if (w.dep === dep && w.covers(t, dep)) w.stats.end(result, latency);
  }

  /** A saga instance ended. */
  sagaEnded(t: number, outcome: 'COMMITTED' | 'COMPENSATED' | 'STUCK', failedCompensations: number): void {
    const col = outcome === 'COMMITTED' ? COL.sagasCommitted : outcome === 'COMPENSATED' ? COL.sagasCompensated : COL.sagasStuck;
    this.series.add(t, col, 0);
    this.all.saga(outcome, failedCompensations);
    for (const w of this.windows) if (w.dep < 0 && w.covers(t, -1)) w.stats.saga(outcome, failedCompensations);
  }

  backendCall(t: number, dep: number): void {
    this.series.add(t, COL.backendCalls, 0);
    this.series.add(t, COL.backendCalls, dep + 1);
  }

  backendRouted(t: number, backend: number, load: number): void {
    if (backend >= MAX_BACKEND_SERIES) return;
    const v = this.backendSeries.rowAt(t).values;
    const w = BACKEND_COLUMNS.length;
    v[backend * w] += 1;
    if (load > v[backend * w + 2]) v[backend * w + 2] = load;
  }

  backendFailed(t: number, backend: number): void {
    if (backend < MAX_BACKEND_SERIES) this.backendSeries.add(t, 1, backend);
  }

  /** Calls in service (busy) and waiting (queued) at a backend of dependency `dep` changed. */
  backendLoad(t: number, dep: number, busyDelta: number, queuedDelta: number): void {
    const s = this.series;
    if (busyDelta !== 0) {
      const b = this.busy;
      b[0] += busyDelta;
      b[dep + 1] += busyDelta;
      s.gauge(t, COL.busy, COL.busyMax, 0, b[0]);
      s.gauge(t, COL.busy, COL.busyMax, dep + 1, b[dep + 1]);
    }
    if (queuedDelta !== 0) {
      const q = this.queued;
      q[0] += queuedDelta;
      q[dep + 1] += queuedDelta;
      s.gauge(t, COL.queued, COL.queuedMax, 0, q[0]);
      s.gauge(t, COL.queued, COL.queuedMax, dep + 1, q[dep + 1]);
    }
  }

  /** Usable slots of a backend of dependency `dep` changed (the start of the run, a capacity fault, a knob). */
  backendCapacity(t: number, dep: number, delta: number): void {
    const c = this.capacity;
    c[0] += delta;
    c[dep + 1] += delta;
    this.series.gauge(t, COL.capacity, -1, 0, c[0]);
    this.series.gauge(t, COL.capacity, -1, dep + 1, c[dep + 1]);
  }

  wasted(t: number, dep: number): void {
    this.series.add(t, COL.wasted, 0);
    this.series.add(t, COL.wasted, dep + 1);
  }

  requestEnded(t: number, req: RequestState, result: CallResult): void {
    const latency = t - req.startedAt;
    const dep = req.dep;
    this.all.end(result, latency);
    const s = this.series;
    const col = OUTCOME_COL[result.outcome];
    s.add(t, col, 0);
    if (dep >= 0) {
      this.perDep[dep].end(result, latency);
      s.add(t, col, dep + 1);
    }
    if (result.outcome !== 'rejected') {
      s.latency(t, 0, latency);
      if (dep >= 0) s.latency(t, dep + 1, latency);
    }
    this.setInFlight(t, dep, -1);
    for (const w of this.windows) if (w.covers(t, dep)) w.stats.end(result, latency);
  }

  private setInFlight(t: number, dep: number, delta: number): void {
    const f = this.inFlight;
    f[0] += delta;
    this.series.gauge(t, COL.inFlight, COL.inFlightMax, 0, f[0]);
    if (dep >= 0) this.depInFlight(t, dep, delta);
  }

  private depInFlight(t: number, dep: number, delta: number): void {
    const f = this.inFlight;
    f[dep + 1] += delta;
    this.series.gauge(t, COL.inFlight, COL.inFlightMax, dep + 1, f[dep + 1]);
  }

  /**
   * Records a machine's transition with its cause. Every transition enters the machine's state
   * history; the log takes at most LOG_LINES_PER_SECOND per machine per simulated second, so a
   * bulkhead flapping between AVAILABLE and FULL at saturation does not bury everything else.
   */
  transition(t: number, machine: string, from: string, to: string, cause: string): LogLine | null {
    this.machines.get(machine)?.push(t, to);
    this.transitionCount++;
    let counts = this.transitionCounts.get(machine);
    if (!counts) this.transitionCounts.set(machine, (counts = {}));
    const key = `${from}→${to}`;
    counts[key] = (counts[key] ?? 0) + 1;
    this.lastTransitions.set(machine, { from, to, atMs: t, cause });
    const second = Math.floor(t / 1000);
    let budget = this.logBudget.get(machine);
    if (!budget || budget.second !== second) {
      if (budget && budget.lines > LOG_LINES_PER_SECOND) {
        this.log.add({ atMs: t, machine, from: '', to: '', cause: `${budget.lines - LOG_LINES_PER_SECOND} more transitions between ${budget.second} s and ${budget.second + 1} s, not listed (flapping)` });
      }
      budget = { second, lines: 0 };
      this.logBudget.set(machine, budget);
    }
    budget.lines++;
    if (budget.lines > LOG_LINES_PER_SECOND) {
      this.transitionsSuppressed++;
      return null;
    }
    return this.log.add({ atMs: t, machine, from, to, cause });
  }

  /** Records a notable event that is not a transition (a refused command, a fault starting). */
  notice(t: number, machine: string, cause: string): LogLine {
    return this.log.add({ atMs: t, machine, from: '', to: '', cause });
  }

  /** Approximate bytes held by the bounded stores. */
  get bytes(): number {
    let m = 0;
    for (const h of this.machines.values()) m += h.bytes;
    return this.series.bytes + this.backendSeries.bytes + m + this.log.size * 120;
  }
}

/**
 * Messages between the page and the simulation worker. Every message carries a run id, so
 * several runs can go side by side; requests that need an answer carry a reqId echoed back.
 */
import type { LogLine } from '../sim/recorder/transitionLog';
import type { BackendPoint, LatencySummary, PolicyFigures, RunReport, SagasReport, SeriesPoint } from '../sim/report';
import type { SagaTrace } from '../sim/sagas/sagaRunner';
import type { ScenarioIssue } from '../sim/scenario/errors';
import type { MachineInfo } from '../sim/scenario/machines';
import type { InspectedMachine, MachineGraph } from '../sim/machines/graphTypes';
import type { Scenario } from '../sim/scenario/schema';
import type { TimelineEntry } from '../sim/scenario/timeline';
import type { Totals } from '../sim/recorder/outcomeStats';

/** Simulated ms per wall ms, or as fast as the machine goes. */
export type Speed = number | 'max';

export type ToWorker =
  | { type: 'load'; runId: string; scenario: unknown; source: string; seed?: number; reqId?: number }
  | { type: 'play'; runId: string }
  | { type: 'pause'; runId: string; reqId?: number }
  | { type: 'speed'; runId: string; speed: Speed }
  | { type: 'step'; runId: string; to: 'event' | 'transition'; reqId?: number }
  /** Runs at full speed to the given simulated time, then pauses. */
  | { type: 'runTo'; runId: string; atMs: number; reqId?: number }
  /** Re-runs deterministically from the start to `atMs` (resume after seeking back), then pauses. */
  | { type: 'rerunTo'; runId: string; atMs: number; reqId?: number }
  /** A live command, stamped with the current simulated time by the worker. */
  | { type: 'command'; runId: string; entry: unknown; reqId?: number }
  | { type: 'report'; runId: string; reqId: number }
  /** Which machine the live statechart shows ('saga:<id>' for a saga's coordinators); null for none. */
  | { type: 'inspect'; runId: string; machine: string | null }
  /** The knobs a `set` command can change on a target, with their ranges and current values. */
  | { type: 'knobs'; runId: string; target: string; reqId: number }
  | { type: 'dispose'; runId: string };

export interface BreakerFigures {
  id: string;
  state: string;
  openings: number;
  permitted: number;
  notPermitted: number;
  failureRate: number;
  slowCallRate: number;
  /** Calls in the breaker's current window. */
  windowCalls: number;
  halfOpenPermitsIssued: number;
}

export interface BackendFigures {
  id: string;
  routed: number;
  weight: number;
  health: string;
  busy: number;
  queued: number;
  served: number;
  failed: number;
  shed: number;
  wasted: number;
  cancelled: number;
  faults: number;
}

/** What changed since the previous snapshot of the same run (at most one per animation frame). */
export interface Snapshot {
  runId: string;
  /** Increments whenever the run restarts (load, reset, re-run); buffers of an older generation are dropped. */
  generation: number;
  simMs: number;
  durationMs: number;
  playing: boolean;
  speed: Speed;
  done: boolean;
  eventsRun: number;
  machines: Record<string, string>;
  totals: Totals;
  /** Totals per dependency id. */
  depTotals: Record<string, Totals>;
  rejectedBy: Record<string, number>;
  latency: LatencySummary;
  breakers: BreakerFigures[];
  backends: BackendFigures[];
  /** Per dependency id: what its policies have done so far. */
  policies: Record<string, PolicyFigures>;
  series: {
    bucketMs: number;
    /** true: `points` replace everything held (first snapshot, or the buckets were merged). */
    reset: boolean;
    /** Index of the first point sent; the point at that index replaces the held one (it may have been partial). */
    fromIndex: number;
    /** Points per scope: 0 = all requests, 1 + i = dependency i. */
    points: SeriesPoint[][];
  };
  /** Per-backend series (the first 64 backends), sent like `series`. */
  backendSeries: { bucketMs: number; reset: boolean; fromIndex: number; points: BackendPoint[][] };
  /** Saga outcomes and ledgers (null when the scenario has no sagas). */
  sagas: SagasReport | null;
  /** The newest saga instances (at most 40), when any changed since the previous snapshot. */
  sagaTraces: SagaTrace[] | null;
  /** Requests that ended since the previous snapshot, a sample of at most 16. */
  trips: Trip[];
  /** The machine the page inspects, with its transition counts and guards in words. */
  inspected: InspectedMachine | null;
  /** Log lines added since the previous snapshot (or all kept lines when `series.reset`). */
  log: LogLine[];
  logDropped: number;
}

/** A request that ended, sampled for the topology's animation. */
export interface Trip {
  /** Dependency index, or -1 for a saga request. */
  dep: number;
  /** Instance index within the dependency, or -1 when no instance took it. */
  backend: number;
  outcome: 'success' | 'failure' | 'timeout' | 'rejected' | 'fallback';
  rejectedBy?: string;
  /** Saga index for a saga request. */
  saga?: number;
}

/** One knob a live command can change. */
export interface KnobInfo {
  name: string;
  type: 'number' | 'integer' | 'boolean' | 'enum';
  min?: number;
  max?: number;
  options?: string[];
  value: number | boolean | string | null;
  description: string;
}

export type FromWorker =
  | {
      type: 'loaded';
      runId: string;
      generation: number;
      scenario: Scenario;
      machines: MachineInfo[];
      /** Machine graphs by graph key (see graphKey); every machine's graph is graphs[graphKey(machine)]. */
      graphs: Record<string, MachineGraph>;
      seed: number;
      reqId?: number;
    }
  | { type: 'knobs'; runId: string; reqId: number; target: string; knobs: KnobInfo[] }
  | { type: 'error'; runId: string; message: string; issues?: ScenarioIssue[]; reqId?: number }
  | { type: 'snapshot'; snapshot: Snapshot }
  /** While re-running from the start to a past time (resuming after a seek back). */
  | { type: 'progress'; runId: string; targetMs: number; simMs: number }
  | { type: 'ack'; runId: string; reqId: number; entry?: TimelineEntry }
  | { type: 'report'; runId: string; reqId: number; report: RunReport };

/** The key of a machine's graph: machines of one kind with the same states share it. */
export const graphKey = (m: { kind: string; states: readonly string[] }): string => `${m.kind}:${m.states.join(',')}`;

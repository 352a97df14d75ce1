/**
 * Runs simulations for the page: it owns the pace. Engines advance in wall-time slices of a few
 * milliseconds, the host yields between slices (the worker uses a MessageChannel, which browsers
 * do not clamp the way they clamp setTimeout), and each run posts at most one snapshot per frame.
 * Pure apart from the environment it is given, so it runs in Node tests as well as in the worker.
 */
import { Simulation } from '../sim/engine';
import { buildReport } from '../sim/report';
import { ScenarioError } from '../sim/scenario/errors';
import { machineCatalog } from '../sim/scenario/machines';
import type { Scenario } from '../sim/scenario/schema';
import { parseScenario, parseTimelineEntry } from '../sim/scenario/validate';
import { inspectMachine, knobsFor, machineGraphs } from './inspect';
import type { FromWorker, Speed, ToWorker, Trip } from './protocol';
import { buildSnapshot, freshCursor, type SnapshotCursor } from './snapshot';

export interface HostEnv {
  /** Wall-clock milliseconds (performance.now in the worker). */
  now(): number;
  post(message: FromWorker): void;
  /** Calls `fn` soon: at once-ish for 0 (a MessageChannel in the worker), else after `delayMs`. */
  schedule(fn: () => void, delayMs: number): void;
}

/** Wall time one slice of engine work may take before the host yields. */
export const SLICE_MS = 8;
/** Least wall time between two snapshots of a run (one animation frame). */
export const FRAME_MS = 16;
/** Paced runs that fall further behind than this (in wall ms) stop trying to catch up. */
const MAX_LAG_MS = 250;

type Goal =
  | { kind: 'runTo'; atMs: number; reqId?: number; rerun: boolean }
  | { kind: 'transition'; reqId?: number };

/** Most sampled trips per snapshot. */
const TRIPS_PER_SNAPSHOT = 16;

class Run {
  sim: Simulation;
  /** Machine the page inspects. */
  inspecting: string | null = null;
  trips: Trip[] = [];
  private ended = 0;
  generation = 0;
  playing = false;
  speed: Speed = 5;
  goal: Goal | null = null;
  cursor: SnapshotCursor = freshCursor();
  lastPost = -Infinity;
  dirty = true;
  private anchorWall = 0;
  private anchorSim = 0;

  constructor(
    readonly id: string,
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    this.sim = new Simulation(scenario, { seed });
    this.tapRequests();
  }

  /** Samples ended requests for the topology: the first 16 of a frame, then replacing at random-ish slots. */
  private tapRequests(): void {
    this.sim.onRequestEnd = (req, result) => {
      const trip: Trip = { dep: req.dep, backend: req.lastBackend ?? -1, outcome: result.outcome, rejectedBy: result.rejectedBy, saga: req.saga };
      this.ended++;
      if (this.trips.length < TRIPS_PER_SNAPSHOT) this.trips.push(trip);
      else if (this.ended % 7 === 0) this.trips[(this.ended * 13) % TRIPS_PER_SNAPSHOT] = trip;
    };
  }

  /** Restarts the simulation from time 0 with the timeline as it stands (live commands included). */
  restart(): void {
    const timeline = this.sim.timeline.slice();
    this.sim.stop();
    this.sim = new Simulation({ ...this.scenario, timeline }, { seed: this.seed });
    this.tapRequests();
    this.generation++;
    this.cursor = freshCursor();
    this.dirty = true;
  }

  anchor(wallNow: number): void {
    this.anchorWall = wallNow;
    this.anchorSim = this.sim.now;
  }

  /** Where a paced run should be by now. */
  pacedTarget(wallNow: number): number {
    const speed = this.speed as number;
    let target = this.anchorSim + (wallNow - this.anchorWall) * speed;
    if (target - this.sim.now > MAX_LAG_MS * speed) {
      this.anchor(wallNow - MAX_LAG_MS);
      target = this.anchorSim + MAX_LAG_MS * speed;
    }
    return target;
  }
}

export class RunHost {
  private readonly runs = new Map<string, Run>();
  private scheduled = false;

  constructor(private readonly env: HostEnv) {}

  handle(msg: ToWorker): void {
    if (msg.type === 'load') return this.load(msg);
    const run = this.runs.get(msg.runId);
    if (!run) {
      if (msg.type !== 'dispose') this.env.post({ type: 'error', runId: msg.runId, message: `no run "${msg.runId}" is loaded`, reqId: 'reqId' in msg ? msg.reqId : undefined });
      return;
    }
    switch (msg.type) {
      case 'play':
        if (run.sim.done) break;
        run.goal = null;
        run.playing = true;
        run.anchor(this.env.now());
        break;
      case 'pause':
        run.playing = false;
        if (run.goal?.kind === 'transition') run.goal = null;
        this.flush(run);
        if (msg.reqId !== undefined) this.env.post({ type: 'ack', runId: run.id, reqId: msg.reqId });
        break;
      case 'speed':
        run.speed = msg.speed;
        run.anchor(this.env.now());
        break;
      case 'step':
        run.playing = false;
        if (msg.to === 'event') {
          run.sim.stepEvent();
          this.flush(run);
          if (msg.reqId !== undefined) this.env.post({ type: 'ack', runId: run.id, reqId: msg.reqId });
        } else {
          run.goal = { kind: 'transition', reqId: msg.reqId };
        }
        break;
      case 'runTo':
        run.playing = false;
        run.goal = { kind: 'runTo', atMs: msg.atMs, reqId: msg.reqId, rerun: false };
        break;
      case 'rerunTo':
        run.playing = false;
        run.restart();
        run.goal = { kind: 'runTo', atMs: msg.atMs, reqId: msg.reqId, rerun: true };
        break;
      case 'command': {
        let entry;
        try {
          entry = parseTimelineEntry(run.scenario, { ...(msg.entry as object), atMs: run.sim.liveCommandTime() }, 'command');
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          this.env.post({ type: 'error', runId: run.id, message: err.oneLine, issues: err.issues, reqId: msg.reqId });
          return;
        }
        run.sim.addTimelineEntry(entry);
        run.sim.settleInstant();
        this.flush(run);
        if (msg.reqId !== undefined) this.env.post({ type: 'ack', runId: run.id, reqId: msg.reqId, entry });
        break;
      }
      case 'report':
        this.env.post({ type: 'report', runId: run.id, reqId: msg.reqId, report: buildReport(run.sim) });
        break;
      case 'inspect':
        run.inspecting = msg.machine;
        this.flush(run);
        break;
      case 'knobs':
        this.env.post({ type: 'knobs', runId: run.id, reqId: msg.reqId, target: msg.target, knobs: knobsFor(run.sim, msg.target) });
        break;
      case 'dispose':
        run.sim.stop();
        this.runs.delete(run.id);
        return;
    }
    this.kick();
  }

  private load(msg: Extract<ToWorker, { type: 'load' }>): void {
    let scenario: Scenario;
    try {
      scenario = parseScenario(msg.scenario, msg.source);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      this.env.post({ type: 'error', runId: msg.runId, message: err.oneLine, issues: err.issues, reqId: msg.reqId });
      return;
    }
    const previous = this.runs.get(msg.runId);
    previous?.sim.stop();
    const run = new Run(msg.runId, scenario, msg.seed ?? scenario.seed);
    if (previous) {
      run.generation = previous.generation + 1;
      run.speed = previous.speed;
    }
    const machines = machineCatalog(scenario);
    this.runs.set(msg.runId, run);
    this.env.post({
      type: 'loaded',
      runId: run.id,
      generation: run.generation,
      scenario,
      machines,
      graphs: machineGraphs(scenario, machines),
      seed: run.seed,
      reqId: msg.reqId,
    });
    this.flush(run);
  }

  /** Posts a snapshot of the run now. */
  private flush(run: Run): void {
    run.lastPost = this.env.now();
    run.dirty = false;
    const trips = run.trips;
    run.trips = [];
    const inspected = run.inspecting ? inspectMachine(run.sim, run.inspecting) : null;
    this.env.post({ type: 'snapshot', snapshot: buildSnapshot(run.sim, run.id, run.generation, run.playing, run.speed, run.cursor, trips, inspected) });
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.env.schedule(() => this.tick(), 0);
  }

  /** One round of work over every busy run, then snapshots and the next round. */
  private tick(): void {
    this.scheduled = false;
    const busy = [...this.runs.values()].filter((r) => r.playing || r.goal);
    if (busy.length === 0) return;
    const budget = SLICE_MS / busy.length;
    let hurry = false;
    let paced = false;
    for (const run of busy) {
      const deadline = this.env.now() + budget;
      const yieldNow = () => this.env.now() >= deadline;
      const goal = run.goal;
      if (goal?.kind === 'runTo') {
        const reached = run.sim.advance(goal.atMs, yieldNow) || run.sim.done;
        if (reached) {
          run.goal = null;
          this.flush(run);
          if (goal.reqId !== undefined) this.env.post({ type: 'ack', runId: run.id, reqId: goal.reqId });
        } else {
          hurry = true;
          if (goal.rerun) this.env.post({ type: 'progress', runId: run.id, targetMs: goal.atMs, simMs: run.sim.now });
          else run.dirty = true;
        }
        if (goal.rerun) continue;
      } else if (goal?.kind === 'transition') {
        let found = false;
        while (!found && !run.sim.done && !yieldNow()) found = run.sim.stepToTransition(256);
        if (found || run.sim.done) {
          run.goal = null;
          this.flush(run);
          if (goal.reqId !== undefined) this.env.post({ type: 'ack', runId: run.id, reqId: goal.reqId });
        } else {
          hurry = true;
          run.dirty = true;
        }
      } else if (run.playing) {
        const wall = this.env.now();
        if (run.speed === 'max') {
          run.sim.advance(run.sim.durationMs, yieldNow);
          hurry = true;
        } else {
          const target = run.pacedTarget(wall);
          if (!run.sim.advance(target, yieldNow)) hurry = true;
          else paced = true;
        }
        run.dirty = true;
        if (run.sim.done) {
          run.playing = false;
          this.flush(run);
        }
      }
      if (run.dirty && this.env.now() - run.lastPost >= FRAME_MS) this.flush(run);
    }
    if (hurry) {
      this.scheduled = true;
      this.env.schedule(() => this.tick(), 0);
    } else if (paced || [...this.runs.values()].some((r) => r.playing || r.goal)) {
      this.scheduled = true;
      this.env.schedule(() => this.tick(), FRAME_MS / 2);
    }
  }
}

/**
 * The simulation: a scenario and a seed in, a deterministic run out. It wires the clock, the
 * random streams, the workload, the fault injector, the backends and each dependency's pipeline,
 * and feeds everything that happens to the recorder. No React, no DOM, no wall clock.
 */
import { BackendInstance, type InstanceSpec } from './backend';
import { BackendPool } from './balancing/pool';
import { SimClock } from './clock';
import { FaultInjector, type FaultTarget } from './faults';
import { backendStage } from './pipeline/backendStage';
import { buildPipeline, updatePolicy, type PipelineParts } from './pipeline/build';
import { RESULT, type CallResult, type Handler, type RequestState } from './pipeline/types';
import { Random, Stream } from './random';
import { Recorder } from './recorder/recorder';
import { resolveKnobTarget } from './scenario/knobs';
import type { Scenario } from './scenario/schema';
import type { Fault, TimelineEntry } from './scenario/timeline';
import type { Dependency } from './scenario/topology';
import { ArrivalProcess, expGap, RateSchedule } from './workload';
import type { ScheduledEvent } from './clock';
import { describeFault } from './faultText';
import { SagaRunner } from './sagas/sagaRunner';

/** A dependency at run time. */
export interface DependencyRuntime {
  index: number;
  id: string;
  spec: Dependency;
  backends: BackendInstance[];
  pool: BackendPool;
  /** Index of this dependency's first backend among all backends (per-backend series). */
  firstBackend: number;
  parts: PipelineParts;
  cancelOnTimeout: boolean;
}

interface LiveRequest extends RequestState {
  ended: boolean;
}

/** Resolved settings of instance i of a dependency's pool. */
function instanceSpec(dep: Dependency, i: number): InstanceSpec {
  const o = dep.backends.instances?.[i] ?? {};
  return {
    concurrency: o.concurrency ?? dep.backends.concurrency,
    queueLength: o.queueLength ?? dep.backends.queueLength,
    serviceTime: o.serviceTime ?? dep.backends.serviceTime,
    speed: o.speed ?? 1,
    weight: o.weight ?? 1,
  };
}

export class Simulation {
  readonly clock = new SimClock();
  readonly random: Random;
  readonly recorder: Recorder;
  readonly deps: DependencyRuntime[];
  readonly injector = new FaultInjector();
  readonly seed: number;
  readonly durationMs: number;
  /** The timeline as applied so far, live commands included, in the order they were added. */
  readonly timeline: TimelineEntry[] = [];
  private readonly schedule: RateSchedule;
  private readonly arrivals: ArrivalProcess;
  private pendingArrival: ScheduledEvent | null = null;
  private clientInFlight = 0;
  private readonly targetWeights: number[];
  /** Per target: a dependency index (≥ 0), or −1 − saga index for a saga. */
  private readonly targetKinds: number[];
  private readonly targetTotal: number;
  readonly sagas: SagaRunner[];
  private stopped = false;
  private backendCount = 0;
  /** Called as each client request ends (the worker samples these for the topology's animation). */
  onRequestEnd: ((req: RequestState, result: CallResult) => void) | null = null;

  constructor(
    readonly scenario: Scenario,
    options: { seed?: number } = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.durationMs = scenario.durationMs;
    this.random = new Random(this.seed);
    this.recorder = new Recorder(scenario.dependencies.length, scenario.dependencies.reduce((n, d) => n + d.backends.count, 0));
    this.deps = scenario.dependencies.map((d, i) => this.buildDependency(d, i));

    const w = scenario.workload;
    this.schedule = new RateSchedule(w.ratePerSec, w.rateChanges);
    const arrivalStream = Stream.arrival * 1024;
    this.arrivals = new ArrivalProcess(this.schedule, (k) => expGap(this.random.u(arrivalStream, k)), w.arrivals === 'constant');
    this.sagas = scenario.sagas.map(
      (def, i) =>
        new SagaRunner(def, i, {
          clock: this.clock,
          random: this.random,
          call: (depIndex, callKey, attempt, done) => this.callDependency(depIndex, callKey, attempt, done),
          depIndex: (id) => this.deps.findIndex((d) => d.id === id),
          onTransition: (machine, from, to, cause) => this.recorder.transition(this.clock.now, machine, from, to, cause),
        }),
    );
    const targets = w.targets ?? [{ dependency: scenario.dependencies[0].id, weight: 1 }];
    this.targetKinds = targets.map((t) =>
      t.dependency !== undefined ? this.deps.findIndex((d) => d.id === t.dependency) : -1 - this.sagas.findIndex((r) => r.def.id === t.saga),
    );
    this.targetWeights = targets.map((t) => t.weight);
    this.targetTotal = this.targetWeights.reduce((a, b) => a + b, 0);

    for (const entry of scenario.timeline) this.addTimelineEntry(entry);
    for (const e of scenario.expect) {
      if (e.type === 'metric') {
        const dep = e.dependency === undefined ? -1 : this.deps.findIndex((d) => d.id === e.dependency);
        this.recorder.watch(e.fromMs, e.toMs ?? this.durationMs, dep);
      }
    }
    this.scheduleNextArrival();
  }

  private buildDependency(spec: Dependency, index: number): DependencyRuntime {
    const backends = Array.from(
      { length: spec.backends.count },
      (_, i) => new BackendInstance(`${spec.id}/${i}`, index, i, instanceSpec(spec, i), this.clock, this.random, {
        onWasted: () => this.recorder.wasted(this.clock.now, index),
        onLoad: (_b, busy, queued) => this.recorder.backendLoad(this.clock.now, index, busy, queued),
        onCapacity: (_b, delta) => this.recorder.backendCapacity(this.clock.now, index, delta),
      }),
    );
    for (const b of backends) this.recorder.backendCapacity(0, index, b.capacity);
    const firstBackend = this.backendCount;
    this.backendCount += backends.length;
    const pool = new BackendPool(spec.id, index, backends, spec.balancer, this.clock, this.random, {
      onTransition: (machine, from, to, cause) => this.recorder.transition(this.clock.now, machine, from, to, cause),
      onNotice: (target, text) => this.recorder.notice(this.clock.now, target, text),
      onRouted: (i, load) => this.recorder.backendRouted(this.clock.now, firstBackend + i, load),
      onFailed: (i) => this.recorder.backendFailed(this.clock.now, firstBackend + i),
    });
    for (const h of pool.health) this.recorder.machine(h.id, h.state);
    const inner = backendStage(pool, this.clock, () => this.recorder.backendCall(this.clock.now, index));
    const dep: DependencyRuntime = {
      index,
      id: spec.id,
      spec,
      backends,
      pool,
      firstBackend,
      cancelOnTimeout: spec.cancelOnTimeout,
      parts: undefined as unknown as PipelineParts,
    };
    dep.parts = buildPipeline(spec.pipeline, inner, {
      clock: this.clock,
      random: this.random,
      depId: spec.id,
      depIndex: index,
      cancelOnTimeout: () => dep.cancelOnTimeout,
      onRetry: (req) => (req.internal ? this.recorder.callAttempt(this.clock.now, index) : this.recorder.attempt(this.clock.now, index)),
      onTransition: (machine, from, to, cause) => this.recorder.transition(this.clock.now, machine, from, to, cause),
      onNotice: (machine, text) => this.recorder.notice(this.clock.now, machine, text),
    });
    for (const m of dep.parts.machines) this.recorder.machine(m.id, m.state);
    return dep;
  }

  /** The workload's arrival rate now (requests/s). */
  currentRatePerSec(): number {
    return this.schedule.rateAt(this.clock.now);
  }

  /** Simulated time now. */
  get now(): number {
    return this.clock.now;
  }

  /** Whether the run has reached its end. */
  get done(): boolean {
    return this.clock.now >= this.durationMs;
  }

  /**
   * Runs the events due before `untilMs` (capped at the end of the run). `shouldYield` is polled
   * now and then so a host can keep its thread responsive; returns true when `untilMs` was reached.
   */
  advance(untilMs: number, shouldYield?: () => boolean): boolean {
    const limit = Math.min(untilMs, this.durationMs);
    return this.clock.runUntil(limit, shouldYield);
  }

  /** Runs to the end of the scenario. */
  runToEnd(shouldYield?: () => boolean): void {
    while (!this.advance(this.durationMs, shouldYield));
  }

  /** Runs the next event (if one is due before the end). Returns whether one ran. */
  stepEvent(): boolean {
    const ran = this.clock.step(this.durationMs);
    // Nothing left before the end: move to the end.
    if (!ran) this.clock.runUntil(this.durationMs);
    return ran;
  }

  /**
   * Runs events until a machine changes state (or `maxEvents` ran, or the run ended).
   * Returns whether a transition happened.
   */
  stepToTransition(maxEvents: number): boolean {
    const before = this.recorder.transitionCount;
    for (let i = 0; i < maxEvents && !this.done; i++) {
      if (!this.stepEvent()) break;
      if (this.recorder.transitionCount !== before) return true;
    }
    return false;
  }

  /** Runs every event due at exactly the current time (a live command just added, and what follows it). */
  settleInstant(): void {
    const now = this.clock.now;
    while (this.clock.peekTime() === now && now < this.durationMs) this.clock.step();
  }

  /**
   * The time to stamp on a live command so a re-run from the file applies it at the same point:
   * now, or just after now when stepping stopped in the middle of an instant (some of its events
   * ran; in a re-run the command would otherwise run before them).
   */
  liveCommandTime(): number {
    const now = this.clock.now;
    return this.clock.lastEventAt === now && this.clock.eventsRun > 0 ? nextUp(now) : now;
  }

  // ---- workload ---------------------------------------------------------------------------

  private scheduleNextArrival(): void {
    const t = this.arrivals.nextTime();
    this.pendingArrival = t < this.durationMs ? this.clock.schedule(t, this.onArrival) : null;
  }

  private readonly onArrival = (): void => {
    const now = this.clock.now;
    const id = this.arrivals.index;
    this.arrivals.advance(now);
    this.scheduleNextArrival();
    this.dispatch(id, now);
  };

  /** The target of request `id`: a dependency index, or −1 − saga index. */
  private chooseTarget(id: number): number {
    if (this.targetKinds.length === 1) return this.targetKinds[0];
    let x = this.random.u(Stream.target * 1024, id) * this.targetTotal;
    for (let i = 0; i < this.targetWeights.length; i++) {
      x -= this.targetWeights[i];
      if (x < 0) return this.targetKinds[i];
    }
    return this.targetKinds[this.targetKinds.length - 1];
  }

  private dispatch(id: number, now: number): void {
    const target = this.chooseTarget(id);
    const depIndex = target >= 0 ? target : -1;
    const req: LiveRequest = target >= 0 ? { id, dep: depIndex, startedAt: now, ended: false } : { id, dep: -1, saga: -1 - target, startedAt: now, ended: false };
    this.recorder.requestStarted(now, depIndex);
    const max = this.scenario.client.maxConcurrentRequests;
    if (max !== undefined && this.clientInFlight >= max) {
      this.endRequest(req, RESULT.rejected.client);
      return;
    }
    this.clientInFlight++;
    if (target < 0) {
      // A saga: the request ends when the saga does; committed is a success, anything else a failure.
      this.recorder.attempt(now, -1);
      this.sagas[-1 - target].start(id, (outcome, failedCompensations) => {
        this.clientInFlight--;
        this.recorder.sagaEnded(this.clock.now, outcome, failedCompensations);
        this.endRequest(req, outcome === 'COMMITTED' ? RESULT.success : RESULT.failure);
      });
      return;
    }
    this.recorder.attempt(now, depIndex);
    const handler: Handler = this.deps[depIndex].parts.handler;
    handler({ req, attempt: 0, token: null }, (result) => {
      this.clientInFlight--;
      this.endRequest(req, result);
    });
  }

  /** One call to a dependency through its pipeline, on behalf of a saga step or compensation. */
  private callDependency(depIndex: number, callKey: number, attempt: number, done: (r: CallResult) => void): void {
    const startedAt = this.clock.now;
    this.recorder.callStarted(startedAt, depIndex);
    this.deps[depIndex].parts.handler({ req: { id: callKey, dep: depIndex, startedAt, internal: true }, attempt, token: null }, (result) => {
      this.recorder.callEnded(this.clock.now, depIndex, startedAt, result);
      done(result);
    });
  }

  private endRequest(req: LiveRequest, result: CallResult): void {
    if (req.ended) throw new Error(`request ${req.id} ended twice`);
    req.ended = true;
    this.recorder.requestEnded(this.clock.now, req, result);
    if (this.onRequestEnd) this.onRequestEnd(req, result);
  }

  // ---- timeline ---------------------------------------------------------------------------

  /**
   * Adds a timeline entry (from the scenario, or live from the page at the current time). It
   * takes effect at its time; one in the past applies now.
   */
  addTimelineEntry(entry: TimelineEntry): void {
    const order = this.timeline.length;
    this.timeline.push(entry);
    this.clock.scheduleFirst(entry.atMs, () => this.applyEntry(entry, order));
  }

  private applyEntry(entry: TimelineEntry, order: number): void {
    switch (entry.type) {
      case 'fault':
        return this.startFault(entry, order);
      case 'set':
        return this.applySet(entry.target, entry.knob, entry.value);
      case 'force':
        return this.applyForce(entry.machine, entry.state);
    }
  }

  /** Instances a fault target names. */
  faultTargets(target: string): BackendInstance[] {
    const [depId, index] = target.split('/');
    const dep = this.deps.find((d) => d.id === depId);
    if (!dep) return [];
    return index === undefined ? dep.backends : dep.backends.filter((b) => b.index === Number(index));
  }

  private startFault(fault: Fault, order: number): void {
    const targets: FaultTarget[] = this.faultTargets(fault.target);
    const tagged = { fault, order };
    this.injector.start(tagged, targets);
    const what = describeFault(fault);
    this.recorder.notice(this.clock.now, fault.target, `fault starts: ${what} for ${fault.durationMs} ms`);
    this.clock.scheduleFirst(fault.atMs + fault.durationMs, () => {
      this.injector.end(tagged, targets);
      this.recorder.notice(this.clock.now, fault.target, `fault ends: ${what}`);
    });
  }

  private applySet(target: string, knob: string, value: number | boolean | string): void {
    const resolved = resolveKnobTarget(this.scenario, target);
    if (typeof resolved === 'string') {
      this.recorder.notice(this.clock.now, target, `command refused: ${resolved}`);
      return;
    }
    const now = this.clock.now;
    switch (resolved.kind) {
      case 'workload':
        if (knob === 'ratePerSec') {
          this.schedule.addChange({ atMs: now, ratePerSec: value as number, rampMs: 0 });
          if (this.pendingArrival) this.clock.clearTimeout(this.pendingArrival);
          this.scheduleNextArrival();
        }
        break;
      case 'pool':
      case 'dependency': {
        const dep = this.deps.find((d) => d.id === resolved.dependency)!;
        if (knob === 'cancelOnTimeout') dep.cancelOnTimeout = value as boolean;
        else for (const b of dep.backends) b.updateSpec({ ...b.spec, [knob]: value });
        break;
      }
      case 'instance': {
        const dep = this.deps.find((d) => d.id === resolved.dependency)!;
        const b = dep.backends[resolved.instance!];
        b.updateSpec({ ...b.spec, [knob]: value });
        break;
      }
      case 'policy': {
        const dep = this.deps.find((d) => d.id === resolved.dependency)!;
        updatePolicy(dep.parts, resolved.policyIndex!, knob, value);
        break;
      }
    }
    this.recorder.notice(now, target, `set ${knob} = ${String(value)}`);
  }

  private applyForce(machine: string, state: string): void {
    const dep = this.deps.find((d) => d.parts.breaker?.id === machine);
    const breaker = dep?.parts.breaker;
    if (!breaker) {
      this.recorder.notice(this.clock.now, machine, `command refused: no machine "${machine}"`);
      return;
    }
    const from = breaker.state;
    if (!breaker.force(state as never)) {
      this.recorder.notice(this.clock.now, machine, `command refused: ${from} → ${state} is not a legal transition (resilience4j)`);
    }
  }

  /** Stops every actor; the run cannot continue afterwards. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const d of this.deps) {
      for (const m of d.parts.machines) m.stop();
      d.pool.stop();
    }
    for (const s of this.sagas) s.stop();
  }
}

/** The next double above a non-negative x. */
function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += 1n;
  return f[0];
}

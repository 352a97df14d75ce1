/**
 * A backend instance: a concurrency limit, a bounded FIFO queue and a service-time
 * distribution, under whatever faults are active on it.
 *
 * The backend does not know when a caller gives up: abandoned work keeps its slot or queue place
 * and finishes, counted as wasted, unless the caller cancels it (cancelOnTimeout).
 */
import type { SimClock } from './clock';
import { sampleMs } from './distributions';
import { noFaultEffects, type FaultEffects, type FaultTarget } from './faults';
import { RESULT, type Call, type CallResult } from './pipeline/types';
import type { Random } from './random';
import { Stream, streamFor } from './random';
import type { Distribution } from './scenario/distributions';

/** The resolved settings of one instance. */
export interface InstanceSpec {
  concurrency: number;
  queueLength: number;
  serviceTime: Distribution;
  speed: number;
  weight: number;
}

interface Job {
  call: Call;
  done: (r: CallResult) => void;
  /** When the job reached the instance (queue wait = service start − this). */
  arrivedAt: number;
  /** Removed from the queue by a cancel; skipped when reached. */
  dropped: boolean;
}

/** Counters of one instance. */
export interface BackendStats {
  /** Calls that got an answer (success or failure) after service. */
  served: number;
  /** Of those, failures (injected errors and outages). */
  failed: number;
  /** Turned away because the queue was full. */
  shed: number;
  /** Finished after the caller had given up, or dropped after a hang. */
  wasted: number;
  /** Freed early by a cancelled caller. */
  cancelled: number;
}

/** What the engine wants to hear from an instance. */
export interface BackendHooks {
  /** Work finished (or was dropped) after its caller had given up. */
  onWasted(backend: BackendInstance): void;
  /** Calls in service (busy) or waiting (queued) changed by these amounts. */
  onLoad?(backend: BackendInstance, busyDelta: number, queuedDelta: number): void;
  /** Usable slots (concurrency under capacity faults) changed by this amount. */
  onCapacity?(backend: BackendInstance, delta: number): void;
}

export class BackendInstance implements FaultTarget {
  /** Called with each job's time in the queue when its service starts (for queueing studies). */
  onServiceStart: ((waitMs: number) => void) | null = null;
  busy = 0;
  queued = 0;
  effects: FaultEffects = noFaultEffects();
  readonly stats: BackendStats = { served: 0, failed: 0, shed: 0, wasted: 0, cancelled: 0 };
  private queue: Job[] = [];
  private head = 0;
  private readonly serviceStream: number;
  private readonly errorStream: number;
  private readonly jitterStream: number;

  constructor(
    /** e.g. `payments/0`. */
    readonly id: string,
    readonly depIndex: number,
    readonly index: number,
    public spec: InstanceSpec,
    private readonly clock: SimClock,
    private readonly random: Random,
    private readonly hooks: BackendHooks,
  ) {
    this.serviceStream = streamFor(Stream.service, depIndex);
    this.errorStream = streamFor(Stream.faultError, depIndex);
    this.jitterStream = streamFor(Stream.faultJitter, depIndex);
  }

  /** Slots usable now (concurrency reduced by capacity faults). */
  get capacity(): number {
    const f = this.effects.capacityFactor;
    return f >= 1 ? this.spec.concurrency : Math.floor(this.spec.concurrency * f);
  }

  /** Calls in service or waiting. */
  get load(): number {
    return this.busy + this.queued;
  }

  setFaults(effects: FaultEffects): void {
    const before = this.capacity;
    this.effects = effects;
    this.capacityChanged(before);
    this.drain();
  }

  /** Applies new settings (a live knob change); extra capacity starts queued work at once. */
  updateSpec(spec: InstanceSpec): void {
    const before = this.capacity;
    this.spec = spec;
    this.capacityChanged(before);
    this.drain();
  }

  private capacityChanged(before: number): void {
    const after = this.capacity;
    if (after !== before) this.hooks.onCapacity?.(this, after - before);
  }

  // Every change of busy and queued goes through these two, so the recorder's gauges stay exact.
  private addBusy(d: number): void {
    this.busy += d;
    this.hooks.onLoad?.(this, d, 0);
  }

  private addQueued(d: number): void {
    this.queued += d;
    this.hooks.onLoad?.(this, 0, d);
  }

  /** Accepts a call: serves it, queues it, or sheds it when the queue is full. */
  submit(call: Call, done: (r: CallResult) => void): void {
    const e = this.effects;
    if (e.outage) {
      // Connection refused: a fast failure that takes no slot.
      this.stats.failed++;
      this.clock.schedule(this.clock.now + e.outageResponseMs, () => done(RESULT.failure));
      return;
    }
    const job: Job = { call, done, arrivedAt: this.clock.now, dropped: false };
    if (this.busy < this.capacity) {
      this.start(job);
    } else if (this.queued < this.spec.queueLength) {
      this.queue.push(job);
      this.addQueued(1);
      call.token?.onCancel(() => {
        if (job.dropped) return;
        job.dropped = true;
        this.addQueued(-1);
        this.stats.cancelled++;
      });
    } else {
      this.stats.shed++;
      done(RESULT.rejected.shed);
    }
  }

  private start(job: Job): void {
    this.addBusy(1);
    job.dropped = true; // no longer in the queue
    if (this.onServiceStart) this.onServiceStart(this.clock.now - job.arrivedAt);
    const { call } = job;
    const e = this.effects;
    if (e.hang) {
      // Accepted, never answered; the server drops the work when the hang ends (or a cancel frees it first).
      let over = false;
      const ev = this.clock.schedule(e.hangUntilMs, () => {
        over = true;
        this.addBusy(-1);
        this.stats.wasted++;
        this.hooks.onWasted(this);
        this.drain();
      });
      call.token?.onCancel(() => {
        if (over) return;
        over = true;
        this.clock.clearTimeout(ev);
        this.addBusy(-1);
        this.stats.cancelled++;
        this.drain();
      });
      return;
    }
    const reqId = call.req.id;
    let duration = sampleMs(this.spec.serviceTime, this.random.u(this.serviceStream, reqId, call.attempt)) / this.spec.speed;
    if (e.addedMs > 0 || e.jitterMs > 0) {
      const jitter = e.jitterMs > 0 ? (2 * this.random.u(this.jitterStream, reqId, call.attempt) - 1) * e.jitterMs : 0;
      duration += Math.max(0, e.addedMs + jitter);
    }
    const fails = e.errorProbability > 0 && this.random.u(this.errorStream, reqId, call.attempt) < e.errorProbability;
    const ev = this.clock.schedule(this.clock.now + duration, () => this.finish(job, fails));
    call.token?.onCancel(() => {
      if (ev.cancelled || this.clock.now >= ev.at) return;
      this.clock.clearTimeout(ev);
      this.addBusy(-1);
      this.stats.cancelled++;
      this.drain();
    });
  }

  private finish(job: Job, fails: boolean): void {
    this.addBusy(-1);
    const s = this.stats;
    s.served++;
    if (fails) s.failed++;
    if (job.call.token?.isAbandoned) {
      s.wasted++;
      this.hooks.onWasted(this);
    }
    // Always answer: stages between a timeout and the backend (a bulkhead) must see the end of
    // the work; the timeout itself ignores the late answer.
    job.done(fails ? RESULT.failure : RESULT.success);
    this.drain();
  }

  /** Starts queued work while slots are free. */
  private drain(): void {
    const q = this.queue;
    while (this.queued > 0 && this.busy < this.capacity) {
      const job = q[this.head++];
      if (job.dropped) continue;
      this.addQueued(-1);
      this.start(job);
    }
    if (this.head > 1024 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
    if (this.queued === 0 && this.head > 0 && this.head === q.length) {
      this.queue = [];
      this.head = 0;
    }
  }
}

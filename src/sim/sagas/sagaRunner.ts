/**
 * Runs the instances of one saga definition, orchestrated (a coordinator actor per instance,
 * stopped when it ends) or choreographed (each step's service reacts to the previous one's
 * events on a simulated event bus, with no coordinator). Both modes run steps and compensations
 * the same way and draw the same business outcomes per (instance, step), so under the same
 * faults they reach the same outcomes; only the timing differs.
 */
import { createActor } from 'xstate';
import type { SimClock } from '../clock';
import { sampleMs } from '../distributions';
import { sagaCoordinatorMachine, type SagaPlanStep } from '../machines/sagaCoordinatorMachine';
import type { CallResult } from '../pipeline/types';
import { Stream, streamFor, type Random } from '../random';
import type { Saga, SagaStep } from '../scenario/saga';
import { Ledger, noHoldings, type Holdings } from './ledger';

export type SagaOutcome = 'COMMITTED' | 'COMPENSATED' | 'STUCK';

/** What happened to one saga instance, for the per-saga timeline. */
export interface SagaTrace {
  instance: number;
  saga: string;
  startedAt: number;
  endedAt: number | null;
  outcome: SagaOutcome | null;
  events: Array<{ atMs: number; step: string; what: 'done' | 'failed' | 'compensated' | 'compensationFailed'; detail: string }>;
}

export interface SagaEnv {
  clock: SimClock;
  random: Random;
  /** Makes one call to a dependency through its pipeline; reports the result once. */
  call(depIndex: number, callKey: number, attempt: number, done: (r: CallResult) => void): void;
  depIndex(id: string): number;
  onTransition(machine: string, from: string, to: string, cause: string): void;
}

export interface SagaCounters {
  started: number;
  committed: number;
  compensated: number;
  stuck: number;
  failedCompensations: number;
}

/** Traces kept per saga definition (the newest). */
export const TRACE_CAP = 200;

const describe = (r: CallResult): string => (r.outcome === 'rejected' ? `rejected by ${r.rejectedBy}` : r.outcome === 'timeout' ? 'timed out' : 'failed');

export class SagaRunner {
  readonly counters: SagaCounters = { started: 0, committed: 0, compensated: 0, stuck: 0, failedCompensations: 0 };
  readonly ledger = new Ledger();
  readonly traces: SagaTrace[] = [];
  /** The newest stuck and compensated instances, kept even when the rolling traces have moved on. */
  readonly notable: SagaTrace[] = [];
  /** Trace sequence over the run (for snapshot deltas). */
  traceSeq = 0;
  private readonly plan: SagaPlanStep[];
  private readonly pivot: number;
  private readonly businessStream: number;
  private readonly busStream: number;
  private running = 0;
  /** Coordinator transitions over every instance, by "FROM→TO" (a step after a step is EXECUTING→EXECUTING). */
  readonly transitionCounts: Record<string, number> = {};
  /** The latest transition of any instance. */
  lastTransition: { from: string; to: string; atMs: number; cause: string } | null = null;
  /** Called with every instance's outcome (tests compare orchestration with choreography). */
  onOutcome: ((instance: number, outcome: SagaOutcome) => void) | null = null;
  private readonly actors = new Set<{ stop(): void }>();

  constructor(
    readonly def: Saga,
    readonly index: number,
    private readonly env: SagaEnv,
  ) {
    this.plan = def.steps.map((s) => ({ id: s.id, kind: s.kind }));
    this.pivot = def.steps.findIndex((s) => s.kind === 'pivot');
    this.businessStream = streamFor(Stream.business, index);
    this.busStream = streamFor(Stream.eventBus, index);
  }

  get inFlight(): number {
    return this.running;
  }

  /** Starts an instance; `done` is called once with its outcome. */
  start(instance: number, done: (outcome: SagaOutcome, failedCompensations: number) => void): void {
    this.counters.started++;
    this.running++;
    const trace: SagaTrace = { instance, saga: this.def.id, startedAt: this.env.clock.now, endedAt: null, outcome: null, events: [] };
    this.traces.push(trace);
    if (this.traces.length > TRACE_CAP) this.traces.shift();
    this.traceSeq++;
    const holdings = noHoldings();
    const finish = (outcome: SagaOutcome, failedCompensations: number) => {
      this.running--;
      this.counters.failedCompensations += failedCompensations;
      if (outcome === 'COMMITTED') this.counters.committed++;
      else if (outcome === 'COMPENSATED') this.counters.compensated++;
      else this.counters.stuck++;
      this.ledger.settle(holdings, outcome);
      trace.outcome = outcome;
      trace.endedAt = this.env.clock.now;
      if (outcome !== 'COMMITTED') {
        this.notable.push(trace);
        const same = this.notable.filter((t) => t.outcome === outcome);
        if (same.length > 3) this.notable.splice(this.notable.indexOf(same[0]), 1);
      }
      this.traceSeq++;
      this.onOutcome?.(instance, outcome);
      done(outcome, failedCompensations);
    };
    if (this.def.coordination === 'orchestration') this.orchestrate(instance, trace, holdings, finish);
    else this.choreograph(instance, trace, holdings, finish);
  }

  private count(from: string, to: string, cause: string): void {
    const key = `${from}→${to}`;
    this.transitionCounts[key] = (this.transitionCounts[key] ?? 0) + 1;
    this.lastTransition = { from, to, atMs: this.env.clock.now, cause };
  }

  /** Stops the coordinators of instances still running (the run is over). */
  stop(): void {
    for (const a of this.actors) a.stop();
    this.actors.clear();
  }

  // ---- steps and compensations (shared by both modes) -------------------------------------

  /** Calls a dependency with the step's retry policy (Temporal: initial interval × coefficient^n). */
  private callWithRetries(step: SagaStep, depId: string, key: number, onDone: (ok: boolean, reason: string) => void): void {
    const depIndex = this.env.depIndex(depId);
    const retry = step.retry;
    let attempt = 0;
    const go = () =>
      this.env.call(depIndex, key, attempt, (result) => {
        if (result.outcome === 'success' || result.outcome === 'fallback') return onDone(true, '');
        attempt++;
        if (attempt >= retry.maxAttempts) return onDone(false, `${describe(result)} ${attempt}× (transient)`);
        let wait = retry.initialIntervalMs;
        for (let i = 1; i < attempt; i++) wait *= retry.backoffCoefficient;
        this.env.clock.schedule(this.env.clock.now + wait, go);
      });
    go();
  }

  /** Runs step i: the call, then the service's business answer; takes its resources on success. */
  private runStep(instance: number, i: number, trace: SagaTrace, holdings: Holdings, onDone: (ok: boolean, reason: string) => void): void {
    const step = this.def.steps[i];
    this.callWithRetries(step, step.dependency, instance * 64 + i * 2, (ok, reason) => {
      const now = this.env.clock.now;
      if (ok && step.businessFailureProbability > 0 && this.env.random.u(this.businessStream, instance, i) < step.businessFailureProbability) {
        ok = false;
        reason = 'refused (business rule)';
      }
      if (ok && step.effect) this.ledger.take(holdings, step.effect.resource, step.effect.amount);
      trace.events.push({ atMs: now, step: step.id, what: ok ? 'done' : 'failed', detail: reason });
      this.traceSeq++;
      onDone(ok, reason);
    });
  }

  /** Runs step i's compensation; gives its resources back on success. */
  private runCompensation(instance: number, i: number, trace: SagaTrace, holdings: Holdings, onDone: (ok: boolean, reason: string) => void): void {
    const step = this.def.steps[i];
    const comp = step.compensation!;
    this.callWithRetries(step, comp.dependency, instance * 64 + i * 2 + 1, (ok, reason) => {
      const now = this.env.clock.now;
      if (ok && comp.failureProbability > 0 && this.env.random.u(this.businessStream, instance, 1000 + i) < comp.failureProbability) {
        ok = false;
        reason = 'compensation refused';
      }
      if (ok && step.effect) this.ledger.give(holdings, step.effect.resource, step.effect.amount);
      trace.events.push({ atMs: now, step: step.id, what: ok ? 'compensated' : 'compensationFailed', detail: reason });
      this.traceSeq++;
      onDone(ok, reason);
    });
  }

  // ---- orchestration -----------------------------------------------------------------------

  private orchestrate(instance: number, trace: SagaTrace, holdings: Holdings, finish: (o: SagaOutcome, f: number) => void): void {
    const id = `${this.def.id}#${instance}`;
    const actor = createActor(sagaCoordinatorMachine, {
      id,
      clock: this.env.clock,
      input: { steps: this.plan, onCompensationFailure: this.def.onCompensationFailure },
    });
    this.actors.add(actor);
    actor.on('runStep', ({ index }) =>
      this.runStep(instance, index, trace, holdings, (ok, reason) => actor.send(ok ? { type: 'STEP.SUCCEEDED' } : { type: 'STEP.FAILED', reason })),
    );
    actor.on('runCompensation', ({ index }) =>
      this.runCompensation(instance, index, trace, holdings, (ok, reason) =>
        actor.send(ok ? { type: 'COMPENSATION.SUCCEEDED' } : { type: 'COMPENSATION.FAILED', reason }),
      ),
    );
    let last = 'EXECUTING';
    let lastPosition = '0/-1';
    actor.subscribe((snap) => {
      const value = snap.value as string;
      const position = `${snap.context.step}/${snap.context.compensating}`;
      if (value === last && position === lastPosition) return;
      this.count(last, value, snap.context.cause);
      lastPosition = position;
      if (value === last) return;
      // Step-by-step progress stays in the trace; the log gets compensations and endings that matter.
      if (value === 'COMPENSATING' || value === 'STUCK') this.env.onTransition(id, last, value, snap.context.cause);
      last = value;
      if (snap.status === 'done') {
        const failed = snap.context.failedCompensations;
        // Stop after the current event finishes processing.
        this.env.clock.schedule(this.env.clock.now, () => {
          actor.stop();
          this.actors.delete(actor);
        });
        finish(value as SagaOutcome, failed);
      }
    });
    actor.start();
  }

  // ---- choreography --------------------------------------------------------------------------

  private choreograph(instance: number, trace: SagaTrace, holdings: Holdings, finish: (o: SagaOutcome, f: number) => void): void {
    let events = 0;
    let failedCompensations = 0;
    /** Delivers an event to its subscriber after the bus latency. */
    const publish = (deliver: () => void) => {
      const delay = sampleMs(this.def.eventBusDelay, this.env.random.u(this.busStream, instance, events++));
      this.env.clock.schedule(this.env.clock.now + delay, deliver);
    };
    const id = `${this.def.id}#${instance}`;
    const n = this.def.steps.length;
    // The service of step i hears "step i−1 done" (or "order created" for i = 0).
    const onStepRequested = (i: number): void => {
      this.runStep(instance, i, trace, holdings, (ok, reason) => {
        if (ok) {
          if (i === n - 1) {
            this.count('EXECUTING', 'COMMITTED', `all ${n} steps done`);
            finish('COMMITTED', 0);
          } else {
            this.count('EXECUTING', 'EXECUTING', `${this.def.steps[i].id} done`);
            publish(() => onStepRequested(i + 1));
          }
          return;
        }
        if (this.pivot >= 0 && i > this.pivot) {
          const cause = `${this.def.steps[i].id} failed after the pivot (${reason}): the saga can neither finish nor be undone`;
          this.count('EXECUTING', 'STUCK', cause);
          this.env.onTransition(id, 'EXECUTING', 'STUCK', cause);
          finish('STUCK', 0);
          return;
        }
        // "Step i failed" reaches the services of the completed steps, newest first, one at a time.
        const completed = this.def.steps.slice(0, i).flatMap((s, j) => (s.kind === 'compensatable' ? [j] : []));
        if (completed.length === 0) {
          this.count('EXECUTING', 'COMPENSATED', `${this.def.steps[i].id} failed (${reason}); nothing to undo`);
          return finish('COMPENSATED', 0);
        }
        const cause = `${this.def.steps[i].id} failed (${reason}): its failure event reaches ${completed.map((j) => this.def.steps[j].id).reverse().join(', ')}, newest first`;
        this.count('EXECUTING', 'COMPENSATING', cause);
        this.env.onTransition(id, 'EXECUTING', 'COMPENSATING', cause);
        publish(() => onFailureHeard(completed, completed.length - 1));
      });
    };
    const onFailureHeard = (completed: number[], k: number): void => {
      this.runCompensation(instance, completed[k], trace, holdings, (ok, reason) => {
        if (!ok) {
          failedCompensations++;
          if (this.def.onCompensationFailure === 'stop') {
            const cause = `compensating ${this.def.steps[completed[k]].id} failed (${reason}); compensation stops`;
            this.count('COMPENSATING', 'STUCK', cause);
            this.env.onTransition(id, 'COMPENSATING', 'STUCK', cause);
            return finish('STUCK', failedCompensations);
          }
        }
        if (k === 0) {
          if (failedCompensations > 0) {
            const cause = `compensation finished with ${failedCompensations} failed: partly compensated`;
            this.count('COMPENSATING', 'STUCK', cause);
            this.env.onTransition(id, 'COMPENSATING', 'STUCK', cause);
            return finish('STUCK', failedCompensations);
          }
          this.count('COMPENSATING', 'COMPENSATED', 'every completed step undone');
          return finish('COMPENSATED', 0);
        }
        this.count('COMPENSATING', 'COMPENSATING', `${this.def.steps[completed[k]].id} ${ok ? 'compensated' : 'compensation failed; continuing'}`);
        publish(() => onFailureHeard(completed, k - 1));
      });
    };
    publish(() => onStepRequested(0));
  }
}

/**
 * A dependency's bulkhead: the XState actor plus the engine-facing API (acquire a slot, release
 * it). The machine decides and counts; this class holds the waiting callers' callbacks (functions
 * are not data) under the machine's tickets, times semaphore waits on the simulated clock and
 * calls each caller back exactly once.
 */
import { createActor, type Actor } from 'xstate';
import type { ScheduledEvent, SimClock } from '../clock';
import { BULKHEAD_STATE_NAMES, bulkheadMachine, slotCapacity, waitCapacity, type BulkheadMachine } from '../machines/bulkheadMachine';
import type { BulkheadPolicy } from '../scenario/policies';

/** What a policy component reports to the engine. */
export interface PolicyHooks {
  onTransition(from: string, to: string, cause: string): void;
  onNotice(text: string): void;
}

/** A bulkhead's counts for snapshots and reports. */
export interface BulkheadFigures {
  kind: 'semaphore' | 'queue' | 'threadPool';
  /** Slots taken; for a thread pool, threads running a task. */
  inUse: number;
  /** Slots, or the thread pool's maximum. */
  capacity: number;
  queued: number;
  /** Queue places (queue, thread pool). 0 for a semaphore: any number of calls may wait there, each up to maxWaitDuration (kept finite so reports stay JSON). */
  queueCapacity: number;
  permitted: number;
  rejected: number;
  waited: number;
  /** Thread pool only: live threads, busy and idle. */
  threads?: number;
}

/** The machine's visible states. */
export const BULKHEAD_STATES: readonly string[] = BULKHEAD_STATE_NAMES;

interface Waiter {
  granted: () => void;
  rejected: () => void;
  /** Semaphore wait limit, when one applies. */
  expiry?: ScheduledEvent;
}

const nothingToWithdraw = (): void => {};

/** Bulkhead component: the engine's handle on one bulkhead machine. */
export class BulkheadComponent {
  private readonly actor: Actor<BulkheadMachine>;
  /** Waiting callers by ticket; a Map iterates in insertion order, which is the machine's FIFO order. */
  private readonly waiting = new Map<number, Waiter>();
  /** Waiting callers called back with a grant so far; the machine's grantedFromQueue says how many should be. */
  private grantsDelivered = 0;
  state: string;

  constructor(
    readonly id: string,
    policy: BulkheadPolicy,
    private readonly clock: SimClock,
    hooks: PolicyHooks,
  ) {
    this.actor = createActor(bulkheadMachine, { id, clock, input: { config: policy } });
    this.state = 'AVAILABLE';
    let last = 'initializing';
    this.actor.subscribe((snap) => {
      const value = snap.value as string;
      if (value === last) return;
      if (last !== 'initializing') hooks.onTransition(last, value, snap.context.cause);
      last = value;
      this.state = value;
    });
    this.actor.on('notice', (e) => hooks.onNotice(e.text));
    this.actor.start();
  }

  /** Asks for a slot: granted() or rejected() is called exactly once, now or later; the returned function withdraws a call still waiting. */
  acquire(granted: () => void, rejected: () => void): () => void {
    this.actor.send({ type: 'CALL.REQUESTED' });
    const { config: c, slots } = this.actor.getSnapshot().context;
    if (slots.lastAdmission === 'start') {
      granted();
      return nothingToWithdraw;
    }
    if (slots.lastAdmission === 'reject') {
      rejected();
      return nothingToWithdraw;
    }
    const ticket = slots.lastTicket;
    const waiter: Waiter = { granted, rejected };
    if (c.kind === 'semaphore') waiter.expiry = this.clock.schedule(this.clock.now + c.maxWaitDurationMs, () => this.expire(ticket));
    this.waiting.set(ticket, waiter);
    return () => this.withdraw(ticket);
  }

  /** A granted call finished: frees its slot, which goes to the first waiting call if any. */
  release(): void {
    this.actor.send({ type: 'CALL.FINISHED' });
    this.grantWaiting();
  }

  /** Current counts. */
  figures(): BulkheadFigures {
    const { config: c, slots: s } = this.actor.getSnapshot().context;
    const figures: BulkheadFigures = {
      kind: c.kind,
      inUse: s.inUse,
      capacity: slotCapacity(c),
      queued: s.queued,
      queueCapacity: c.kind === 'semaphore' ? 0 : waitCapacity(c),
      permitted: s.permitted,
      rejected: s.rejected,
      waited: s.waited,
    };
    if (c.kind === 'threadPool') figures.threads = s.threads;
    return figures;
  }

  /** Applies changed knobs; a bigger limit lets waiting calls in at once. */
  update(policy: BulkheadPolicy): void {
    this.actor.send({ type: 'CONFIG.UPDATED', config: policy });
    this.grantWaiting();
  }

  /** Stops the machine; waiting callers are dropped without a callback. */
  stop(): void {
    for (const waiter of this.waiting.values()) if (waiter.expiry) this.clock.clearTimeout(waiter.expiry);
    this.waiting.clear();
    this.actor.stop();
  }

  /** Calls back the waiting callers the machine has granted a slot, oldest first. */
  private grantWaiting(): void {
    // The counts object is live, so the loop sees grants made re-entrantly by a callback that releases at once.
    const slots = this.actor.getSnapshot().context.slots;
    while (this.grantsDelivered < slots.grantedFromQueue) {
      const next = this.waiting.entries().next();
      if (next.done) return;
      const [ticket, waiter] = next.value;
      this.waiting.delete(ticket);
      this.grantsDelivered++;
      if (waiter.expiry) this.clock.clearTimeout(waiter.expiry);
      waiter.granted();
    }
  }

  private expire(ticket: number): void {
    const waiter = this.waiting.get(ticket);
    if (!waiter) return;
    this.waiting.delete(ticket);
    this.actor.send({ type: 'WAIT.EXPIRED' });
    waiter.rejected();
  }

  private withdraw(ticket: number): void {
    const waiter = this.waiting.get(ticket);
    if (!waiter) return;
    this.waiting.delete(ticket);
    if (waiter.expiry) this.clock.clearTimeout(waiter.expiry);
    this.actor.send({ type: 'CALL.WITHDRAWN' });
  }
}

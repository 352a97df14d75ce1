/**
 * Bulkhead with the semantics of resilience4j's SemaphoreBulkhead (fair) and ThreadPoolBulkhead
 * (a Java ThreadPoolExecutor), and of cockatiel's bulkhead(limit, queue).
 *
 * The state is what a new call would get: AVAILABLE (it starts at once), SATURATED (it waits or
 * queues), FULL (it is rejected), so each state answers 'CALL.REQUESTED' by its own rule and the
 * component reads `slots.lastAdmission` from the snapshot. The machine keeps every count; the
 * component keeps the waiting callers' callbacks under the tickets handed out here and grants as
 * many of them as `slots.grantedFromQueue` has grown. Semaphore waits are timed by the component
 * on the simulated clock; the keep-alive of idle extra threads is timed here with delayed events.
 *
 * The counts are one mutable object changed in place by plain actions: every call of the
 * dependency passes through here twice, and an `assign` per event would copy the context on the
 * engine's hottest path (breakerMetrics.ts makes the same trade). Config and cause, which change
 * rarely, go through `assign`.
 */
import { assign, cancel, enqueueActions, not, setup } from 'xstate';
import type { BulkheadPolicy } from '../scenario/policies';
import { fmtMs } from './breakerCauses';

/** Visible states: what a new call would get. */
export const BULKHEAD_STATE_NAMES = ['AVAILABLE', 'SATURATED', 'FULL'] as const;
export type BulkheadStateName = (typeof BULKHEAD_STATE_NAMES)[number];

type ThreadPoolPolicy = Extract<BulkheadPolicy, { kind: 'threadPool' }>;

/** What a call asking now gets: a slot at once, a place in the wait queue, or a rejection. */
export type Admission = 'start' | 'wait' | 'reject';

/** The bulkhead's counts (changed in place: see the file comment). */
export interface SlotCounts {
  /** Slots taken; for a thread pool, threads running a task. */
  inUse: number;
  /** Calls waiting for a slot (semaphore) or in the queue. */
  queued: number;
  /** Thread pool: live threads, busy and idle. */
  threads: number;
  /** Thread pool: one id per idle spell, in the order the threads went idle. */
  idle: number[];
  nextIdleId: number;
  /** Idle spell ended by the latest call that started on an idle thread. */
  takenIdleId: number;
  /** Ticket of the latest call that had to wait; the component keys its callbacks by it. */
  lastTicket: number;
  lastAdmission: Admission;
  /** Waiting calls granted a slot so far. */
  grantedFromQueue: number;
  permitted: number;
  rejected: number;
  /** Calls that had to wait or queue, whatever became of them. */
  waited: number;
}

export interface BulkheadContext {
  config: BulkheadPolicy;
  slots: SlotCounts;
  /** Why the latest transition happened, in words. */
  cause: string;
}

export type BulkheadEvent =
  | { type: 'CALL.REQUESTED' }
  | { type: 'CALL.FINISHED' }
  | { type: 'CALL.WITHDRAWN' }
  | { type: 'WAIT.EXPIRED' }
  | { type: 'THREAD.KEEP_ALIVE_EXPIRED'; idleId: number }
  | { type: 'CONFIG.UPDATED'; config: BulkheadPolicy };

export type BulkheadEmitted = { type: 'notice'; text: string };

export interface BulkheadInput {
  config: BulkheadPolicy;
}

/** ThreadPoolBulkheadConfig refuses max < core, so core is the floor of the effective maximum. */
const maxThreads = (c: ThreadPoolPolicy): number => (c.maxThreadPoolSize > c.coreThreadPoolSize ? c.maxThreadPoolSize : c.coreThreadPoolSize);

/** Calls that run at once at most: slots, or the thread pool's maximum. */
export function slotCapacity(config: BulkheadPolicy): number {
  switch (config.kind) {
    case 'semaphore':
      return config.maxConcurrentCalls;
    case 'queue':
      return config.limit;
    case 'threadPool':
      return maxThreads(config);
  }
}

/** Calls that may wait at once: a fair Java Semaphore queues any number of waiters when a wait is allowed. */
export function waitCapacity(config: BulkheadPolicy): number {
  switch (config.kind) {
    case 'semaphore':
      return config.maxWaitDurationMs > 0 ? Number.POSITIVE_INFINITY : 0;
    case 'queue':
      return config.queue;
    case 'threadPool':
      return config.queueCapacity;
  }
}

/**
 * What a call asking now would get. A thread pool follows ThreadPoolExecutor.execute: a new thread
 * below core (even if one is idle), else an idle thread, else the queue, else an extra thread up to
 * max. The semaphore and the queue are fair: nobody overtakes a waiting call.
 */
export function admissionFor(c: BulkheadPolicy, s: SlotCounts): Admission {
  if (c.kind === 'threadPool') {
    if (s.threads < c.coreThreadPoolSize || s.idle.length > 0) return 'start';
    if (s.queued < c.queueCapacity) return 'wait';
    return s.threads < maxThreads(c) ? 'start' : 'reject';
  }
  if (s.inUse < slotCapacity(c) && s.queued === 0) return 'start';
  return s.queued < waitCapacity(c) ? 'wait' : 'reject';
}

const STATE_FOR: Record<Admission, BulkheadStateName> = { start: 'AVAILABLE', wait: 'SATURATED', reject: 'FULL' };

/** The state that matches the counts. */
export function bulkheadStateFor(c: BulkheadPolicy, s: SlotCounts): BulkheadStateName {
  return STATE_FOR[admissionFor(c, s)];
}

/** Which idle thread takes a task: SynchronousQueue (queueCapacity 0) hands it to the latest waiting thread, ArrayBlockingQueue to the longest waiting. */
function takeIdleThread(idle: number[], queueCapacity: number): number {
  return (queueCapacity === 0 ? idle.pop() : idle.shift()) as number;
}

/** A waiting call takes the slot that just freed up (or the room a bigger limit made). */
function grantWaitingCalls(s: SlotCounts, n: number): void {
  s.queued -= n;
  s.grantedFromQueue += n;
  s.permitted += n;
}

const keepAliveTimer = (idleId: number): string => `keepAlive.${idleId}`;

const slotWords = (n: number): string => (n === 1 ? 'the single slot' : `all ${n} slots`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the bulkhead is now in `state`, with the numbers. */
export function describeBulkhead(c: BulkheadPolicy, s: SlotCounts, state: BulkheadStateName): string {
  if (c.kind === 'threadPool') {
    const max = maxThreads(c);
    if (state === 'AVAILABLE') {
      if (s.threads < c.coreThreadPoolSize) return `${s.threads} of ${plural(c.coreThreadPoolSize, 'core thread')} started; a new call starts another`;
      if (s.idle.length > 0) return `${plural(s.idle.length, 'idle thread')} of ${s.threads}; a new call starts at once`;
      return `queue full (${s.queued} of ${c.queueCapacity}); a new call starts extra thread ${s.threads + 1} of ${max} (ThreadPoolExecutor adds threads only once the queue is full)`;
    }
    if (state === 'SATURATED') return `all ${plural(s.threads, 'thread')} busy; new calls queue (${s.queued} of ${c.queueCapacity} places taken)`;
    if (c.queueCapacity === 0) return `all ${plural(max, 'thread')} busy and no queue (queueCapacity 0); new calls are rejected`;
    return `all ${plural(max, 'thread')} busy and the queue is full (${s.queued} of ${c.queueCapacity}); new calls are rejected`;
  }
  const cap = slotCapacity(c);
  if (state === 'AVAILABLE') return `${s.inUse} of ${plural(cap, 'slot')} in use; new calls start at once`;
  if (c.kind === 'semaphore') {
    if (state === 'SATURATED') return `${slotWords(cap)} in use; new calls wait up to ${fmtMs(c.maxWaitDurationMs)} for one`;
    return `${slotWords(cap)} in use; new calls are rejected (maxWaitDuration 0)`;
  }
  if (state === 'SATURATED') return `${slotWords(cap)} in use; new calls queue (${s.queued} of ${c.queue} queue places taken)`;
  if (c.queue === 0) return `${slotWords(cap)} in use; new calls are rejected (queue 0)`;
  return `${slotWords(cap)} in use and all ${c.queue} queue places taken; new calls are rejected`;
}

/** A notice for a changed knob whose effect is not immediate or not obvious, else undefined. */
export function describeBulkheadUpdate(from: BulkheadPolicy, to: BulkheadPolicy): string | undefined {
  if (from.kind !== to.kind) {
    return `bulkhead kind ${from.kind} → ${to.kind}: calls already waiting keep their place${from.kind === 'semaphore' ? ' and their wait limit' : ''}; new calls follow the ${to.kind} rules`;
  }
  if (to.kind === 'threadPool' && to.maxThreadPoolSize < to.coreThreadPoolSize) {
    return `maxThreadPoolSize ${to.maxThreadPoolSize} < coreThreadPoolSize ${to.coreThreadPoolSize}: ThreadPoolExecutor needs max ≥ core, so ${to.coreThreadPoolSize} threads are the limit`;
  }
  if (from.kind === 'semaphore' && to.kind === 'semaphore' && to.maxWaitDurationMs !== from.maxWaitDurationMs) {
    return `maxWaitDuration ${fmtMs(to.maxWaitDurationMs)} applies to calls that start waiting from now on`;
  }
  return undefined;
}

/** ThreadPoolExecutor interrupts idle threads (they re-read the limits and restart their keep-alive) when a setter shrinks what they rely on. */
function interruptsIdleThreads(from: BulkheadPolicy, to: ThreadPoolPolicy, threads: number): boolean {
  if (from.kind !== 'threadPool') return false;
  return (
    (to.coreThreadPoolSize !== from.coreThreadPoolSize && threads > to.coreThreadPoolSize) ||
    (maxThreads(to) !== maxThreads(from) && threads > maxThreads(to)) ||
    to.keepAliveMs < from.keepAliveMs
  );
}

/** Transitions out of `from` to whichever state the counts now call for, with the cause. */
function followCounts(from: BulkheadStateName | 'initializing') {
  return BULKHEAD_STATE_NAMES.filter((to) => to !== from).map((to) => ({
    guard: { type: 'countsCallFor' as const, params: { state: to } },
    target: to,
    actions: { type: 'noteCause' as const, params: { state: to } },
  }));
}

/** The bulkhead machine; see the file comment for the split of work with the component. */
export const bulkheadMachine = setup({
  types: {
    context: {} as BulkheadContext,
    events: {} as BulkheadEvent,
    input: {} as BulkheadInput,
    emitted: {} as BulkheadEmitted,
  },
  guards: {
    countsCallFor: ({ context }, params: { state: BulkheadStateName }) => bulkheadStateFor(context.config, context.slots) === params.state,
    callInProgress: ({ context }) => context.slots.inUse > 0,
    callWaiting: ({ context }) => context.slots.queued > 0,
    threadPoolConfigured: ({ context }) => context.config.kind === 'threadPool',
    // ThreadPoolExecutor.execute starts a new thread below core even when another one is idle.
    idleThreadTakesCall: ({ context: { config: c, slots: s } }) => c.kind === 'threadPool' && s.threads >= c.coreThreadPoolSize && s.idle.length > 0,
    // A freed slot goes straight to the first waiting call, so nobody can overtake it (fair
    // semaphore, FIFO queue, ThreadPoolExecutor.getTask) - unless a lowered limit keeps it.
    waitingCallTakesFreedSlot: ({ context: { config: c, slots: s } }) =>
      s.queued > 0 && (c.kind === 'threadPool' ? s.threads <= maxThreads(c) : s.inUse <= slotCapacity(c)),
    // getTask: a thread above a lowered maximum ends; so does an extra thread whose poll(0) finds nothing.
    finishingThreadEnds: ({ context: { config: c, slots: s } }) =>
      c.kind === 'threadPool' && (s.threads > maxThreads(c) || (s.threads > c.coreThreadPoolSize && c.keepAliveMs === 0)),
    // Above core, an idle thread polls the queue for keepAlive only; at or below core it waits untimed (take()).
    threadIdlesAboveCore: ({ context: { config: c, slots: s } }) => c.kind === 'threadPool' && s.threads > c.coreThreadPoolSize,
  },
  actions: {
    takeSlot: ({ context: { slots: s } }) => {
      s.inUse++;
      s.permitted++;
      s.lastAdmission = 'start';
    },
    runOnNewThread: ({ context: { slots: s } }) => {
      s.threads++;
      s.inUse++;
      s.permitted++;
      s.lastAdmission = 'start';
    },
    runOnIdleThread: ({ context: { config: c, slots: s } }) => {
      s.takenIdleId = takeIdleThread(s.idle, c.kind === 'threadPool' ? c.queueCapacity : 0);
      s.inUse++;
      s.permitted++;
      s.lastAdmission = 'start';
    },
    cancelKeepAlive: cancel(({ context }) => keepAliveTimer(context.slots.takenIdleId)),
    enqueueCall: ({ context: { slots: s } }) => {
      s.queued++;
      s.waited++;
      s.lastTicket++;
      s.lastAdmission = 'wait';
    },
    rejectCall: ({ context: { slots: s } }) => {
      s.rejected++;
      s.lastAdmission = 'reject';
    },
    handSlotToWaitingCall: ({ context }) => grantWaitingCalls(context.slots, 1),
    freeSlot: ({ context: { slots: s } }) => {
      s.inUse--;
    },
    endThread: ({ context: { slots: s } }) => {
      s.threads--;
      s.inUse--;
    },
    parkThread: ({ context: { slots: s } }) => {
      s.inUse--;
      s.idle.push(s.nextIdleId++);
    },
    armKeepAlive: enqueueActions(({ context: { config: c, slots: s }, enqueue }) => {
      if (c.kind !== 'threadPool') return;
      const idleId = s.idle[s.idle.length - 1];
      enqueue.raise({ type: 'THREAD.KEEP_ALIVE_EXPIRED', idleId }, { delay: c.keepAliveMs, id: keepAliveTimer(idleId) });
    }),
    expireWait: ({ context: { slots: s } }) => {
      s.queued--;
      s.rejected++;
    },
    withdrawCall: ({ context: { slots: s } }) => {
      s.queued--;
    },
    // Timed out in poll(keepAlive): the thread ends only while the pool is above core; otherwise it waits untimed (take()).
    endIdleThread: ({ context: { config: c, slots: s }, event }) => {
      if (event.type !== 'THREAD.KEEP_ALIVE_EXPIRED' || c.kind !== 'threadPool' || s.threads <= c.coreThreadPoolSize) return;
      const at = s.idle.indexOf(event.idleId);
      if (at < 0) return;
      s.idle.splice(at, 1);
      s.threads--;
    },
    applyConfig: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'CONFIG.UPDATED') return;
      const from = context.config;
      const to = event.config;
      const s = context.slots;
      if (to.kind === 'threadPool') {
        if (from.kind !== 'threadPool') s.threads = s.inUse;
        if (interruptsIdleThreads(from, to, s.threads)) {
          for (const idleId of s.idle.splice(0)) {
            enqueue.cancel(keepAliveTimer(idleId));
            if (s.threads > maxThreads(to) || (s.threads > to.coreThreadPoolSize && to.keepAliveMs === 0)) {
              s.threads--;
              continue;
            }
            s.idle.push(idleId);
            if (s.threads > to.coreThreadPoolSize) {
              enqueue.raise({ type: 'THREAD.KEEP_ALIVE_EXPIRED', idleId }, { delay: to.keepAliveMs, id: keepAliveTimer(idleId) });
            }
          }
        }
      } else if (from.kind === 'threadPool') {
        for (const idleId of s.idle.splice(0)) enqueue.cancel(keepAliveTimer(idleId));
        s.threads = 0;
      }
      // Waiting calls take the room a bigger limit makes (Semaphore.release of the extra permits;
      // ThreadPoolExecutor.setCorePoolSize starts threads for queued tasks).
      const room = to.kind === 'threadPool' ? to.coreThreadPoolSize - s.threads : slotCapacity(to) - s.inUse;
      const moved = room > 0 ? (room < s.queued ? room : s.queued) : 0;
      s.inUse += moved;
      if (to.kind === 'threadPool') s.threads += moved;
      grantWaitingCalls(s, moved);
      enqueue.assign({ config: to });
      const notice = describeBulkheadUpdate(from, to);
      if (notice !== undefined) enqueue.emit({ type: 'notice', text: notice });
    }),
    noteCause: assign(({ context }, params: { state: BulkheadStateName }) => ({ cause: describeBulkhead(context.config, context.slots, params.state) })),
  },
}).createMachine({
  id: 'bulkhead',
  context: ({ input }) => ({
    config: input.config,
    slots: {
      inUse: 0,
      queued: 0,
      threads: 0,
      idle: [],
      nextIdleId: 0,
      takenIdleId: -1,
      lastTicket: 0,
      lastAdmission: 'start',
      grantedFromQueue: 0,
      permitted: 0,
      rejected: 0,
      waited: 0,
    },
    cause: 'initial state',
  }),
  initial: 'initializing',
  on: {
    'CALL.FINISHED': [
      // A stray finish (nothing in use) changes nothing.
      { guard: not('callInProgress') },
      { guard: 'waitingCallTakesFreedSlot', actions: 'handSlotToWaitingCall' },
      { guard: 'finishingThreadEnds', actions: 'endThread' },
      { guard: 'threadIdlesAboveCore', actions: ['parkThread', 'armKeepAlive'] },
      { guard: 'threadPoolConfigured', actions: 'parkThread' },
      { actions: 'freeSlot' },
    ],
    'WAIT.EXPIRED': { guard: 'callWaiting', actions: 'expireWait' },
    'CALL.WITHDRAWN': { guard: 'callWaiting', actions: 'withdrawCall' },
    'THREAD.KEEP_ALIVE_EXPIRED': { actions: 'endIdleThread' },
    'CONFIG.UPDATED': { actions: 'applyConfig' },
  },
  states: {
    // Settles on the state the initial counts call for, without an extra visible state.
    initializing: { always: followCounts('initializing') },
    AVAILABLE: {
      tags: ['permitting'],
      on: {
        'CALL.REQUESTED': [
          { guard: 'idleThreadTakesCall', actions: ['runOnIdleThread', 'cancelKeepAlive'] },
          { guard: 'threadPoolConfigured', actions: 'runOnNewThread' },
          { actions: 'takeSlot' },
        ],
      },
      always: followCounts('AVAILABLE'),
    },
    SATURATED: {
      tags: ['waiting'],
      on: { 'CALL.REQUESTED': { actions: 'enqueueCall' } },
      always: followCounts('SATURATED'),
    },
    FULL: {
      tags: ['rejecting'],
      on: { 'CALL.REQUESTED': { actions: 'rejectCall' } },
      always: followCounts('FULL'),
    },
  },
});

export type BulkheadMachine = typeof bulkheadMachine;

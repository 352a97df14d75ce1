import type { ActorOptions, AnyActorLogic } from 'xstate';
import { simMs, type SimMs } from './time';

/** XState's Clock interface (not exported by name): what `createActor(…, { clock })` takes. */
type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/** One scheduled callback; also the handle returned to callers so they can cancel it. */
export interface ScheduledEvent {
  /** Simulated time at which it runs. */
  at: number;
  /** Insertion sequence: ties in `at` run in the order they were scheduled. */
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * Discrete-event scheduler: a binary heap ordered by (time, insertion sequence).
 *
 * It implements XState's `Clock`, so `after` delays of every actor created with it run on
 * simulated time. XState's own SimulatedClock re-sorts all timers on every advance; a heap
 * keeps each schedule and each pop at O(log n). Cancelled events are dropped lazily when
 * they reach the top of the heap.
 */
export class SimClock implements Clock {
  private heap: ScheduledEvent[] = [];
  private seq = 0;
  /** Sequence numbers of timeline entries sort before every ordinary event's. */
  private firstSeq = -Number.MAX_SAFE_INTEGER;
  private current = 0;
  /** Events run so far (cancelled ones excluded). */
  eventsRun = 0;
  /** Time of the last event run (-1 before the first). */
  lastEventAt = -1;

  /** Current simulated time. */
  get now(): SimMs {
    return simMs(this.current);
  }

  /** Number of pending entries, cancelled ones included until they surface. */
  get pending(): number {
    return this.heap.length;
  }

  /** Schedules `fn` at absolute simulated time `at` (never earlier than now). */
  schedule(at: number, fn: () => void): ScheduledEvent {
    return this.insert({ at: at < this.current ? this.current : at, seq: this.seq++, fn, cancelled: false });
  }

  /**
   * Schedules a timeline entry (fault edge, command): at its instant it runs before every
   * ordinary event, whenever it was scheduled, so live commands and re-runs agree.
   */
  scheduleFirst(at: number, fn: () => void): ScheduledEvent {
    return this.insert({ at: at < this.current ? this.current : at, seq: this.firstSeq++, fn, cancelled: false });
  }

  private insert(ev: ScheduledEvent): ScheduledEvent {
    const heap = this.heap;
    heap.push(ev);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p.at < ev.at || (p.at === ev.at && p.seq < ev.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = ev;
    return ev;
  }

  /** XState Clock: runs `fn` after `timeout` simulated milliseconds. */
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): ScheduledEvent {
    return this.schedule(this.current + (timeout > 0 ? timeout : 0), fn as () => void);
  }

  /** XState Clock: cancels a pending callback. */
  clearTimeout(handle: unknown): void {
    if (handle) (handle as ScheduledEvent).cancelled = true;
  }

  /** Time of the next live event, or Infinity when none is pending. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.heap.length > 0 ? this.heap[0].at : Infinity;
  }

  /** Runs the next live event, if one is due before `limit` (exclusive, as runUntil). Returns whether one ran. */
  step(limit = Infinity): boolean {
    this.dropCancelledTop();
    const heap = this.heap;
    if (heap.length === 0 || heap[0].at >= limit) return false;
    const ev = this.pop();
    this.current = ev.at;
    this.lastEventAt = ev.at;
    this.eventsRun++;
    ev.fn();
    return true;
  }

  /**
   * Runs the events due before `limit` (not those at exactly `limit`), then sets the time to
   * `limit`. Stopping short of the limit means a command stamped at `limit` by a paused page runs
   * before that instant's other events, exactly as it will in a re-run from the start.
   * `shouldYield` is polled every 1024 events; when it returns true the run stops early and
   * the function returns false (time stays at the last event run).
   */
  runUntil(limit: number, shouldYield?: () => boolean): boolean {
    const heap = this.heap;
    let n = 0;
    while (heap.length > 0) {
      const top = heap[0];
      if (top.at >= limit) break;
      const ev = this.pop();
      if (ev.cancelled) continue;
      this.current = ev.at;
      this.lastEventAt = ev.at;
      this.eventsRun++;
      ev.fn();
      if (shouldYield !== undefined && (++n & 1023) === 0 && shouldYield()) return false;
    }
    if (limit > this.current && limit !== Infinity) this.current = limit;
    return true;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  private pop(): ScheduledEvent {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        let child = heap[l];
        if (r < n) {
          const rc = heap[r];
          if (rc.at < child.at || (rc.at === child.at && rc.seq < child.seq)) {
            c = r;
            child = rc;
          }
        }
        if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, setup } from 'xstate';
import { SimClock, type ScheduledEvent } from './clock';

/** Schedules a callback that appends `label` to `log` when it runs. */
function recorder() {
  const log: string[] = [];
  const at = (label: string) => () => {
    log.push(label);
  };
  return { log, at };
}

describe('SimClock ordering', () => {
  it('runs events in time order regardless of scheduling order', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(30, at('c'));
    clock.schedule(10, at('a'));
    clock.schedule(20, at('b'));
    clock.schedule(5, at('first'));
    clock.runUntil(Infinity);
    expect(log).toEqual(['first', 'a', 'b', 'c']);
    expect(clock.eventsRun).toBe(4);
  });

  it('runs ties in the order they were scheduled', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    for (let i = 0; i < 20; i++) clock.schedule(100, at(`e${i}`));
    clock.schedule(50, at('early'));
    clock.runUntil(Infinity);
    expect(log).toEqual(['early', ...Array.from({ length: 20 }, (_, i) => `e${i}`)]);
  });

  it('sets now to the time of the event being run', () => {
    const clock = new SimClock();
    const seen: number[] = [];
    for (const t of [7, 3, 11]) clock.schedule(t, () => seen.push(clock.now));
    clock.runUntil(Infinity);
    expect(seen).toEqual([3, 7, 11]);
  });

  it('runs scheduleFirst entries before ordinary events at the same instant, whenever they were scheduled', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(100, at('ordinary-1'));
    clock.schedule(100, at('ordinary-2'));
    // Scheduled later than the ordinary events, and even from inside an event at an earlier time.
    clock.schedule(50, () => {
      log.push('at-50');
      clock.scheduleFirst(100, at('first-from-event'));
    });
    clock.scheduleFirst(100, at('first-1'));
    clock.scheduleFirst(100, at('first-2'));
    clock.scheduleFirst(99, at('first-99'));
    clock.schedule(101, at('later'));
    clock.runUntil(Infinity);
    expect(log).toEqual(['at-50', 'first-99', 'first-1', 'first-2', 'first-from-event', 'ordinary-1', 'ordinary-2', 'later']);
  });

  it('scheduleFirst at the current instant runs before ordinary events already due at that instant', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(500, at('ordinary'));
    clock.runUntil(500); // stops before the event at exactly 500
    expect(clock.now).toBe(500);
    clock.scheduleFirst(500, at('command'));
    clock.runUntil(501);
    expect(log).toEqual(['command', 'ordinary']);
  });

  it('events scheduled at the current instant from inside an event run after the already-queued ones at that instant', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(10, () => {
      log.push('a');
      clock.schedule(10, at('a-child'));
    });
    clock.schedule(10, at('b'));
    clock.runUntil(Infinity);
    expect(log).toEqual(['a', 'b', 'a-child']);
  });
});

describe('SimClock cancellation', () => {
  it('clearTimeout cancels a pending event', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(10, at('a'));
    const b = clock.schedule(20, at('b'));
    clock.schedule(30, at('c'));
    clock.clearTimeout(b);
    clock.runUntil(Infinity);
    expect(log).toEqual(['a', 'c']);
    expect(clock.eventsRun).toBe(2);
    expect(b.cancelled).toBe(true);
  });

  it('clearTimeout of the top event is skipped by peekTime, step and runUntil', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    const first = clock.schedule(1, at('a'));
    clock.schedule(2, at('b'));
    clock.clearTimeout(first);
    expect(clock.pending).toBe(2); // dropped lazily
    expect(clock.peekTime()).toBe(2);
    expect(clock.pending).toBe(1);
    expect(clock.step()).toBe(true);
    expect(log).toEqual(['b']);
    expect(clock.now).toBe(2);
  });

  it('an event can cancel a later one at the same instant', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    let victim: ScheduledEvent | undefined;
    clock.schedule(5, () => {
      log.push('killer');
      clock.clearTimeout(victim);
    });
    victim = clock.schedule(5, at('victim'));
    clock.runUntil(10);
    expect(log).toEqual(['killer']);
  });

  it('clearTimeout tolerates a missing handle', () => {
    const clock = new SimClock();
    expect(() => clock.clearTimeout(undefined)).not.toThrow();
    expect(() => clock.clearTimeout(null)).not.toThrow();
  });

  it('peekTime is Infinity when only cancelled events remain', () => {
    const clock = new SimClock();
    const e = clock.schedule(3, () => {
      throw new Error('cancelled event ran');
    });
    clock.clearTimeout(e);
    expect(clock.peekTime()).toBe(Infinity);
    expect(clock.step()).toBe(false);
    expect(clock.runUntil(100)).toBe(true);
    expect(clock.eventsRun).toBe(0);
  });
});

describe('SimClock.runUntil', () => {
  it('runs only events strictly before the limit, then sets now to the limit', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(999, at('999'));
    clock.schedule(1000, at('1000'));
    clock.schedule(1001, at('1001'));
    expect(clock.runUntil(1000)).toBe(true);
    expect(log).toEqual(['999']);
    expect(clock.now).toBe(1000);
    expect(clock.peekTime()).toBe(1000);
    expect(clock.runUntil(1000.5)).toBe(true);
    expect(log).toEqual(['999', '1000']);
    expect(clock.now).toBe(1000.5);
    clock.runUntil(5000);
    expect(log).toEqual(['999', '1000', '1001']);
    expect(clock.now).toBe(5000);
  });

  it('advances now to the limit even with nothing scheduled, and never moves it backwards', () => {
    const clock = new SimClock();
    clock.runUntil(250);
    expect(clock.now).toBe(250);
    clock.runUntil(100);
    expect(clock.now).toBe(250);
  });

  it('runUntil(Infinity) leaves now at the last event', () => {
    const clock = new SimClock();
    clock.schedule(42, () => {});
    clock.runUntil(Infinity);
    expect(clock.now).toBe(42);
  });

  it('runs events that events schedule, as long as they fall before the limit', () => {
    const clock = new SimClock();
    const times: number[] = [];
    const tick = () => {
      times.push(clock.now);
      clock.setTimeout(tick, 100);
    };
    clock.schedule(0, tick);
    clock.runUntil(1000);
    expect(times).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(clock.peekTime()).toBe(1000);
  });

  it('shouldYield stops the run early and returns false; a later call resumes where it stopped', () => {
    const clock = new SimClock();
    const ran: number[] = [];
    for (let i = 0; i < 5000; i++) clock.schedule(i, () => ran.push(i));
    let polls = 0;
    const result = clock.runUntil(10_000, () => {
      polls++;
      return true;
    });
    expect(result).toBe(false);
    expect(polls).toBe(1);
    expect(ran.length).toBe(1024); // polled every 1024 events
    expect(clock.eventsRun).toBe(1024);
    expect(clock.now).toBe(1023); // time stays at the last event run, not the limit
    // Resuming without a yield runs the rest in order.
    expect(clock.runUntil(10_000)).toBe(true);
    expect(ran).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(clock.now).toBe(10_000);
  });

  it('shouldYield returning false lets the run complete', () => {
    const clock = new SimClock();
    for (let i = 0; i < 3000; i++) clock.schedule(i, () => {});
    let polls = 0;
    expect(
      clock.runUntil(5000, () => {
        polls++;
        return false;
      }),
    ).toBe(true);
    expect(polls).toBe(2); // after events 1024 and 2048
    expect(clock.eventsRun).toBe(3000);
    expect(clock.now).toBe(5000);
  });

  it('cancelled events do not count towards the shouldYield poll', () => {
    const clock = new SimClock();
    const handles: ScheduledEvent[] = [];
    for (let i = 0; i < 2000; i++) handles.push(clock.schedule(i, () => {}));
    for (let i = 0; i < 2000; i += 2) clock.clearTimeout(handles[i]);
    let polls = 0;
    expect(
      clock.runUntil(5000, () => {
        polls++;
        return true;
      }),
    ).toBe(true);
    expect(polls).toBe(0); // only 1000 live events ran
    expect(clock.eventsRun).toBe(1000);
  });
});

describe('SimClock.step', () => {
  it('runs exactly one event per call', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(10, at('a'));
    clock.schedule(20, at('b'));
    expect(clock.step()).toBe(true);
    expect(log).toEqual(['a']);
    expect(clock.now).toBe(10);
    expect(clock.step()).toBe(true);
    expect(log).toEqual(['a', 'b']);
    expect(clock.now).toBe(20);
    expect(clock.step()).toBe(false);
    expect(clock.eventsRun).toBe(2);
  });

  it('respects its limit (exclusive, like runUntil)', () => {
    const clock = new SimClock();
    const { log, at } = recorder();
    clock.schedule(10, at('a'));
    expect(clock.step(9)).toBe(false);
    expect(clock.step(10)).toBe(false);
    expect(log).toEqual([]);
    expect(clock.now).toBe(0);
    expect(clock.step(10.5)).toBe(true);
    expect(log).toEqual(['a']);
  });
});

describe('SimClock scheduling in the past', () => {
  it('clamps an absolute time before now to now', () => {
    const clock = new SimClock();
    clock.runUntil(500);
    const seen: number[] = [];
    const e = clock.schedule(100, () => seen.push(clock.now));
    expect(e.at).toBe(500);
    const f = clock.scheduleFirst(-7, () => seen.push(clock.now));
    expect(f.at).toBe(500);
    clock.runUntil(Infinity);
    expect(seen).toEqual([500, 500]);
    expect(clock.now).toBe(500);
  });

  it('setTimeout is relative to now and treats negative delays as zero', () => {
    const clock = new SimClock();
    clock.runUntil(300);
    expect(clock.setTimeout(() => {}, 25).at).toBe(325);
    expect(clock.setTimeout(() => {}, -25).at).toBe(300);
    expect(clock.setTimeout(() => {}, 0).at).toBe(300);
  });
});

describe('SimClock randomized against a reference', () => {
  it('pops in the order of a stable sort by (at, seq)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 50 }), // small range: plenty of ties
            first: fc.boolean(),
            cancel: fc.boolean(),
          }),
          { maxLength: 1500 },
        ),
        (specs) => {
          const clock = new SimClock();
          const ran: number[] = [];
          const handles = specs.map((s, i) => (s.first ? clock.scheduleFirst(s.at, () => ran.push(i)) : clock.schedule(s.at, () => ran.push(i))));
          specs.forEach((s, i) => {
            if (s.cancel) clock.clearTimeout(handles[i]);
          });
          clock.runUntil(Infinity);

          // Stable sort by the handles' own (at, seq).
          const bySeq = handles
            .map((h, i) => ({ h, i }))
            .filter(({ i }) => !specs[i].cancel)
            .sort((a, b) => a.h.at - b.h.at || a.h.seq - b.h.seq)
            .map(({ i }) => i);
          // The documented model: time, then timeline entries before ordinary events, then scheduling order.
          const byModel = specs
            .map((s, i) => ({ s, i }))
            .filter(({ s }) => !s.cancel)
            .sort((a, b) => a.s.at - b.s.at || Number(b.s.first) - Number(a.s.first) || a.i - b.i)
            .map(({ i }) => i);
          expect(ran).toEqual(bySeq);
          expect(ran).toEqual(byModel);
          expect(clock.eventsRun).toBe(byModel.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches a naive scheduler when events schedule and cancel other events while running', () => {
    type Op = { kind: 'schedule' | 'first'; delay: number; children: number } | { kind: 'cancel'; target: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constantFrom('schedule' as const, 'first' as const), delay: fc.integer({ min: -5, max: 20 }), children: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }),
    );

    /** Naive reference: linear scan for the minimum (at, first-first, sequence) among live entries. */
    class NaiveClock {
      now = 0;
      private seq = 0;
      private firstSeq = -1e15;
      entries: Array<{ at: number; seq: number; fn: () => void; cancelled: boolean; done: boolean }> = [];
      schedule(at: number, fn: () => void, first: boolean) {
        const e = { at: Math.max(at, this.now), seq: first ? this.firstSeq++ : this.seq++, fn, cancelled: false, done: false };
        this.entries.push(e);
        return e;
      }
      run() {
        for (;;) {
          let best: (typeof this.entries)[number] | undefined;
          for (const e of this.entries) {
            if (e.done || e.cancelled) continue;
            if (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq)) best = e;
          }
          if (!best) return;
          best.done = true;
          this.now = best.at;
          best.fn();
        }
      }
    }

    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 20 }), (ops, roots) => {
        // Each run is the same program: a callback with id n performs ops[n % ops.length] and may spawn children.
        function runOn(
          schedule: (at: number, fn: () => void, first: boolean) => unknown,
          cancel: (h: unknown) => void,
          now: () => number,
          drive: () => void,
        ): string[] {
          const trace: string[] = [];
          const handles: unknown[] = [];
          let budget = 400;
          const make = (id: number): (() => void) => () => {
            trace.push(`${id}@${now()}`);
            const op = ops[id % ops.length];
            if (op.kind === 'cancel') {
              if (handles.length > 0) cancel(handles[op.target % handles.length]);
              return;
            }
            for (let c = 0; c < op.children && budget > 0; c++, budget--) {
              const childId = handles.length + 1000;
              handles.push(schedule(now() + op.delay * (c + 1), make(childId), op.kind === 'first'));
            }
          };
          roots.forEach((t, i) => handles.push(schedule(t, make(i), i % 3 === 0)));
          drive();
          return trace;
        }

        const sim = new SimClock();
        const simTrace = runOn(
          (at, fn, first) => (first ? sim.scheduleFirst(at, fn) : sim.schedule(at, fn)),
          (h) => sim.clearTimeout(h),
          () => sim.now,
          () => sim.runUntil(Infinity),
        );
        const naive = new NaiveClock();
        const naiveTrace = runOn(
          (at, fn, first) => naive.schedule(at, fn, first),
          (h) => {
            (h as { cancelled: boolean }).cancelled = true;
          },
          () => naive.now,
          () => naive.run(),
        );
        expect(simTrace).toEqual(naiveTrace);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a large heap: 100k events pop in (at, seq) order', () => {
    const clock = new SimClock();
    const n = 100_000;
    const times = fc.sample(fc.integer({ min: 0, max: 5000 }), { numRuns: n, seed: 42 });
    const out: number[] = [];
    times.forEach((t, i) => clock.schedule(t, () => out.push(i)));
    clock.runUntil(Infinity);
    const expected = times
      .map((t, i) => ({ t, i }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map(({ i }) => i);
    expect(out).toEqual(expected);
  });
});

describe('SimClock as the XState clock', () => {
  const machine = setup({}).createMachine({
    id: 'delayed',
    initial: 'a',
    states: {
      a: { after: { 1000: 'b' } },
      b: {},
    },
  });

  it('runs an `after` transition only when simulated time passes 1000 ms', () => {
    const clock = new SimClock();
    const actor = createActor(machine, { clock });
    actor.start();
    expect(actor.getSnapshot().value).toBe('a');
    expect(clock.peekTime()).toBe(1000);

    clock.runUntil(999);
    expect(actor.getSnapshot().value).toBe('a');
    clock.runUntil(1000); // strictly before 1000: the timer at exactly 1000 has not fired
    expect(actor.getSnapshot().value).toBe('a');
    clock.runUntil(1000.001);
    expect(actor.getSnapshot().value).toBe('b');
    actor.stop();
  });

  it('stopping the actor cancels its pending timer on the clock', () => {
    const clock = new SimClock();
    const actor = createActor(machine, { clock });
    actor.start();
    actor.stop();
    clock.runUntil(5000);
    expect(clock.eventsRun).toBe(0);
    expect(actor.getSnapshot().value).toBe('a');
  });
});

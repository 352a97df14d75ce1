import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FaultInjector, combineFaults, noFaultEffects, type ActiveFault, type FaultEffects, type FaultTarget } from './faults';
import type { Fault } from './scenario/timeline';

const base = { type: 'fault' as const, atMs: 0, durationMs: 1000, target: 'db' };
const errorFault = (probability: number, atMs = 0): Fault => ({ ...base, atMs, kind: 'error', probability });
const latencyFault = (addedMs: number, jitterMs = 0): Fault => ({ ...base, kind: 'latency', addedMs, jitterMs });
const outageFault = (responseMs = 1): Fault => ({ ...base, kind: 'outage', responseMs });
const hangFault = (atMs: number, durationMs: number): Fault => ({ ...base, atMs, durationMs, kind: 'hang' });
const capacityFault = (factor: number): Fault => ({ ...base, kind: 'capacity', factor });

describe('combineFaults', () => {
  it('no faults gives the healthy effects', () => {
    expect(combineFaults([])).toEqual(noFaultEffects());
    expect(noFaultEffects()).toEqual({
      errorProbability: 0,
      addedMs: 0,
      jitterMs: 0,
      outage: false,
      outageResponseMs: 1,
      hang: false,
      hangUntilMs: 0,
      capacityFactor: 1,
      active: 0,
    });
  });

  it('noFaultEffects returns a fresh object each time', () => {
    const a = noFaultEffects();
    a.addedMs = 5;
    expect(noFaultEffects().addedMs).toBe(0);
  });

  it('a single error fault keeps its probability', () => {
    expect(combineFaults([errorFault(0.3)]).errorProbability).toBeCloseTo(0.3, 15);
  });

  it('independent error probabilities combine as 1 − Π(1 − p)', () => {
    expect(combineFaults([errorFault(0.5), errorFault(0.5)]).errorProbability).toBeCloseTo(0.75, 15);
    expect(combineFaults([errorFault(0.1), errorFault(0.2), errorFault(0.5)]).errorProbability).toBeCloseTo(1 - 0.9 * 0.8 * 0.5, 15);
    expect(combineFaults([errorFault(1), errorFault(0.2)]).errorProbability).toBe(1);
    expect(combineFaults([errorFault(0), errorFault(0)]).errorProbability).toBe(0);
  });

  it('error probability: property over random sets, never above 1 and at least the largest single one', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), (ps) => {
        const e = combineFaults(ps.map((p) => errorFault(p)));
        const expected = 1 - ps.reduce((acc, p) => acc * (1 - p), 1);
        expect(e.errorProbability).toBeCloseTo(expected, 12);
        expect(e.errorProbability).toBeLessThanOrEqual(1);
        expect(e.errorProbability).toBeGreaterThanOrEqual(Math.max(0, ...ps) - 1e-12);
        expect(e.active).toBe(ps.length);
      }),
    );
  });

  it('latency faults add their latency and their jitter', () => {
    const e = combineFaults([latencyFault(100, 10), latencyFault(50, 5), latencyFault(7)]);
    expect(e.addedMs).toBe(157);
    expect(e.jitterMs).toBe(15);
    expect(e.errorProbability).toBe(0);
  });

  it('capacity takes the minimum factor', () => {
    expect(combineFaults([capacityFault(0.5), capacityFault(0.25), capacityFault(0.75)]).capacityFactor).toBe(0.25);
    expect(combineFaults([capacityFault(0)]).capacityFactor).toBe(0);
    expect(combineFaults([latencyFault(10)]).capacityFactor).toBe(1);
  });

  it('outage sets the flag and its response time (the later fault in the list wins)', () => {
    const one = combineFaults([outageFault(3)]);
    expect(one.outage).toBe(true);
    expect(one.outageResponseMs).toBe(3);
    const two = combineFaults([outageFault(3), outageFault(9)]);
    expect(two.outage).toBe(true);
    expect(two.outageResponseMs).toBe(9);
    expect(combineFaults([errorFault(0.5)]).outage).toBe(false);
  });

  it('hang sets the flag and keeps the latest end of any hang window', () => {
    const e = combineFaults([hangFault(1000, 5000), hangFault(2000, 1000)]);
    expect(e.hang).toBe(true);
    expect(e.hangUntilMs).toBe(6000);
    expect(combineFaults([hangFault(2000, 1000), hangFault(1000, 5000)]).hangUntilMs).toBe(6000);
    expect(combineFaults([latencyFault(1)]).hang).toBe(false);
  });

  it('mixed faults combine each effect independently and count every fault as active', () => {
    const e = combineFaults([errorFault(0.2), latencyFault(30, 3), capacityFault(0.5), outageFault(2), hangFault(0, 100), errorFault(0.5)]);
    expect(e).toEqual({
      errorProbability: expect.closeTo(1 - 0.8 * 0.5, 15),
      addedMs: 30,
      jitterMs: 3,
      outage: true,
      outageResponseMs: 2,
      hang: true,
      hangUntilMs: 100,
      capacityFactor: 0.5,
      active: 6,
    } satisfies Record<keyof FaultEffects, unknown>);
  });
});

/** A target that records every setFaults call. */
class SpyTarget implements FaultTarget {
  calls: FaultEffects[] = [];
  setFaults(effects: FaultEffects): void {
    this.calls.push(effects);
  }
  get last(): FaultEffects {
    return this.calls[this.calls.length - 1];
  }
}

describe('FaultInjector', () => {
  it('start applies the combined effects to each target, end removes them again', () => {
    const inj = new FaultInjector();
    const a = new SpyTarget();
    const b = new SpyTarget();
    const err: ActiveFault = { fault: errorFault(0.5), order: 0 };
    inj.start(err, [a, b]);
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    expect(a.last.errorProbability).toBeCloseTo(0.5, 15);
    expect(a.last.active).toBe(1);
    expect(inj.activeOn(a)).toEqual([err.fault]);

    inj.end(err, [a, b]);
    expect(a.calls).toHaveLength(2);
    expect(b.calls).toHaveLength(2);
    expect(a.last).toEqual(noFaultEffects());
    expect(b.last).toEqual(noFaultEffects());
    expect(inj.activeOn(a)).toEqual([]);
  });

  it('only touches the targets it is given', () => {
    const inj = new FaultInjector();
    const a = new SpyTarget();
    const b = new SpyTarget();
    inj.start({ fault: latencyFault(100), order: 0 }, [a]);
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
    expect(inj.activeOn(b)).toEqual([]);
  });

  it('overlapping faults: effects combine while both are active, and ending one leaves the other', () => {
    const inj = new FaultInjector();
    const t = new SpyTarget();
    const lat: ActiveFault = { fault: latencyFault(100, 10), order: 0 };
    const err: ActiveFault = { fault: errorFault(0.2), order: 1 };
    const cap: ActiveFault = { fault: capacityFault(0.5), order: 2 };
    inj.start(lat, [t]);
    inj.start(err, [t]);
    inj.start(cap, [t]);
    expect(t.last).toMatchObject({ addedMs: 100, jitterMs: 10, capacityFactor: 0.5, active: 3 });
    expect(t.last.errorProbability).toBeCloseTo(0.2, 15);

    inj.end(lat, [t]);
    expect(t.last).toMatchObject({ addedMs: 0, jitterMs: 0, capacityFactor: 0.5, active: 2 });
    expect(t.last.errorProbability).toBeCloseTo(0.2, 15);

    inj.end(cap, [t]);
    expect(t.last).toMatchObject({ addedMs: 0, capacityFactor: 1, active: 1 });
    inj.end(err, [t]);
    expect(t.last).toEqual(noFaultEffects());
    expect(t.calls).toHaveLength(6);
  });

  it('combines in timeline order, not activation order', () => {
    const inj = new FaultInjector();
    const t = new SpyTarget();
    const early: ActiveFault = { fault: outageFault(5), order: 1 };
    const late: ActiveFault = { fault: outageFault(50), order: 2 };
    inj.start(late, [t]);
    inj.start(early, [t]);
    // Timeline order puts `late` last, so its response time wins regardless of activation order.
    expect(t.last.outageResponseMs).toBe(50);
    expect(inj.activeOn(t)).toEqual([early.fault, late.fault]);
  });

  it('ending removes the exact ActiveFault, even when an identical fault is also active', () => {
    const inj = new FaultInjector();
    const t = new SpyTarget();
    const f = errorFault(0.5);
    const first: ActiveFault = { fault: f, order: 0 };
    const second: ActiveFault = { fault: f, order: 1 };
    inj.start(first, [t]);
    inj.start(second, [t]);
    expect(t.last.errorProbability).toBeCloseTo(0.75, 15);
    inj.end(first, [t]);
    expect(t.last.errorProbability).toBeCloseTo(0.5, 15);
    expect(t.last.active).toBe(1);
  });

  it('ending a fault that is not active still reports the unchanged effects', () => {
    const inj = new FaultInjector();
    const t = new SpyTarget();
    const lat: ActiveFault = { fault: latencyFault(20), order: 0 };
    inj.end(lat, [t]);
    expect(t.last).toEqual(noFaultEffects());
    inj.start(lat, [t]);
    inj.end({ fault: latencyFault(20), order: 0 }, [t]); // a different object: not removed
    expect(t.last.addedMs).toBe(20);
  });

  it('random start/end sequences always report combineFaults of the active set', () => {
    const faultArb = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }).map((p) => errorFault(p)),
      fc.integer({ min: 0, max: 500 }).map((ms) => latencyFault(ms, ms % 7)),
      fc.double({ min: 0, max: 1, noNaN: true }).map((f) => capacityFault(f)),
      fc.integer({ min: 0, max: 50 }).map((ms) => outageFault(ms)),
      fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 })).map(([at, d]) => hangFault(at, d)),
    );
    fc.assert(
      fc.property(fc.array(faultArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 30 }), (faults, ops) => {
        const inj = new FaultInjector();
        const t = new SpyTarget();
        const actives = faults.map((fault, order) => ({ fault, order }));
        const on = new Set<number>();
        for (const [pick, start] of ops) {
          const i = pick % actives.length;
          if (start && !on.has(i)) {
            inj.start(actives[i], [t]);
            on.add(i);
          } else if (!start && on.has(i)) {
            inj.end(actives[i], [t]);
            on.delete(i);
          } else continue;
          const expectedList = [...on].sort((x, y) => x - y).map((k) => faults[k]);
          expect(t.last).toEqual(combineFaults(expectedList));
          expect(inj.activeOn(t)).toEqual(expectedList);
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArrivalProcess, RateSchedule, expGap, type RateChange } from './workload';
import { Stream, uniform } from './random';

/** Arrival times strictly before `endMs`, driven the way the engine drives the process. */
function arrivalsUntil(p: ArrivalProcess, endMs: number, max = 1e7): number[] {
  const out: number[] = [];
  for (let t = p.nextTime(); t < endMs && out.length < max; t = p.nextTime()) {
    out.push(t);
    p.advance(t);
  }
  return out;
}

const constant = (schedule: RateSchedule) => new ArrivalProcess(schedule, () => 1, true);
const poissonGap = (seed: number) => (k: number) => expGap(uniform(seed, Stream.arrival * 1024, k, 0, 0));
const poisson = (schedule: RateSchedule, seed = 1) => new ArrivalProcess(schedule, poissonGap(seed), false);

describe('RateSchedule', () => {
  it('reports the rate of steps and ramps', () => {
    const s = new RateSchedule(100, [
      { atMs: 1000, ratePerSec: 200, rampMs: 0 },
      { atMs: 2000, ratePerSec: 400, rampMs: 1000 },
    ]);
    expect(s.rateAt(0)).toBeCloseTo(100, 9);
    expect(s.rateAt(999.9)).toBeCloseTo(100, 9);
    expect(s.rateAt(1000)).toBeCloseTo(200, 9); // the step applies from its instant
    expect(s.rateAt(1500)).toBeCloseTo(200, 9);
    expect(s.rateAt(2500)).toBeCloseTo(300, 9); // halfway up the ramp
    expect(s.rateAt(3000)).toBeCloseTo(400, 9);
    expect(s.rateAt(1e9)).toBeCloseTo(400, 9);
  });

  it('integrates steps and ramps exactly', () => {
    const s = new RateSchedule(100, [
      { atMs: 1000, ratePerSec: 200, rampMs: 0 },
      { atMs: 2000, ratePerSec: 400, rampMs: 1000 },
    ]);
    expect(s.cumulative(0)).toBe(0);
    expect(s.cumulative(500)).toBeCloseTo(50, 9);
    expect(s.cumulative(1000)).toBeCloseTo(100, 9);
    expect(s.cumulative(2000)).toBeCloseTo(300, 9);
    // Ramp 200 → 400 /s over 1 s: trapezoid of 300 arrivals; half-way: (200 + 300) / 2 · 0.5 = 125.
    expect(s.cumulative(2500)).toBeCloseTo(425, 9);
    expect(s.cumulative(3000)).toBeCloseTo(600, 9);
    expect(s.cumulative(4000)).toBeCloseTo(1000, 9);
  });

  it('a step exactly where a ramp ends keeps the ramp intact', () => {
    const s = new RateSchedule(100, [
      { atMs: 0, ratePerSec: 200, rampMs: 1000 }, // 100 → 200 /s over the first second
      { atMs: 1000, ratePerSec: 50, rampMs: 0 },
    ]);
    expect(s.rateAt(500)).toBeCloseTo(150, 9);
    expect(s.rateAt(999.999)).toBeCloseTo(200, 3);
    expect(s.rateAt(1000)).toBeCloseTo(50, 9);
    expect(s.cumulative(1000)).toBeCloseTo(150, 9);
    expect(s.cumulative(3000)).toBeCloseTo(250, 9);
  });

  it('a later change cuts the rest of an earlier ramp', () => {
    const s = new RateSchedule(0, [
      { atMs: 0, ratePerSec: 1000, rampMs: 1000 }, // 0 → 1000 /s over 1 s
      { atMs: 500, ratePerSec: 100, rampMs: 0 }, // at 500 ms (rate 500 /s) step to 100 /s
    ]);
    expect(s.rateAt(499)).toBeCloseTo(499, 6);
    expect(s.rateAt(500)).toBeCloseTo(100, 9);
    expect(s.rateAt(2000)).toBeCloseTo(100, 9);
    expect(s.cumulative(500)).toBeCloseTo(125, 9);
    expect(s.cumulative(1500)).toBeCloseTo(225, 9);
  });

  const changeArb: fc.Arbitrary<RateChange> = fc.record({
    atMs: fc.integer({ min: 0, max: 10_000 }),
    ratePerSec: fc.integer({ min: 1, max: 5000 }),
    rampMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
  });
  const scheduleArb = fc.tuple(
    fc.integer({ min: 1, max: 5000 }),
    fc.array(changeArb, { maxLength: 6 }).map((cs) => cs.sort((a, b) => a.atMs - b.atMs)),
  );

  it('inverse(cumulative(t)) = t for steps and ramps (positive rates)', () => {
    fc.assert(
      fc.property(scheduleArb, fc.double({ min: 0, max: 20_000, noNaN: true }), ([initial, changes], t) => {
        const s = new RateSchedule(initial, changes);
        const lambda = s.cumulative(t);
        expect(Math.abs(s.inverse(lambda, 0, 0) - t)).toBeLessThan(1e-6 * Math.max(1, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('cumulative(inverse(Λ)) = Λ, also when searching from an intermediate point', () => {
    fc.assert(
      fc.property(scheduleArb, fc.double({ min: 0, max: 50_000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ([initial, changes], target, frac) => {
        const s = new RateSchedule(initial, changes);
        const t = s.inverse(target, 0, 0);
        expect(Number.isFinite(t)).toBe(true);
        expect(Math.abs(s.cumulative(t) - target)).toBeLessThan(1e-7 * Math.max(1, target));
        // Search from a point part of the way there, carrying its Λ.
        const from = t * frac;
        const t2 = s.inverse(target, from, s.cumulative(from));
        expect(Math.abs(t2 - t)).toBeLessThan(1e-6 * Math.max(1, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('inverse is Infinity when the rate stays 0 and the target is not reached', () => {
    const s = new RateSchedule(0);
    expect(s.inverse(1, 0, 0)).toBe(Infinity);
    const down = new RateSchedule(100, [{ atMs: 1000, ratePerSec: 0, rampMs: 0 }]);
    expect(down.inverse(50, 0, 0)).toBeCloseTo(500, 9);
    expect(down.inverse(100.5, 0, 0)).toBe(Infinity);
  });

  it('addChange inserts in time order, after changes at the same time', () => {
    const a = new RateSchedule(100);
    a.addChange({ atMs: 3000, ratePerSec: 300, rampMs: 0 });
    a.addChange({ atMs: 1000, ratePerSec: 200, rampMs: 0 });
    a.addChange({ atMs: 1000, ratePerSec: 50, rampMs: 0 }); // same instant, added later: wins
    const b = new RateSchedule(100, [
      { atMs: 1000, ratePerSec: 200, rampMs: 0 },
      { atMs: 1000, ratePerSec: 50, rampMs: 0 },
      { atMs: 3000, ratePerSec: 300, rampMs: 0 },
    ]);
    for (const t of [0, 999, 1000, 2000, 3000, 5000]) {
      expect(a.rateAt(t)).toBeCloseTo(b.rateAt(t), 12);
      expect(a.cumulative(t)).toBeCloseTo(b.cumulative(t), 9);
    }
    expect(a.rateAt(1500)).toBeCloseTo(50, 9);
    expect(a.rateAt(3500)).toBeCloseTo(300, 9);
    // Two steps at one instant keep the old rate right up to it.
    for (const s of [a, b]) {
      expect(s.rateAt(999.999)).toBeCloseTo(100, 6);
      expect(s.cumulative(1000)).toBeCloseTo(100, 9);
      expect(s.cumulative(2000)).toBeCloseTo(150, 9);
    }
  });
});

describe('constant arrivals', () => {
  it('at 100/s arrive at exactly 0, 10, 20, … ms', () => {
    const times = arrivalsUntil(constant(new RateSchedule(100)), 10_000);
    expect(times).toHaveLength(1000);
    times.forEach((t, k) => expect(t).toBe(10 * k));
  });

  it('a step from 100/s to 200/s at 1000 ms halves the spacing from then on', () => {
    const times = arrivalsUntil(constant(new RateSchedule(100, [{ atMs: 1000, ratePerSec: 200, rampMs: 0 }])), 2000);
    const before = times.filter((t) => t < 1000);
    const after = times.filter((t) => t >= 1000);
    expect(before).toEqual(Array.from({ length: 100 }, (_, k) => 10 * k));
    expect(after).toHaveLength(200);
    after.forEach((t, k) => expect(t).toBeCloseTo(1000 + 5 * k, 9));
    for (let i = 1; i < after.length; i++) expect(after[i] - after[i - 1]).toBeCloseTo(5, 9);
  });

  it('a ramp delivers its integral: 100 → 300/s over 1 s gives 200 arrivals, at the analytic times', () => {
    const s = new RateSchedule(100, [{ atMs: 1000, ratePerSec: 300, rampMs: 1000 }]);
    const times = arrivalsUntil(constant(s), 2000 + 1e-6);
    const inRamp = times.filter((t) => t >= 1000 - 1e-9 && t < 2000 - 1e-9);
    expect(inRamp).toHaveLength(200);
    expect(s.cumulative(2000) - s.cumulative(1000)).toBeCloseTo(200, 9);
    // Λ(1000 + d) = 100 + 0.1·d + 0.0001·d²: arrival k (Λ = k) sits at the positive root.
    for (let k = 100; k < 300; k++) {
      const d = (-0.1 + Math.sqrt(0.01 + 4 * 0.0001 * (k - 100))) / (2 * 0.0001);
      expect(Math.abs(times[k] - (1000 + d))).toBeLessThan(1e-6);
    }
    // The spacing shrinks through the ramp.
    for (let k = 101; k < 300; k++) expect(times[k] - times[k - 1]).toBeLessThan(times[k - 1] - times[k - 2] + 1e-9);
  });

  it('a ramp down to zero stops arrivals once the integral is used up', () => {
    // 100 → 0 /s over 1.001 s: Λ ends at 100 (flat first second) + 50.05 (ramp) = 150.05, so the
    // arrivals at Λ = 0, 1, …, 150 happen and no more.
    const s = new RateSchedule(100, [{ atMs: 1000, ratePerSec: 0, rampMs: 1001 }]);
    const times = arrivalsUntil(constant(s), 1e9);
    expect(times.length).toBe(151);
    expect(times[times.length - 1]).toBeLessThan(2001);
  });
});

describe('Poisson arrivals', () => {
  it('500/s over 100 s: count within 4σ of 50,000 and gap CV ≈ 1', () => {
    const times = arrivalsUntil(poisson(new RateSchedule(500), 12345), 100_000);
    const n = times.length;
    expect(Math.abs(n - 50_000)).toBeLessThan(4 * Math.sqrt(50_000));

    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) * (g - mean), 0) / (gaps.length - 1));
    expect(mean).toBeGreaterThan(1.9);
    expect(mean).toBeLessThan(2.1);
    expect(Math.abs(sd / mean - 1)).toBeLessThan(0.03);
    // Times are strictly increasing.
    for (let i = 1; i < n; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
  });

  it('counts in disjoint 1 s windows have variance ≈ mean (Poisson dispersion)', () => {
    const times = arrivalsUntil(poisson(new RateSchedule(200), 7), 400_000);
    const counts = Array.from({ length: 400 }, () => 0);
    for (const t of times) counts[Math.floor(t / 1000)]++;
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, c) => a + (c - mean) * (c - mean), 0) / (counts.length - 1);
    expect(mean).toBeGreaterThan(195);
    expect(mean).toBeLessThan(205);
    // Dispersion index ≈ 1 (constant arrivals would give 0); sd of the ratio ≈ sqrt(2/399) ≈ 0.07.
    expect(variance / mean).toBeGreaterThan(0.7);
    expect(variance / mean).toBeLessThan(1.3);
  });

  it('are a function of the seed: same seed same times, other seed other times', () => {
    const a = arrivalsUntil(poisson(new RateSchedule(100), 1), 5000);
    const b = arrivalsUntil(poisson(new RateSchedule(100), 1), 5000);
    const c = arrivalsUntil(poisson(new RateSchedule(100), 2), 5000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('follow a step in rate: the second half has about twice the arrivals', () => {
    const times = arrivalsUntil(poisson(new RateSchedule(300, [{ atMs: 50_000, ratePerSec: 600, rampMs: 0 }]), 3), 100_000);
    const first = times.filter((t) => t < 50_000).length;
    const second = times.length - first;
    expect(Math.abs(first - 15_000)).toBeLessThan(4 * Math.sqrt(15_000));
    expect(Math.abs(second - 30_000)).toBeLessThan(4 * Math.sqrt(30_000));
  });
});

describe('live rate changes', () => {
  /**
   * Drives a process like the engine: when simulated time reaches `change.atMs` (the next
   * arrival is at or after it), the change is added and the next arrival is recomputed.
   */
  function withLiveChange(process: ArrivalProcess, change: RateChange, endMs: number): number[] {
    const out: number[] = [];
    let applied = false;
    for (;;) {
      let t = process.nextTime();
      if (!applied && t >= change.atMs) {
        process.schedule.addChange(change);
        applied = true;
        t = process.nextTime();
      }
      if (t >= endMs) return out;
      out.push(t);
      process.advance(t);
    }
  }

  const cases: Array<[string, (s: RateSchedule) => ArrivalProcess]> = [
    ['constant', constant],
    ['poisson', (s) => poisson(s, 99)],
  ];

  it.each(cases)('%s: addChange at T leaves every arrival before T unchanged, and matches a run that knew the change from the start', (_name, make) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 8000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
        (rate, atMs, newRate, rampMs) => {
          const change: RateChange = { atMs, ratePerSec: newRate, rampMs };
          const endMs = 10_000;
          const unchanged = arrivalsUntil(make(new RateSchedule(rate)), endMs);
          const live = withLiveChange(make(new RateSchedule(rate)), change, endMs);
          const planned = arrivalsUntil(make(new RateSchedule(rate, [change])), endMs);

          const before = (xs: number[]) => xs.filter((t) => t < atMs);
          expect(before(live)).toEqual(before(unchanged));
          expect(before(planned)).toEqual(before(unchanged));
          // After T the live run follows the new rate exactly like a planned change would.
          expect(live.length).toBe(planned.length);
          const worst = live.reduce((m, t, i) => Math.max(m, Math.abs(t - planned[i]) / Math.max(1, t)), 0);
          expect(worst).toBeLessThan(1e-9);
          // And the change really changed something when the rate moved (guards against a vacuous pass).
          if (newRate !== rate && atMs < endMs - 2000 && Math.max(rate, newRate) >= 5) expect(live).not.toEqual(unchanged);
        },
      ),
      { numRuns: 60 },
    );
  });
});

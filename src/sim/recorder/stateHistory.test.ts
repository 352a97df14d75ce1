import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StateHistory } from './stateHistory';

/** closed at 0, open at 100, halfOpen at 600, closed at 700, open at 900, halfOpen at 1400. */
function breakerHistory(): StateHistory {
  const h = new StateHistory('payments.circuitBreaker', 'closed');
  h.push(100, 'open');
  h.push(600, 'halfOpen');
  h.push(700, 'closed');
  h.push(900, 'open');
  h.push(1400, 'halfOpen');
  return h;
}

describe('StateHistory.stateAt', () => {
  it('starts in the initial state', () => {
    const h = new StateHistory('m', 'idle');
    expect(h.machine).toBe('m');
    expect(h.length).toBe(1);
    expect(h.stateAt(0)).toBe('idle');
    expect(h.stateAt(1e12)).toBe('idle');
  });

  it('answers the state at any past time', () => {
    const h = breakerHistory();
    expect(h.length).toBe(6);
    expect(h.stateAt(0)).toBe('closed');
    expect(h.stateAt(99.999)).toBe('closed');
    expect(h.stateAt(100)).toBe('open'); // the change at t counts at t
    expect(h.stateAt(599)).toBe('open');
    expect(h.stateAt(600)).toBe('halfOpen');
    expect(h.stateAt(650)).toBe('halfOpen');
    expect(h.stateAt(700)).toBe('closed');
    expect(h.stateAt(899)).toBe('closed');
    expect(h.stateAt(900)).toBe('open');
    expect(h.stateAt(5000)).toBe('halfOpen');
  });

  it('several changes at the same instant: the state at t is the last of them', () => {
    const h = new StateHistory('m', 'closed');
    h.push(200, 'open');
    h.push(200, 'halfOpen');
    h.push(200, 'closed');
    expect(h.stateAt(199)).toBe('closed');
    expect(h.stateAt(200)).toBe('closed');
    expect(h.entriesInto('open')).toBe(1);
    expect(h.firstTimeIn('halfOpen', 200)).toBe(200);
  });

  it('times before the first entry report the initial state', () => {
    expect(breakerHistory().stateAt(-5)).toBe('closed');
  });
});

describe('StateHistory.firstTimeIn', () => {
  it('finds the first entry into a state by a time', () => {
    const h = breakerHistory();
    expect(h.firstTimeIn('closed', 0)).toBe(0);
    expect(h.firstTimeIn('open', 99)).toBeUndefined();
    expect(h.firstTimeIn('open', 100)).toBe(100);
    expect(h.firstTimeIn('open', 10_000)).toBe(100);
    expect(h.firstTimeIn('halfOpen', 599)).toBeUndefined();
    expect(h.firstTimeIn('halfOpen', 600)).toBe(600);
  });

  it('is undefined for a state never seen', () => {
    expect(breakerHistory().firstTimeIn('forcedOpen', Infinity)).toBeUndefined();
  });
});

describe('StateHistory.entriesInto', () => {
  it('counts entries into a state (the initial one included) by a time', () => {
    const h = breakerHistory();
    expect(h.entriesInto('open')).toBe(2);
    expect(h.entriesInto('open', 100)).toBe(1);
    expect(h.entriesInto('open', 899)).toBe(1);
    expect(h.entriesInto('open', 900)).toBe(2);
    expect(h.entriesInto('closed')).toBe(2);
    expect(h.entriesInto('closed', 0)).toBe(1);
    expect(h.entriesInto('halfOpen', 599)).toBe(0);
    expect(h.entriesInto('disabled')).toBe(0);
  });
});

describe('StateHistory.intervals', () => {
  it('lists [from, to) intervals clipped to endMs', () => {
    const h = breakerHistory();
    expect(h.intervals(2000)).toEqual([
      { fromMs: 0, toMs: 100, state: 'closed' },
      { fromMs: 100, toMs: 600, state: 'open' },
      { fromMs: 600, toMs: 700, state: 'halfOpen' },
      { fromMs: 700, toMs: 900, state: 'closed' },
      { fromMs: 900, toMs: 1400, state: 'open' },
      { fromMs: 1400, toMs: 2000, state: 'halfOpen' },
    ]);
  });

  it('stops at endMs: later entries are left out and the last interval is cut', () => {
    const h = breakerHistory();
    expect(h.intervals(650)).toEqual([
      { fromMs: 0, toMs: 100, state: 'closed' },
      { fromMs: 100, toMs: 600, state: 'open' },
      { fromMs: 600, toMs: 650, state: 'halfOpen' },
    ]);
    // An entry at exactly endMs gives an empty interval.
    expect(h.intervals(700).at(-1)).toEqual({ fromMs: 700, toMs: 700, state: 'closed' });
  });

  it('keeps only the latest `limit` intervals', () => {
    const h = breakerHistory();
    expect(h.intervals(2000, 2)).toEqual([
      { fromMs: 900, toMs: 1400, state: 'open' },
      { fromMs: 1400, toMs: 2000, state: 'halfOpen' },
    ]);
    expect(h.intervals(2000, 100)).toHaveLength(6);
  });

  it('intervals tile [0, endMs] without gaps or overlaps', () => {
    const h = breakerHistory();
    const iv = h.intervals(1234);
    expect(iv[0].fromMs).toBe(0);
    expect(iv.at(-1)!.toMs).toBe(1234);
    for (let i = 1; i < iv.length; i++) expect(iv[i].fromMs).toBe(iv[i - 1].toMs);
  });
});

describe('StateHistory against a naive model', () => {
  const STATES = ['closed', 'open', 'halfOpen', 'disabled', 'forcedOpen', 'metricsOnly'];

  it('agrees on every query after many entries (typed arrays grow past their first size)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom(...STATES)), { maxLength: 200 }),
        fc.array(fc.integer({ min: -10, max: 6000 }), { minLength: 1, maxLength: 30 }),
        (steps, queries) => {
          const h = new StateHistory('m', 'closed');
          const model: Array<{ t: number; state: string }> = [{ t: 0, state: 'closed' }];
          let t = 0;
          for (const [dt, state] of steps) {
            t += dt;
            h.push(t, state);
            model.push({ t, state });
          }
          expect(h.length).toBe(model.length);
          const upTo = (q: number) => model.filter((e, i) => i === 0 || e.t <= q);
          for (const q of queries) {
            const seen = upTo(q);
            expect(h.stateAt(q)).toBe(seen[seen.length - 1].state);
            for (const s of STATES) {
              expect(h.entriesInto(s, q)).toBe(seen.filter((e) => e.state === s).length);
              expect(h.firstTimeIn(s, q)).toBe(seen.find((e) => e.state === s)?.t);
            }
          }
          const end = t + 10;
          const iv = h.intervals(end);
          expect(iv).toEqual(model.map((e, i) => ({ fromMs: e.t, toMs: i + 1 < model.length ? model[i + 1].t : end, state: e.state })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('memory grows by doubling, proportional to the number of entries', () => {
    const h = new StateHistory('m', 'closed');
    const small = h.bytes;
    for (let i = 1; i <= 10_000; i++) h.push(i, i % 2 ? 'open' : 'closed');
    expect(h.length).toBe(10_001);
    expect(h.bytes).toBeGreaterThan(small);
    expect(h.bytes).toBeLessThanOrEqual(2 * 10_001 * 9 + 16 * 9);
    expect(h.stateAt(9_999.5)).toBe('open');
    expect(h.entriesInto('open')).toBe(5000);
  });
});

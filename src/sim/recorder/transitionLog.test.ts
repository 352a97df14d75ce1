import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LOG_CAP, TransitionLog, type LogLine } from './transitionLog';

const line = (i: number): Omit<LogLine, 'seq'> => ({ atMs: i * 10, machine: `m${i % 3}`, from: 'closed', to: 'open', cause: `cause ${i}` });

function filled(cap: number, n: number): TransitionLog {
  const log = new TransitionLog(cap);
  for (let i = 0; i < n; i++) log.add(line(i));
  return log;
}

describe('TransitionLog', () => {
  it('numbers lines from 0 and returns the stored line', () => {
    const log = new TransitionLog(10);
    const a = log.add(line(0));
    const b = log.add(line(1));
    expect(a).toEqual({ ...line(0), seq: 0 });
    expect(b.seq).toBe(1);
    expect(log.total).toBe(2);
    expect(log.size).toBe(2);
    expect(log.dropped).toBe(0);
    expect(log.all()).toEqual([a, b]);
  });

  it('does not alias the caller’s object', () => {
    const log = new TransitionLog(10);
    const input = line(0);
    log.add(input);
    input.cause = 'changed';
    expect(log.all()[0].cause).toBe('cause 0');
  });

  it('keeps everything up to the cap', () => {
    const log = filled(5, 5);
    expect(log.size).toBe(5);
    expect(log.dropped).toBe(0);
    expect(log.all().map((l) => l.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('past the cap drops the oldest lines and counts them', () => {
    const log = filled(5, 12);
    expect(log.size).toBe(5);
    expect(log.total).toBe(12);
    expect(log.dropped).toBe(7);
    expect(log.all().map((l) => l.seq)).toEqual([7, 8, 9, 10, 11]);
    expect(log.all().map((l) => l.cause)).toEqual(['cause 7', 'cause 8', 'cause 9', 'cause 10', 'cause 11']);
  });

  it('since(seq) returns lines from seq on, across drops', () => {
    const log = filled(5, 12); // keeps 7 … 11
    expect(log.since(0).map((l) => l.seq)).toEqual([7, 8, 9, 10, 11]); // dropped ones are gone
    expect(log.since(7).map((l) => l.seq)).toEqual([7, 8, 9, 10, 11]);
    expect(log.since(9).map((l) => l.seq)).toEqual([9, 10, 11]);
    expect(log.since(11).map((l) => l.seq)).toEqual([11]);
    expect(log.since(12)).toEqual([]);
    expect(log.since(1000)).toEqual([]);
  });

  it('since(seq) before any drop', () => {
    const log = filled(10, 4);
    expect(log.since(0).map((l) => l.seq)).toEqual([0, 1, 2, 3]);
    expect(log.since(2).map((l) => l.seq)).toEqual([2, 3]);
    expect(new TransitionLog(3).since(0)).toEqual([]);
  });

  it('delta polling: repeated since(lastSeen + 1) sees every kept line once and in order', () => {
    const log = new TransitionLog(8);
    const seen: number[] = [];
    let next = 0;
    for (let i = 0; i < 50; i++) {
      log.add(line(i));
      if (i % 3 === 2) {
        const delta = log.since(next);
        seen.push(...delta.map((l) => l.seq));
        if (delta.length > 0) next = delta[delta.length - 1].seq + 1;
      }
    }
    seen.push(...log.since(next).map((l) => l.seq));
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('defaults to LOG_CAP lines', () => {
    const log = filled(LOG_CAP, LOG_CAP + 3);
    expect(LOG_CAP).toBe(100_000);
    expect(log.size).toBe(LOG_CAP);
    expect(log.dropped).toBe(3);
    expect(log.all()[0].seq).toBe(3);
    expect(new TransitionLog().size).toBe(0);
    const d = new TransitionLog();
    for (let i = 0; i < LOG_CAP + 1; i++) d.add(line(i));
    expect(d.dropped).toBe(1);
  });

  it('matches a naive model for any cap, count and fromSeq', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 100 }), (cap, n, fromSeq) => {
        const log = filled(cap, n);
        const kept = Array.from({ length: n }, (_, i) => i).slice(Math.max(0, n - cap));
        expect(log.all().map((l) => l.seq)).toEqual(kept);
        expect(log.all().map((l) => l.atMs)).toEqual(kept.map((i) => i * 10));
        expect(log.since(fromSeq).map((l) => l.seq)).toEqual(kept.filter((s) => s >= fromSeq));
        expect(log.size).toBe(kept.length);
        expect(log.dropped).toBe(n - kept.length);
        expect(log.total).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

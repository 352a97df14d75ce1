import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_POINTS, SeriesRecorder, type ColumnDef } from './series';

const COLUMNS: ColumnDef[] = [
  { name: 'requests', kind: 'sum' },
  { name: 'errors', kind: 'sum' },
  { name: 'inFlight', kind: 'last' },
  { name: 'inFlightMax', kind: 'max' },
];

function make(scopes = 2, bucketMs = 1000) {
  const s = new SeriesRecorder(COLUMNS, scopes, bucketMs);
  return { s, req: s.col('requests'), err: s.col('errors'), inFlight: s.col('inFlight'), inFlightMax: s.col('inFlightMax') };
}

/** Sum of a column in a scope over every row. */
const total = (s: SeriesRecorder, col: number, scope: number) => s.rows.reduce((acc, r) => acc + s.value(r, col, scope), 0);

describe('SeriesRecorder buckets', () => {
  it('looks up columns by name and rejects unknown ones', () => {
    const { s } = make();
    expect(s.col('requests')).toBe(0);
    expect(s.col('inFlightMax')).toBe(3);
    expect(() => s.col('nope')).toThrow(/unknown series column nope/);
  });

  it('puts samples in the bucket of their time and creates the buckets in between', () => {
    const { s, req } = make();
    s.add(0, req, 0);
    s.add(999.9, req, 0);
    s.add(1000, req, 0);
    expect(s.rows).toHaveLength(2);
    s.add(5500, req, 0, 3);
    expect(s.rows).toHaveLength(6);
    expect(s.rows.map((r) => s.value(r, req, 0))).toEqual([2, 1, 0, 0, 0, 3]);
    // An earlier time goes back into its existing bucket without creating rows.
    s.add(1200, req, 0, 10);
    expect(s.rows).toHaveLength(6);
    expect(s.value(s.rows[1], req, 0)).toBe(11);
    expect(s.rowAt(3999)).toBe(s.rows[3]);
  });

  it('sums per column and per scope independently', () => {
    const { s, req, err } = make(3);
    s.add(10, req, 0);
    s.add(20, req, 0);
    s.add(30, req, 1, 5);
    s.add(40, err, 2, 0.5);
    const r = s.rows[0];
    expect(s.value(r, req, 0)).toBe(2);
    expect(s.value(r, req, 1)).toBe(5);
    expect(s.value(r, req, 2)).toBe(0);
    expect(s.value(r, err, 2)).toBe(0.5);
    expect(s.value(r, err, 0)).toBe(0);
  });

  it('gauges carry over into new buckets, and seed their max column there', () => {
    const { s, req, inFlight, inFlightMax } = make();
    s.gauge(100, inFlight, inFlightMax, 0, 7);
    s.gauge(200, inFlight, inFlightMax, 0, 3); // same bucket: last 3, max stays 7
    s.gauge(300, inFlight, inFlightMax, 1, 4);
    expect(s.value(s.rows[0], inFlight, 0)).toBe(3);
    expect(s.value(s.rows[0], inFlightMax, 0)).toBe(7);

    s.add(3500, req, 0); // creates buckets 1, 2, 3 without gauge updates
    for (const r of s.rows.slice(1)) {
      expect(s.value(r, inFlight, 0)).toBe(3);
      expect(s.value(r, inFlightMax, 0)).toBe(3); // the carried value, not the old max
      expect(s.value(r, inFlight, 1)).toBe(4);
      expect(s.value(r, inFlightMax, 1)).toBe(4);
      expect(s.value(r, req, 0) + s.value(r, req, 1)).toBe(r === s.rows[3] ? 1 : 0); // sums do not carry
    }

    s.gauge(3600, inFlight, inFlightMax, 0, 9);
    s.gauge(3700, inFlight, inFlightMax, 0, 1);
    expect(s.value(s.rows[3], inFlight, 0)).toBe(1);
    expect(s.value(s.rows[3], inFlightMax, 0)).toBe(9);
  });

  it('a gauge without a max column (maxColumn −1) only sets the last value', () => {
    const { s, inFlight, inFlightMax } = make();
    s.gauge(0, inFlight, -1, 0, 12);
    expect(s.value(s.rows[0], inFlight, 0)).toBe(12);
    expect(s.value(s.rows[0], inFlightMax, 0)).toBe(0);
  });

  it('records latency histograms per bucket and scope', () => {
    const { s } = make();
    s.latency(10, 0, 5);
    s.latency(20, 0, 15);
    s.latency(1500, 1, 100);
    expect(s.rows[0].latency[0].count).toBe(2);
    expect(s.rows[0].latency[0].max).toBe(15);
    expect(s.rows[0].latency[1]).toBeUndefined();
    expect(s.rows[1].latency[1].count).toBe(1);
  });
});

describe('SeriesRecorder coarsening', () => {
  it('passing MAX_POINTS buckets merges pairs, doubles bucketMs and keeps sum totals', () => {
    const { s, req, err } = make();
    let added = 0;
    for (let i = 0; i < MAX_POINTS; i++) {
      s.add(i * 1000 + 500, req, 0, i + 1);
      s.add(i * 1000 + 500, err, 1, 2);
      added += i + 1;
    }
    expect(s.rows).toHaveLength(MAX_POINTS);
    expect(s.bucketMs).toBe(1000);
    expect(s.coarsenings).toBe(0);

    s.add(MAX_POINTS * 1000, req, 0, 1); // first sample past the last bucket
    added += 1;
    expect(s.coarsenings).toBe(1);
    expect(s.bucketMs).toBe(2000);
    expect(s.rows.length).toBe(MAX_POINTS / 2 + 1);
    expect(total(s, req, 0)).toBe(added);
    expect(total(s, err, 1)).toBe(2 * MAX_POINTS);
    // Row j now holds old buckets 2j and 2j+1.
    expect(s.value(s.rows[0], req, 0)).toBe(1 + 2);
    expect(s.value(s.rows[10], req, 0)).toBe(21 + 22);
    expect(s.value(s.rows[MAX_POINTS / 2], req, 0)).toBe(1);
  });

  it('merged gauges keep the later last value and the larger max', () => {
    const { s, inFlight, inFlightMax } = make();
    // Bucket i ends with gauge value (i % 2 === 0 ? 100 + i : i); its max is that value.
    for (let i = 0; i < MAX_POINTS; i++) {
      s.gauge(i * 1000 + 900, inFlight, inFlightMax, 0, i % 2 === 0 ? 100 + i : i);
    }
    s.gauge(MAX_POINTS * 1000, inFlight, inFlightMax, 0, 0);
    expect(s.coarsenings).toBe(1);
    for (let j = 0; j < MAX_POINTS / 2; j++) {
      expect(s.value(s.rows[j], inFlight, 0)).toBe(2 * j + 1); // later bucket's last value
      expect(s.value(s.rows[j], inFlightMax, 0)).toBe(100 + 2 * j); // max of both buckets
    }
  });

  it('merged buckets merge their latency histograms', () => {
    const { s } = make();
    for (let i = 0; i < MAX_POINTS; i++) s.latency(i * 1000, 0, i + 1);
    s.latency(MAX_POINTS * 1000, 0, 1);
    expect(s.rows[0].latency[0].count).toBe(2);
    expect(s.rows[0].latency[0].min).toBe(1);
    expect(s.rows[0].latency[0].max).toBe(2);
    expect(s.rows[5].latency[0].sum).toBe(11 + 12);
    const count = s.rows.reduce((acc, r) => acc + (r.latency[0]?.count ?? 0), 0);
    expect(count).toBe(MAX_POINTS + 1);
  });

  it('a far-future sample coarsens as often as needed in one call', () => {
    const { s, req } = make();
    s.add(0, req, 0, 5);
    s.add(10 * MAX_POINTS * 1000, req, 0, 7); // needs bucketMs ≥ 10 000 → 16 000
    expect(s.bucketMs).toBe(16_000);
    expect(s.coarsenings).toBe(4);
    expect(s.rows.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(total(s, req, 0)).toBe(12);
    expect(s.value(s.rows[0], req, 0)).toBe(5);
    expect(s.value(s.rows[s.rows.length - 1], req, 0)).toBe(7);
  });

  it('property: every sample ends in bucket ⌊t / bucketMs⌋ of the final width, and totals are kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12_000_000 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(250, 1000, 3000),
        (events, initial) => {
          const { s, req } = make(2, initial);
          for (const [t, scope, amount] of events) s.add(t, req, scope, amount);
          expect(s.rows.length).toBeLessThanOrEqual(MAX_POINTS);
          const expected = new Map<string, number>();
          for (const [t, scope, amount] of events) {
            const key = `${Math.floor(t / s.bucketMs)}/${scope}`;
            expected.set(key, (expected.get(key) ?? 0) + amount);
          }
          const actual = new Map<string, number>();
          s.rows.forEach((r, i) => {
            for (const scope of [0, 1]) if (s.value(r, req, scope) !== 0) actual.set(`${i}/${scope}`, s.value(r, req, scope));
          });
          expect(actual).toEqual(expected);
          expect(s.bucketMs).toBe(initial * 2 ** s.coarsenings);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('memory stays bounded over 10,000 simulated seconds', () => {
    const { s, req, err, inFlight, inFlightMax } = make(3);
    let requests = 0;
    let errors = 0;
    let maxRows = 0;
    for (let t = 0; t < 10_000_000; t += 50) {
      const scope = (t / 50) % 3;
      s.add(t, req, scope);
      requests++;
      if (t % 1000 === 0) {
        s.add(t, err, scope, 2);
        errors += 2;
      }
      s.gauge(t, inFlight, inFlightMax, scope, (t / 50) % 17);
      if (t % 250 === 0) s.latency(t, scope, 1 + ((t / 250) % 400));
      if (s.rows.length > maxRows) maxRows = s.rows.length;
    }
    expect(maxRows).toBe(MAX_POINTS); // it filled up, and never went past the cap
    expect(s.bucketMs).toBe(8000); // 1 s → 2 → 4 → 8 s buckets for 10,000 s
    expect(s.coarsenings).toBe(3);
    expect(s.rows.length).toBe(Math.ceil(10_000_000 / 8000));
    const sum = (col: number) => [0, 1, 2].reduce((acc, sc) => acc + total(s, col, sc), 0);
    expect(sum(req)).toBe(requests);
    expect(sum(err)).toBe(errors);
    // Values plus one small histogram per scope and row: well under a few MB.
    expect(s.bytes).toBeLessThan(8 * 1024 * 1024);
  });
});

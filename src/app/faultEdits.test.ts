import { describe, expect, it } from 'vitest';
import { parseScenario } from '../sim/scenario/validate';
import type { TimelineEntry } from '../sim/scenario/timeline';
import { addFault, applyFaultEdit, deleteFault, faultWindows, MIN_FAULT_MS, moveFault, resizeFault } from './faultEdits';
import preset from '../../scenarios/outage-no-breaker.json';

const limits = { durationMs: 120_000 };

/** A file entry, a knob change, then two live faults (as the page appends them). */
const timeline: TimelineEntry[] = [
  { type: 'fault', kind: 'hang', target: 'payments', atMs: 30_000, durationMs: 30_000, label: 'payments stops answering' },
  { type: 'set', target: 'workload', knob: 'ratePerSec', value: 50, atMs: 10_000 },
  { type: 'fault', kind: 'error', target: 'payments/1', atMs: 40_000.000000000007, durationMs: 5_000, probability: 0.5 },
  { type: 'fault', kind: 'latency', target: 'payments', atMs: 100_000, durationMs: 60_000, addedMs: 200, jitterMs: 0 },
];

describe('fault edits', () => {
  it('lists the fault windows with their timeline positions', () => {
    expect(faultWindows(timeline).map((w) => w.index)).toEqual([0, 2, 3]);
  });

  it('moves a window, keeping its length, every other field and every other entry', () => {
    const out = moveFault(timeline, 0, 40_000, limits);
    expect(out[0]).toEqual({ ...timeline[0], atMs: 40_000 });
    expect(Object.keys(out[0])).toEqual(Object.keys(timeline[0]));
    expect(out.slice(1)).toEqual(timeline.slice(1));
    expect(out[1]).toBe(timeline[1]);
    expect(timeline[0].atMs).toBe(30_000); // not mutated
  });

  it('moves live entries as well as the file’s own', () => {
    const out = moveFault(timeline, 2, 50_000, limits);
    expect(out[2]).toMatchObject({ kind: 'error', target: 'payments/1', atMs: 50_000, durationMs: 5_000, probability: 0.5 });
  });

  it('clamps a move to [0, duration]', () => {
    expect(moveFault(timeline, 0, -5_000, limits)[0]).toMatchObject({ atMs: 0, durationMs: 30_000 });
    expect(moveFault(timeline, 0, 110_000, limits)[0]).toMatchObject({ atMs: 90_000, durationMs: 30_000 });
    expect(moveFault(timeline, 0, 1e12, limits)[0]).toMatchObject({ atMs: 90_000 });
  });

  it('trims the part of a window past the end of the run when it is moved (it never takes effect)', () => {
    const out = moveFault(timeline, 3, 90_000, limits);
    expect(out[3]).toMatchObject({ atMs: 90_000, durationMs: 20_000 });
  });

  it('resizes either edge, keeping the other', () => {
    expect(resizeFault(timeline, 0, 'start', 20_000, limits)[0]).toMatchObject({ atMs: 20_000, durationMs: 40_000 });
    expect(resizeFault(timeline, 0, 'end', 45_000, limits)[0]).toMatchObject({ atMs: 30_000, durationMs: 15_000 });
  });

  it('keeps a minimum length and the run’s bounds when resizing', () => {
    expect(resizeFault(timeline, 0, 'start', 70_000, limits)[0]).toMatchObject({ atMs: 60_000 - MIN_FAULT_MS, durationMs: MIN_FAULT_MS });
    expect(resizeFault(timeline, 0, 'end', 0, limits)[0]).toMatchObject({ atMs: 30_000, durationMs: MIN_FAULT_MS });
    expect(resizeFault(timeline, 0, 'end', 500_000, limits)[0]).toMatchObject({ atMs: 30_000, durationMs: 90_000 });
    expect(resizeFault(timeline, 0, 'start', -1, limits)[0]).toMatchObject({ atMs: 0, durationMs: 60_000 });
    expect(resizeFault(timeline, 0, 'end', 31_000, { ...limits, minMs: 5_000 })[0]).toMatchObject({ durationMs: 5_000 });
  });

  it('deletes a window; later entries keep their order', () => {
    const out = deleteFault(timeline, 2);
    expect(out).toEqual([timeline[0], timeline[1], timeline[3]]);
  });

  it('appends an added window, placed inside the run', () => {
    const out = addFault(timeline, { kind: 'outage', target: 'payments', responseMs: 1, atMs: 115_000, durationMs: 10_000 }, limits);
    expect(out.slice(0, 4)).toEqual(timeline);
    expect(out[4]).toEqual({ type: 'fault', kind: 'outage', target: 'payments', responseMs: 1, atMs: 115_000, durationMs: 5_000 });
    const early = addFault([], { kind: 'hang', target: 'payments', atMs: -3, durationMs: 0 }, limits);
    expect(early[0]).toMatchObject({ atMs: 0, durationMs: MIN_FAULT_MS });
  });

  it('refuses an index that is not a fault window, naming it', () => {
    expect(() => moveFault(timeline, 1, 0, limits)).toThrow('timeline[1] is not a fault window');
    expect(() => deleteFault(timeline, 9)).toThrow('timeline[9] is not a fault window');
    expect(() => moveFault(timeline, 0, Number.NaN, limits)).toThrow('move: atMs: expected a number');
  });

  it('applyFaultEdit dispatches every kind of edit', () => {
    expect(applyFaultEdit(timeline, { type: 'move', index: 0, atMs: 1_000 }, limits)[0]).toMatchObject({ atMs: 1_000 });
    expect(applyFaultEdit(timeline, { type: 'resize', index: 0, edge: 'end', atMs: 31_000 }, limits)[0]).toMatchObject({ durationMs: 1_000 });
    expect(applyFaultEdit(timeline, { type: 'delete', index: 0 }, limits)).toHaveLength(3);
    expect(applyFaultEdit(timeline, { type: 'add', fault: { kind: 'hang', target: 'payments', atMs: 0, durationMs: 1_000 } }, limits)).toHaveLength(5);
    expect(() => applyFaultEdit(timeline, { type: 'delete', index: 0 }, { durationMs: 0 })).toThrow('duration must be positive');
  });

  it('edits of a raw scenario file’s timeline still validate', () => {
    let entries = (preset as { timeline: Array<Record<string, unknown>> }).timeline;
    entries = applyFaultEdit(entries, { type: 'move', index: 0, atMs: 50_000 }, limits);
    entries = applyFaultEdit(entries, { type: 'resize', index: 0, edge: 'end', atMs: 200_000 }, limits);
    entries = applyFaultEdit(entries, { type: 'add', fault: { kind: 'capacity', target: 'payments/3', factor: 0.25, atMs: 5_000, durationMs: 1_000 } }, limits);
    const s = parseScenario({ ...preset, timeline: entries }, 'edited');
    expect(s.timeline.map((e) => [e.atMs, e.type === 'fault' ? e.durationMs : 0])).toEqual([
      [50_000, 70_000],
      [5_000, 1_000],
    ]);
  });
});

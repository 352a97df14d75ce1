import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../sim/report';
import { Simulation } from '../sim/engine';
import { parseScenario } from '../sim/scenario/validate';
import { applySnapshot, emptyRun, labStore } from '../store/labStore';
import type { FromWorker, ToWorker } from './protocol';
import { RunHost } from './runHost';

/** A host with a fake wall clock that advances 3 ms per reading, and a queue of scheduled ticks. */
function harness() {
  let wall = 0;
  const messages: FromWorker[] = [];
  const queue: Array<() => void> = [];
  const host = new RunHost({
    now: () => (wall += 3),
    post: (m) => messages.push(structuredClone(m)),
    schedule: (fn) => queue.push(fn),
  });
  const send = (m: ToWorker) => host.handle(m);
  /** Runs scheduled ticks until none are left (or a cap). */
  const drain = (max = 100_000) => {
    for (let i = 0; i < max && queue.length; i++) queue.shift()!();
  };
  return { host, send, drain, messages };
}

const preset = (id: string) => JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8'));

describe('RunHost', () => {
  it('snapshots, applied in order, rebuild exactly the series and log of the run', () => {
    const h = harness();
    labStore.setState({ runs: { r: emptyRun('r', 'test', null) }, activeRunId: 'r' });
    h.send({ type: 'load', runId: 'r', scenario: preset('outage-with-breaker'), source: 'test', reqId: 1 });
    h.send({ type: 'runTo', runId: 'r', atMs: 120_000, reqId: 2 });
    h.drain();
    const loaded = h.messages.find((m) => m.type === 'loaded');
    expect(loaded).toMatchObject({ type: 'loaded', runId: 'r', reqId: 1, seed: 42 });
    expect(h.messages.at(-1)).toEqual({ type: 'ack', runId: 'r', reqId: 2 });
    const snapshots = h.messages.filter((m) => m.type === 'snapshot');
    expect(snapshots.length).toBeGreaterThan(3);
    labStore.setState({ runs: { r: { ...emptyRun('r', 'test', null), generation: 0 } } });
    for (const m of snapshots) if (m.type === 'snapshot') applySnapshot(m.snapshot);
    const run = labStore.getState().runs.r;

    const sim = new Simulation(parseScenario(preset('outage-with-breaker'), 'test'));
    sim.runToEnd();
    const report = buildReport(sim);
    expect(run.series[0]).toEqual(report.series.points);
    expect(run.totals).toEqual(report.totals);
    expect(run.log.filter((l) => l.from).map((l) => [Math.round(l.atMs * 1000) / 1000, l.from, l.to])).toEqual(report.transitions.map((t) => [t.atMs, t.from, t.to]));
    expect(run.done).toBe(true);
  });

  it('refuses a broken scenario with the field-named message', () => {
    const h = harness();
    h.send({ type: 'load', runId: 'x', scenario: { ...preset('outage-with-breaker'), durationMs: 'soon' }, source: 'link', reqId: 7 });
    expect(h.messages).toEqual([
      expect.objectContaining({ type: 'error', runId: 'x', reqId: 7, message: 'link: durationMs: expected a number, got "soon"' }),
    ]);
  });

  it('stamps live commands with the current time and validates them', () => {
    const h = harness();
    h.send({ type: 'load', runId: 'r', scenario: preset('outage-no-breaker'), source: 'test' });
    h.send({ type: 'runTo', runId: 'r', atMs: 5_000 });
    h.drain();
    h.send({ type: 'command', runId: 'r', entry: { type: 'fault', kind: 'outage', target: 'payments', atMs: 0, durationMs: 1000 }, reqId: 3 });
    expect(h.messages.at(-1)).toMatchObject({ type: 'ack', reqId: 3, entry: { atMs: 5_000, kind: 'outage' } });
    h.send({ type: 'command', runId: 'r', entry: { type: 'fault', kind: 'outage', target: 'paymnts', atMs: 0, durationMs: 1000 }, reqId: 4 });
    expect(h.messages.at(-1)).toMatchObject({ type: 'error', reqId: 4, message: expect.stringContaining('unknown fault target "paymnts" (did you mean "payments"?)') });
  });

  it('a re-run to a past time replays the same history, live commands included', () => {
    const h = harness();
    h.send({ type: 'load', runId: 'r', scenario: preset('outage-no-breaker'), source: 'test' });
    h.send({ type: 'runTo', runId: 'r', atMs: 10_000 });
    h.drain();
    h.send({ type: 'command', runId: 'r', entry: { type: 'set', target: 'workload', knob: 'ratePerSec', value: 50, atMs: 0 } });
    h.send({ type: 'runTo', runId: 'r', atMs: 20_000 });
    h.drain();
    h.send({ type: 'report', runId: 'r', reqId: 9 });
    const before = h.messages.at(-1);
    h.send({ type: 'rerunTo', runId: 'r', atMs: 15_000 });
    h.drain();
    expect(h.messages.some((m) => m.type === 'progress')).toBe(true);
    h.send({ type: 'runTo', runId: 'r', atMs: 20_000 });
    h.drain();
    h.send({ type: 'report', runId: 'r', reqId: 10 });
    const after = h.messages.at(-1);
    expect(after?.type === 'report' && before?.type === 'report' && JSON.stringify(after.report)).toBe(before?.type === 'report' && JSON.stringify(before.report));
  });
});

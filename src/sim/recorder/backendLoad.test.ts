import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine';
import { buildReport, seriesPoints } from '../report';
import { parseScenario } from '../scenario/validate';
import { arbitraryScenario } from '../testing/arbitraryScenario';
import type { ScenarioInput } from '../scenario/schema';

/** The largest value a dependency's knob takes during a run: its setting or any live change of it. */
function largest(input: ScenarioInput, dep: string, knob: 'concurrency' | 'queueLength', initial: number): number {
  let most = initial;
  for (const e of (input.timeline ?? []) as Array<Record<string, unknown>>) {
    if (e.type === 'set' && e.target === dep && e.knob === knob) most = Math.max(most, Number(e.value));
  }
  return most;
}

describe('backend busy, queued and capacity series', () => {
  it('stay within concurrency × instances and queue × instances, and agree with the instances at every checkpoint', () => {
    fc.assert(
      fc.property(arbitraryScenario, (input) => {
        const scenario = parseScenario(input, 'property');
        const sim = new Simulation(scenario);
        const bounds = scenario.dependencies.map((d) => ({
          busy: largest(input, d.id, 'concurrency', d.backends.concurrency) * d.backends.count,
          queued: largest(input, d.id, 'queueLength', d.backends.queueLength) * d.backends.count,
        }));
        for (let t = 1_000; t <= sim.durationMs; t += 2_500) {
          sim.advance(t);
          for (let scope = 0; scope <= sim.deps.length; scope++) {
            const deps = scope === 0 ? sim.deps : [sim.deps[scope - 1]];
            const busyBound = deps.reduce((a, d) => a + bounds[d.index].busy, 0);
            const queuedBound = deps.reduce((a, d) => a + bounds[d.index].queued, 0);
            const points = seriesPoints(sim, scope);
            for (const p of points) {
              expect(p.busy).toBeGreaterThanOrEqual(0);
              expect(p.queued).toBeGreaterThanOrEqual(0);
              expect(p.busyMax).toBeGreaterThanOrEqual(p.busy);
              expect(p.queuedMax).toBeGreaterThanOrEqual(p.queued);
              expect(p.busyMax).toBeLessThanOrEqual(busyBound);
              expect(p.queuedMax).toBeLessThanOrEqual(queuedBound);
            }
            // The latest bucket's gauges are the instances' counts now.
            const last = points[points.length - 1];
            const instances = deps.flatMap((d) => d.backends);
            expect(last.busy).toBe(instances.reduce((a, b) => a + b.busy, 0));
            expect(last.queued).toBe(instances.reduce((a, b) => a + b.queued, 0));
            expect(last.capacity).toBe(instances.reduce((a, b) => a + b.capacity, 0));
          }
        }
        sim.stop();
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('show the hang of outage-with-breaker: every slot busy and the queue filling, then draining', () => {
    const input = JSON.parse(readFileSync('scenarios/outage-with-breaker.json', 'utf8'));
    const scenario = parseScenario(input, 'outage-with-breaker.json');
    const dep = scenario.dependencies[0];
    const slots = dep.backends.concurrency * dep.backends.count;
    const sim = new Simulation(scenario);
    sim.runToEnd();
    const points = buildReport(sim).series.points;
    sim.stop();
    const at = (s: number) => points[s];
    expect(at(10).capacity).toBe(slots);
    expect(at(10).busyMax).toBeLessThan(slots);
    expect(at(10).queuedMax).toBe(0);
    // The hang runs 30–60 s: every slot is held and calls wait behind them.
    expect(at(45).busy).toBe(slots);
    expect(at(45).queued).toBeGreaterThan(0);
    expect(at(45).queuedMax).toBeLessThanOrEqual(dep.backends.queueLength * dep.backends.count);
    // After the hang the queue is empty again.
    expect(at(80).queuedMax).toBe(0);
  });

  it('follow capacity faults: a capacity fault lowers the usable slots for its window', () => {
    const scenario = parseScenario(
      {
        version: 1,
        id: 'capacity',
        name: 'capacity fault',
        seed: 1,
        durationMs: 10_000,
        workload: { ratePerSec: 50 },
        dependencies: [{ id: 'db', backends: { count: 2, concurrency: 10, queueLength: 5, serviceTime: { dist: 'constant', ms: 20 } }, pipeline: [] }],
        timeline: [{ type: 'fault', kind: 'capacity', target: 'db/0', atMs: 3_000, durationMs: 4_000, factor: 0.5 }],
      },
      'capacity.json',
    );
    const sim = new Simulation(scenario);
    sim.runToEnd();
    const points = buildReport(sim).series.points;
    sim.stop();
    expect(points.map((p) => p.capacity)).toEqual([20, 20, 20, 15, 15, 15, 15, 20, 20, 20]);
  });
});

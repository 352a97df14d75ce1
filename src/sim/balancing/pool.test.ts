/** Health checks, outlier ejection, slow start and panic, run through the engine. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine';
import { buildReport } from '../report';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';

function sim(count: number, balancer: Record<string, unknown>, timeline: unknown[], extra: Partial<ScenarioInput> = {}) {
  return new Simulation(
    parseScenario(
      {
        version: 1,
        id: 'lb',
        name: 'lb',
        durationMs: 200_000,
        workload: { arrivals: 'constant', ratePerSec: 100 },
        dependencies: [{ id: 'api', backends: { count, concurrency: 100, queueLength: 100, serviceTime: { dist: 'constant', ms: 5 } }, balancer }],
        timeline,
        ...extra,
      } as ScenarioInput,
      'test',
    ),
  );
}

/** A machine's transitions as "t from→to". */
const transitionsOf = (s: Simulation, machine: string) =>
  buildReport(s)
    .transitions.filter((t) => t.machine === machine)
    .map((t) => `${Math.round(t.atMs)} ${t.from}→${t.to}`);

describe('outlier detection (Envoy)', () => {
  const od = { consecutive5xx: 5, baseEjectionTimeMs: 30_000, maxEjectionTimeMs: 300_000, maxEjectionPercent: 10, intervalMs: 10_000 };

  it('ejects after 5 consecutive failures for base × ejections, returns at a sweep, and the time grows', () => {
    const s = sim(2, { algorithm: 'roundRobin', outlierDetection: od }, [{ type: 'fault', kind: 'error', target: 'api/1', atMs: 0, durationMs: 75_000, probability: 1 }]);
    s.advance(200_000);
    // Round robin sends every other call (one each 10 ms) to api/1; errors come back after the
    // 5 ms service time, so the 5th consecutive failure lands at 95 ms.
    expect(transitionsOf(s, 'api/1.health')).toEqual([
      '95 HEALTHY→EJECTED', // 30 s × 1
      '40000 EJECTED→HEALTHY', // the first sweep after 30.095 s is at 40 s
      '40095 HEALTHY→EJECTED', // still failing: 30 s × 2 = 60 s
      '110000 EJECTED→HEALTHY', // the sweep after 100.095 s; the fault ended at 75 s
    ]);
    expect(buildReport(s).transitions.find((t) => t.machine === 'api/1.health' && t.to === 'EJECTED')?.cause).toContain('ejected for 30 s');
    s.stop();
  });

  it('never ejects more than maxEjectionPercent, but always one when none is out', () => {
    const failing = [0, 1, 2].map((i) => ({ type: 'fault', kind: 'error', target: `api/${i}`, atMs: 0, durationMs: 200_000, probability: 1 }));
    const ten = sim(10, { algorithm: 'roundRobin', outlierDetection: od }, failing);
    ten.advance(5_000);
    expect(buildReport(ten).backends.filter((b) => b.health === 'EJECTED').map((b) => b.id)).toEqual(['api/0']); // 10% of 10 = 1
    ten.stop();
    const three = sim(3, { algorithm: 'roundRobin', outlierDetection: { ...od, maxEjectionPercent: 10 } }, failing.slice(0, 2));
    three.advance(5_000);
    expect(buildReport(three).backends.filter((b) => b.health === 'EJECTED')).toHaveLength(1); // 10% of 3 rounds to 0: still one
    three.stop();
  });
});

describe('active health checks (HAProxy) and slow start', () => {
  it('marks a crashed host down after `fall` failed checks and up after `rise` passes, then warms it up', () => {
    const s = sim(
      2,
      { algorithm: 'roundRobin', healthCheck: { intervalMs: 2_000, timeoutMs: 1_000, rise: 2, fall: 3 }, slowStartMs: 20_000 },
      [{ type: 'fault', kind: 'outage', target: 'api/1', atMs: 10_000, durationMs: 20_000 }],
    );
    s.advance(15_000);
    const routedAtDown = s.deps[0].pool.routed[1];
    s.advance(30_000);
    expect(s.deps[0].pool.routed[1]).toBe(routedAtDown); // while down, api/0 takes everything
    s.advance(100_000);
    // api/1 is checked at 2 s, 4 s, …: failures at 10, 12, 14 → down at 14 s; passes at 30, 32 → up at 32 s.
    expect(transitionsOf(s, 'api/1.health')).toEqual(['14000 HEALTHY→UNHEALTHY', '32000 UNHEALTHY→WARMING', '52000 WARMING→HEALTHY']);
    s.stop();
  });

  it('a warming host gets a share that grows from 10% to full', () => {
    const s = sim(2, { algorithm: 'weightedRoundRobin', healthCheck: { intervalMs: 2_000, timeoutMs: 1_000, rise: 1, fall: 1 }, slowStartMs: 20_000 }, [
      { type: 'fault', kind: 'outage', target: 'api/1', atMs: 1_000, durationMs: 10_000 },
    ]);
    s.advance(12_500); // back (WARMING) at 12 s
    const before = s.deps[0].pool.routed[1];
    s.advance(14_500); // ~2 s into a 20 s window: factor ≈ 0.1–0.15
    const early = s.deps[0].pool.routed[1] - before;
    s.advance(30_000);
    const mid0 = s.deps[0].pool.routed[1];
    s.advance(32_000); // ~19 s in: factor ≈ 0.95
    const late = s.deps[0].pool.routed[1] - mid0;
    expect(early).toBeLessThan(40); // of 200 calls in 2 s
    expect(late).toBeGreaterThan(80);
    s.stop();
  });
});

describe('panic threshold (Envoy)', () => {
  it('below the threshold health is ignored and traffic spreads over every host', () => {
    const outages = [0, 1, 2, 3].map((i) => ({ type: 'fault', kind: 'outage', target: `api/${i}`, atMs: 5_000, durationMs: 30_000 }));
    const s = sim(6, { algorithm: 'roundRobin', healthCheck: { intervalMs: 1_000, timeoutMs: 500, rise: 1, fall: 1 }, panicThresholdPercent: 50 }, outages);
    s.advance(20_000);
    const report = buildReport(s);
    expect(report.events.map((e) => e.text).some((t) => t.startsWith('panic: 2 of 6 hosts healthy (33%) < 50%'))).toBe(true);
    const r0 = s.deps[0].pool.routed[0];
    s.advance(25_000);
    expect(s.deps[0].pool.routed[0]).toBeGreaterThan(r0); // an unhealthy host still gets traffic
    s.advance(60_000);
    expect(buildReport(s).events.map((e) => e.text).some((t) => t.startsWith('panic over'))).toBe(true);
    s.stop();
  });

  it('with panic off (threshold 0), unhealthy hosts get nothing', () => {
    const outages = [0, 1, 2, 3].map((i) => ({ type: 'fault', kind: 'outage', target: `api/${i}`, atMs: 5_000, durationMs: 30_000 }));
    const s = sim(6, { algorithm: 'roundRobin', healthCheck: { intervalMs: 1_000, timeoutMs: 500, rise: 1, fall: 1 }, panicThresholdPercent: 0 }, outages);
    s.advance(10_000);
    const r0 = s.deps[0].pool.routed[0];
    s.advance(25_000);
    expect(s.deps[0].pool.routed[0]).toBe(r0);
    s.stop();
  });
});

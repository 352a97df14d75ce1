import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { buildReport } from './report';
import type { ScenarioInput } from './scenario/schema';
import { parseScenario } from './scenario/validate';

/** One dependency with one instance, constant arrivals every 10 ms (100/s). */
function scenario(overrides: Partial<ScenarioInput> & { pipeline?: unknown[]; backends?: Record<string, unknown>; cancelOnTimeout?: boolean } = {}): ScenarioInput {
  const { pipeline = [], backends = {}, cancelOnTimeout = false, ...rest } = overrides;
  return {
    version: 1,
    id: 'unit',
    name: 'unit',
    durationMs: 10_000,
    workload: { arrivals: 'constant', ratePerSec: 100 },
    dependencies: [
      {
        id: 'api',
        backends: { count: 1, concurrency: 1000, queueLength: 1000, serviceTime: { dist: 'constant', ms: 5 }, ...backends },
        pipeline: pipeline as never,
        cancelOnTimeout,
      },
    ],
    ...rest,
  } as ScenarioInput;
}

function run(input: ScenarioInput) {
  const sim = new Simulation(parseScenario(input, 'unit'));
  sim.runToEnd();
  const report = buildReport(sim);
  sim.stop();
  return { sim, report };
}

describe('engine', () => {
  it('constant arrivals at 100/s for 10 s generate exactly 1,000 requests, all served in the service time', () => {
    const { report } = run(scenario());
    expect(report.totals.generated).toBe(1000);
    expect(report.totals.succeeded).toBe(1000);
    expect(report.latencyMs.p50).toBe(5);
    expect(report.latencyMs.max).toBe(5);
  });

  it('an outage fails calls fast without using a slot; a latency fault slows them', () => {
    const { report } = run(
      scenario({
        timeline: [
          { type: 'fault', kind: 'outage', target: 'api', atMs: 0, durationMs: 5_000, responseMs: 2 },
          { type: 'fault', kind: 'latency', target: 'api', atMs: 5_000, durationMs: 5_000, addedMs: 100 },
        ],
      }),
    );
    expect(report.totals.failed).toBe(500);
    expect(report.totals.succeeded).toBe(490);
    expect(report.totals.inFlight).toBe(10); // the last 105 ms of arrivals are still being served
    expect(report.latencyMs.p50! / 2).toBeCloseTo(1, 1); // within the histogram's 1 %
    expect(report.latencyMs.max).toBe(105);
  });

  it('an error fault fails about its share of calls, decided per request (common random numbers)', () => {
    const { report } = run(scenario({ timeline: [{ type: 'fault', kind: 'error', target: 'api', atMs: 0, durationMs: 10_000, probability: 0.3 }] }));
    expect(report.totals.failed / report.totals.generated).toBeGreaterThan(0.25);
    expect(report.totals.failed / report.totals.generated).toBeLessThan(0.35);
  });

  it('without cancelOnTimeout abandoned work keeps its slot and finishes as wasted; with it the slot is freed', () => {
    const slow = { serviceTime: { dist: 'constant', ms: 50 }, concurrency: 2, queueLength: 10_000 };
    const kept = run(scenario({ backends: slow, pipeline: [{ type: 'timeout', timeoutMs: 20 }] })).report;
    expect(kept.totals.timedOut).toBe(kept.totals.generated - kept.totals.inFlight);
    expect(kept.backends[0].wasted).toBeGreaterThan(100);
    expect(kept.backends[0].queued).toBeGreaterThan(0); // the backlog of abandoned work grows
    const freed = run(scenario({ backends: slow, cancelOnTimeout: true, pipeline: [{ type: 'timeout', timeoutMs: 20 }] })).report;
    expect(freed.backends[0].wasted).toBe(0);
    expect(freed.backends[0].cancelled).toBeGreaterThan(100);
    expect(freed.backends[0].queued).toBe(0);
  });

  it('a hang is ended only by a timeout; without one the requests stay in flight', () => {
    const hang = { type: 'fault', kind: 'hang', target: 'api', atMs: 1_000, durationMs: 2_000 } as const;
    const noTimeout = run(scenario({ durationMs: 2_500, timeline: [hang] })).report;
    expect(noTimeout.totals.inFlight).toBe(150);
    const withTimeout = run(scenario({ timeline: [hang], pipeline: [{ type: 'timeout', timeoutMs: 100 }] })).report;
    expect(withTimeout.totals.timedOut).toBe(200);
    expect(withTimeout.backends[0].wasted).toBe(200); // dropped when the hang ended
  });

  it('a capacity fault queues and then sheds calls', () => {
    const { report } = run(
      scenario({
        backends: { concurrency: 2, queueLength: 5, serviceTime: { dist: 'constant', ms: 30 } },
        timeline: [{ type: 'fault', kind: 'capacity', target: 'api', atMs: 0, durationMs: 10_000, factor: 0.5 }],
      }),
    );
    expect(report.rejectedBy.shed).toBeGreaterThan(0);
    expect(report.totals.rejected).toBe(report.rejectedBy.shed);
  });

  it('the client cap rejects requests beyond it', () => {
    const { report } = run(scenario({ client: { maxConcurrentRequests: 3 }, backends: { serviceTime: { dist: 'constant', ms: 100 } } }));
    expect(report.rejectedBy.client).toBeGreaterThan(0);
    expect(report.totals.rejected).toBe(report.rejectedBy.client);
  });

  it('timeline commands apply at their time: a rate change, a knob change and forced states', () => {
    const { report } = run(
      scenario({
        pipeline: [{ type: 'circuitBreaker', minimumNumberOfCalls: 10, slidingWindowSize: 10 }],
        timeline: [
          { type: 'set', atMs: 5_000, target: 'workload', knob: 'ratePerSec', value: 200 },
          { type: 'force', atMs: 2_000, machine: 'api.circuitBreaker', state: 'HALF_OPEN' },
          { type: 'force', atMs: 3_000, machine: 'api.circuitBreaker', state: 'FORCED_OPEN' },
          { type: 'set', atMs: 4_000, target: 'api', knob: 'concurrency', value: 1 },
          { type: 'force', atMs: 6_000, machine: 'api.circuitBreaker', state: 'CLOSED' },
        ],
      }),
    );
    expect(report.series.points[4].generated).toBe(100);
    expect(report.series.points[5].generated).toBe(200);
    expect(report.events.map((e) => e.text)).toContain('command refused: CLOSED → HALF_OPEN is not a legal transition (resilience4j)');
    expect(report.transitions.map((t) => `${t.atMs} ${t.from}->${t.to}`)).toEqual(['3000 CLOSED->FORCED_OPEN', '6000 FORCED_OPEN->CLOSED']);
    expect(report.rejectedBy.circuitBreaker).toBe(400); // 3–5 s at 100/s, 5–6 s at 200/s
    expect(report.events.map((e) => e.text)).toContain('set concurrency = 1');
  });

  it('a live command added mid-run gives the same result as the same command in the file', () => {
    const command = { type: 'set', atMs: 4_000, target: 'api.circuitBreaker', knob: 'failureRateThreshold', value: 10 } as const;
    const base = scenario({
      pipeline: [{ type: 'circuitBreaker', minimumNumberOfCalls: 10, slidingWindowSize: 10 }],
      timeline: [{ type: 'fault', kind: 'error', target: 'api', atMs: 0, durationMs: 10_000, probability: 0.2 }],
    });
    const inFile = run({ ...base, timeline: [...(base.timeline ?? []), command] }).report;
    const live = new Simulation(parseScenario(base, 'unit'));
    live.advance(4_000);
    live.addTimelineEntry(command);
    live.runToEnd();
    expect(JSON.stringify(buildReport(live))).toBe(JSON.stringify(inFile));
  });
});

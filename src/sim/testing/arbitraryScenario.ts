/**
 * fast-check generators of small random scenarios, for property tests (conservation,
 * determinism). Only test files import this.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../scenario/schema';

const dist = fc.oneof(
  fc.record({ dist: fc.constant('constant' as const), ms: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ dist: fc.constant('exponential' as const), meanMs: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ dist: fc.constant('lognormal' as const), medianMs: fc.integer({ min: 1, max: 150 }), sigma: fc.double({ min: 0, max: 1.5, noNaN: true }) }),
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
    .map(([a, b]) => ({ dist: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
);

const breaker = fc.record({
  type: fc.constant('circuitBreaker' as const),
  slidingWindowType: fc.constantFrom('COUNT_BASED' as const, 'TIME_BASED' as const),
  slidingWindowSize: fc.integer({ min: 1, max: 30 }),
  minimumNumberOfCalls: fc.integer({ min: 1, max: 30 }),
  failureRateThreshold: fc.integer({ min: 1, max: 100 }),
  slowCallRateThreshold: fc.integer({ min: 1, max: 100 }),
  slowCallDurationThresholdMs: fc.integer({ min: 1, max: 500 }),
  waitDurationInOpenStateMs: fc.integer({ min: 1, max: 3000 }),
  waitIntervalMultiplier: fc.double({ min: 1, max: 3, noNaN: true }),
  permittedNumberOfCallsInHalfOpenState: fc.integer({ min: 1, max: 5 }),
  maxWaitDurationInHalfOpenStateMs: fc.constantFrom(0, 500, 2000),
  automaticTransitionFromOpenToHalfOpenEnabled: fc.boolean(),
  initialState: fc.constantFrom('CLOSED' as const, 'CLOSED' as const, 'METRICS_ONLY' as const, 'DISABLED' as const, 'FORCED_OPEN' as const),
  tripComparison: fc.constantFrom('atOrAbove' as const, 'above' as const),
});

const timeout = fc.record({ type: fc.constant('timeout' as const), timeoutMs: fc.integer({ min: 1, max: 800 }) });

/** Pipelines of the policies the engine implements, in any order. */
export const arbitraryPipeline = fc
  .tuple(fc.option(breaker, { nil: undefined }), fc.option(timeout, { nil: undefined }), fc.option(timeout, { nil: undefined }), fc.boolean())
  .map(([b, t1, t2, breakerFirst]) => {
    const out: unknown[] = [];
    if (t2) out.push(t2);
    if (b && breakerFirst) out.push(b);
    if (t1) out.push(t1);
    if (b && !breakerFirst) out.push(b);
    return out;
  });

const DURATION = 20_000;

function fault(depIds: string[]) {
  const base = {
    type: fc.constant('fault' as const),
    atMs: fc.integer({ min: 0, max: DURATION }),
    durationMs: fc.integer({ min: 1, max: 10_000 }),
    target: fc.constantFrom(...depIds, ...depIds.map((d) => `${d}/0`)),
  };
  return fc.oneof(
    fc.record({ ...base, kind: fc.constant('error' as const), probability: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ ...base, kind: fc.constant('latency' as const), addedMs: fc.integer({ min: 0, max: 500 }), jitterMs: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ ...base, kind: fc.constant('outage' as const), responseMs: fc.integer({ min: 0, max: 10 }) }),
    fc.record({ ...base, kind: fc.constant('hang' as const) }),
    fc.record({ ...base, kind: fc.constant('capacity' as const), factor: fc.double({ min: 0, max: 1, noNaN: true }) }),
  );
}

/** A random scenario of one to three dependencies, faults and live commands. */
export const arbitraryScenario: fc.Arbitrary<ScenarioInput> = fc
  .integer({ min: 1, max: 3 })
  .chain((depCount) => {
    const depIds = Array.from({ length: depCount }, (_, i) => `d${i}`);
    const dependency = (id: string) =>
      fc.record({
        id: fc.constant(id),
        backends: fc.record({
          count: fc.integer({ min: 1, max: 3 }),
          concurrency: fc.integer({ min: 1, max: 8 }),
          queueLength: fc.integer({ min: 0, max: 30 }),
          serviceTime: dist,
        }),
        pipeline: arbitraryPipeline,
        cancelOnTimeout: fc.boolean(),
      });
    const command = fc.oneof(
      fc.record({
        type: fc.constant('set' as const),
        atMs: fc.integer({ min: 0, max: DURATION }),
        target: fc.constant('workload'),
        knob: fc.constant('ratePerSec'),
        value: fc.integer({ min: 0, max: 400 }),
      }),
      fc.record({
        type: fc.constant('set' as const),
        atMs: fc.integer({ min: 0, max: DURATION }),
        target: fc.constantFrom(...depIds),
        knob: fc.constantFrom('concurrency', 'queueLength'),
        value: fc.integer({ min: 1, max: 10 }),
      }),
    );
    return fc.record({
      version: fc.constant(1 as const),
      id: fc.constant('random'),
      name: fc.constant('random scenario'),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      durationMs: fc.constant(DURATION),
      workload: fc.record({
        arrivals: fc.constantFrom('poisson' as const, 'constant' as const),
        ratePerSec: fc.integer({ min: 0, max: 300 }),
        rateChanges: fc
          .array(fc.record({ atMs: fc.integer({ min: 0, max: DURATION }), ratePerSec: fc.integer({ min: 0, max: 400 }), rampMs: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 3 })
          .map((cs) => cs.sort((a, b) => a.atMs - b.atMs)),
        targets: fc.constant(depIds.map((d, i) => ({ dependency: d, weight: i + 1 }))),
      }),
      client: fc.option(fc.record({ maxConcurrentRequests: fc.integer({ min: 1, max: 200 }) }), { nil: undefined }).map((c) => c ?? {}),
      dependencies: fc.tuple(...depIds.map(dependency)),
      timeline: fc.array(fc.oneof(fault(depIds), command), { maxLength: 6 }),
    }) as fc.Arbitrary<ScenarioInput>;
  });

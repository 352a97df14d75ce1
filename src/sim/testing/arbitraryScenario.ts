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

const retry = fc.record({
  type: fc.constant('retry' as const),
  maxAttempts: fc.integer({ min: 1, max: 5 }),
  countsFirstCall: fc.boolean(),
  backoff: fc.record({
    kind: fc.constantFrom('constant' as const, 'linear' as const, 'exponential' as const),
    baseMs: fc.integer({ min: 0, max: 200 }),
    multiplier: fc.double({ min: 1, max: 3, noNaN: true }),
    capMs: fc.integer({ min: 0, max: 2000 }),
  }),
  jitter: fc.constantFrom('none' as const, 'full' as const, 'equal' as const, 'decorrelated' as const, 'proportional' as const),
  randomizationFactor: fc.double({ min: 0, max: 1, noNaN: true }),
  retryOn: fc.subarray(['failure', 'timeout', 'rejected'] as const, { minLength: 1 }),
  budget: fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant('envoy' as const), budgetPercent: fc.integer({ min: 0, max: 100 }), minRetryConcurrency: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('grpc' as const), maxTokens: fc.integer({ min: 1, max: 20 }), tokenRatio: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
    ),
    { nil: undefined },
  ),
});

const fallback = fc.record({
  type: fc.constant('fallback' as const),
  handles: fc.subarray(['failure', 'timeout', 'rejected'] as const, { minLength: 1 }),
  source: fc.constantFrom('cache' as const, 'default' as const),
  cacheHitProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  responseMs: fc.integer({ min: 0, max: 20 }),
});

const bulkhead = fc.oneof(
  fc.record({ type: fc.constant('bulkhead' as const), kind: fc.constant('semaphore' as const), maxConcurrentCalls: fc.integer({ min: 1, max: 20 }), maxWaitDurationMs: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ type: fc.constant('bulkhead' as const), kind: fc.constant('queue' as const), limit: fc.integer({ min: 1, max: 20 }), queue: fc.integer({ min: 0, max: 20 }) }),
  fc
    .record({
      type: fc.constant('bulkhead' as const),
      kind: fc.constant('threadPool' as const),
      coreThreadPoolSize: fc.integer({ min: 1, max: 8 }),
      maxThreadPoolSize: fc.integer({ min: 1, max: 16 }),
      queueCapacity: fc.integer({ min: 0, max: 20 }),
      keepAliveMs: fc.integer({ min: 0, max: 500 }),
    })
    .map((b) => ({ ...b, maxThreadPoolSize: Math.max(b.coreThreadPoolSize, b.maxThreadPoolSize) })),
);

const rateLimiter = fc.oneof(
  fc.record({
    type: fc.constant('rateLimiter' as const),
    kind: fc.constant('fixedWindow' as const),
    limitForPeriod: fc.integer({ min: 1, max: 50 }),
    limitRefreshPeriodMs: fc.integer({ min: 1, max: 1000 }),
    timeoutDurationMs: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({
    type: fc.constant('rateLimiter' as const),
    kind: fc.constant('tokenBucket' as const),
    maxTokens: fc.integer({ min: 1, max: 50 }),
    tokensPerFill: fc.integer({ min: 1, max: 10 }),
    fillIntervalMs: fc.integer({ min: 1, max: 500 }),
  }),
);

/** Pipelines of every policy the engine implements, each at most once (timeouts twice), in any order. */
export const arbitraryPipeline = fc
  .tuple(
    fc.option(breaker, { nil: undefined }),
    fc.option(timeout, { nil: undefined }),
    fc.option(timeout, { nil: undefined }),
    fc.option(retry, { nil: undefined }),
    fc.option(fallback, { nil: undefined }),
    fc.option(bulkhead, { nil: undefined }),
    fc.option(rateLimiter, { nil: undefined }),
  )
  .chain((policies) => {
    const present = policies.filter((p) => p !== undefined) as unknown[];
    // Every chosen policy, in a random order.
    return fc.shuffledSubarray(present, { minLength: present.length });
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

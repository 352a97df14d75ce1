/**
 * Pipeline policies. A dependency's `pipeline` lists them outermost first; the call to the
 * backend pool sits inside the last one. resilience4j's order is
 * retry → circuitBreaker → rateLimiter → timeout → bulkhead → call.
 */
import { z } from 'zod';
import { count, identifier, ms, percent, probability } from './units';

/** Outcomes a policy can react to (retry, fallback). */
export const HandledOutcome = z.enum(['failure', 'timeout', 'rejected']);

export const TimeoutSchema = z
  .strictObject({
    type: z.literal('timeout'),
    timeoutMs: ms('how long the caller waits before giving up', 1),
  })
  .meta({
    description:
      'Gives up on the call after timeoutMs (resilience4j TimeLimiter). Inside a retry it bounds each attempt; outside, the whole request.',
  });

export const BREAKER_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN'] as const;
export type BreakerStateName = (typeof BREAKER_STATES)[number];

export const CircuitBreakerSchema = z
  .strictObject({
    type: z.literal('circuitBreaker'),
    slidingWindowType: z
      .enum(['COUNT_BASED', 'TIME_BASED'])
      .default('COUNT_BASED')
      .meta({ description: 'COUNT_BASED: the last N calls; TIME_BASED: the calls of the last N seconds' }),
    slidingWindowSize: count('N: calls (COUNT_BASED) or seconds (TIME_BASED)', 1, 10_000).default(100),
    minimumNumberOfCalls: count('calls needed before a rate is computed; COUNT_BASED caps it at N', 1, 10_000).default(100),
    failureRateThreshold: percent('trips when the failure rate reaches it', 1, 100).default(50),
    slowCallRateThreshold: percent('trips when the slow-call rate reaches it', 1, 100).default(100),
    slowCallDurationThresholdMs: ms('a call is slow when it takes strictly longer', 1).default(60_000),
    waitDurationInOpenStateMs: ms('wait in OPEN before trial calls', 1).default(60_000),
    waitIntervalMultiplier: z
      .number()
      .min(1)
      .max(10)
      .default(1)
      .meta({ description: 'wait grows by this factor with each consecutive opening, reset on CLOSED (1–10; 1 = constant)' }),
    maxWaitDurationInOpenStateMs: ms('cap on the growing wait in OPEN', 1).optional(),
    permittedNumberOfCallsInHalfOpenState: count('trial calls in HALF_OPEN; extra calls are rejected', 1, 1_000).default(10),
    maxWaitDurationInHalfOpenStateMs: ms('0 = stay HALF_OPEN until the trial calls finish; else go OPEN when it expires').default(0),
    automaticTransitionFromOpenToHalfOpenEnabled: z
      .boolean()
      .default(false)
      .meta({ description: 'true: a timer moves OPEN→HALF_OPEN; false: the first call strictly after the wait does' }),
    initialState: z
      .enum(['CLOSED', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN'])
      .default('CLOSED')
      .meta({ description: 'state at the start of the run' }),
    tripComparison: z
      .enum(['atOrAbove', 'above'])
      .default('atOrAbove')
      .meta({ description: 'resilience4j and Polly trip at ≥ threshold (atOrAbove); cockatiel and opossum at > (above)' }),
  })
  .meta({ description: 'Circuit breaker with resilience4j semantics (CircuitBreakerStateMachine)' });

const BackoffSchema = z
  .strictObject({
    kind: z.enum(['constant', 'linear', 'exponential']).default('exponential'),
    baseMs: ms('first wait', 0, 3_600_000).default(500),
    multiplier: z.number().min(1).max(10).default(1.5).meta({ description: 'exponential growth per retry (1–10)' }),
    capMs: ms('longest wait', 0, 3_600_000).default(30_000),
  })
  .meta({ description: 'wait before retry n (n = 1, 2, …): constant base; linear base·n; exponential base·multiplier^(n−1); capped' });

const RetryBudgetSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('envoy'),
      budgetPercent: percent('retries allowed as a share of active requests', 0, 100).default(20),
      minRetryConcurrency: count('retries always allowed concurrently', 0, 100_000).default(3),
    }),
    z.strictObject({
      kind: z.literal('grpc'),
      maxTokens: z.number().min(1).max(1000).default(10).meta({ description: 'token bucket size (1–1000)' }),
      tokenRatio: z.number().min(0.01).max(1).default(0.1).meta({ description: 'tokens added per success (0.01–1)' }),
    }),
  ])
  .meta({ description: "Retry budget: Envoy's share of active requests or gRPC's retry throttling" });

export const RetrySchema = z
  .strictObject({
    type: z.literal('retry'),
    maxAttempts: count('attempts allowed', 1, 100).default(3),
    countsFirstCall: z
      .boolean()
      .default(true)
      .meta({ description: 'true (resilience4j): maxAttempts counts every call; false (Polly, cockatiel): it counts retries only' }),
    backoff: BackoffSchema.default({ kind: 'exponential', baseMs: 500, multiplier: 1.5, capMs: 30_000 }),
    jitter: z
      .enum(['none', 'full', 'equal', 'decorrelated', 'proportional'])
      .default('none')
      .meta({ description: 'AWS full/equal/decorrelated jitter, or proportional (resilience4j ±randomizationFactor)' }),
    randomizationFactor: z.number().min(0).max(1).default(0.5).meta({ description: 'spread of proportional jitter (0–1)' }),
    retryOn: z.array(HandledOutcome).min(1).default(['failure', 'timeout']).meta({ description: 'outcomes that are retried' }),
    budget: RetryBudgetSchema.optional(),
  })
  .meta({ description: 'Retries failed attempts with backoff and jitter' });

export const FallbackSchema = z
  .strictObject({
    type: z.literal('fallback'),
    handles: z.array(HandledOutcome).min(1).default(['failure', 'timeout', 'rejected']),
    source: z.enum(['cache', 'default']).default('default').meta({ description: 'a cached answer (may miss) or a static default' }),
    cacheHitProbability: probability('chance a cached answer exists').default(0.9),
    responseMs: ms('time to produce the fallback answer', 0, 60_000).default(1),
  })
  .meta({ description: 'Answers with a cached or default value when the call fails; counted as fallback' });

export const BulkheadSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      type: z.literal('bulkhead'),
      kind: z.literal('semaphore'),
      maxConcurrentCalls: count('concurrent calls allowed', 1, 100_000).default(25),
      maxWaitDurationMs: ms('how long a call may wait for a slot').default(0),
    }),
    z.strictObject({
      type: z.literal('bulkhead'),
      kind: z.literal('queue'),
      limit: count('concurrent calls allowed', 1, 100_000),
      queue: count('FIFO queue places', 0, 1_000_000).default(0),
    }),
    z.strictObject({
      type: z.literal('bulkhead'),
      kind: z.literal('threadPool'),
      coreThreadPoolSize: count('core threads', 1, 10_000).default(1),
      maxThreadPoolSize: count('max threads', 1, 10_000).default(4),
      queueCapacity: count('queue places', 0, 1_000_000).default(100),
      keepAliveMs: ms('idle time before an extra thread ends').default(20),
    }),
  ])
  .meta({ description: 'Bulkhead: resilience4j semaphore, cockatiel queue, or resilience4j thread pool' });

export const RateLimiterSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      type: z.literal('rateLimiter'),
      kind: z.literal('fixedWindow'),
      limitForPeriod: count('permits per cycle', 1, 1_000_000).default(50),
      limitRefreshPeriodMs: ms('cycle length', 1).default(500),
      timeoutDurationMs: ms('how long a caller may wait for a permit').default(5_000),
    }),
    z.strictObject({
      type: z.literal('rateLimiter'),
      kind: z.literal('tokenBucket'),
      maxTokens: count('bucket size, also the starting amount', 1, 1_000_000),
      tokensPerFill: count('tokens added per fill', 1, 1_000_000).default(1),
      fillIntervalMs: ms('time between fills', 1),
    }),
  ])
  .meta({ description: "Rate limiter: resilience4j's fixed-cycle limiter or Envoy's token bucket" });

export const PolicySchema = z.discriminatedUnion("type", [TimeoutSchema, CircuitBreakerSchema, RetrySchema, FallbackSchema, BulkheadSchema, RateLimiterSchema]);

export const POLICY_TYPES = ['timeout', 'circuitBreaker', 'retry', 'fallback', 'bulkhead', 'rateLimiter'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export type TimeoutPolicy = z.infer<typeof TimeoutSchema>;
export type CircuitBreakerPolicy = z.infer<typeof CircuitBreakerSchema>;
export type RetryPolicy = z.infer<typeof RetrySchema>;
export type FallbackPolicy = z.infer<typeof FallbackSchema>;
export type BulkheadPolicy = z.infer<typeof BulkheadSchema>;
export type RateLimiterPolicy = z.infer<typeof RateLimiterSchema>;
export type Policy = z.infer<typeof PolicySchema>;

export { identifier };

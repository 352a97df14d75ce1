/** Dependencies: a backend pool behind a balancer, wrapped by an ordered policy pipeline. */
import { z } from 'zod';
import { DistributionSchema } from './distributions';
import { PolicySchema } from './policies';
import { count, identifier, ms, percent } from './units';

const InstanceOverrideSchema = z
  .strictObject({
    weight: z.number().min(0.01).max(1000).optional().meta({ description: 'balancer weight (0.01–1000)' }),
    concurrency: count('requests served at once', 1, 100_000).optional(),
    queueLength: count('waiting places', 0, 1_000_000).optional(),
    serviceTime: DistributionSchema.optional(),
    speed: z.number().min(0.01).max(100).optional().meta({ description: 'service time is divided by this (0.01–100)' }),
  })
  .meta({ description: 'Overrides for one instance; fields left out take the pool values' });

export const BackendPoolSchema = z
  .strictObject({
    count: count('instances', 1, 1_000).default(1),
    concurrency: count('requests each instance serves at once', 1, 100_000).default(10),
    queueLength: count('FIFO waiting places per instance; arrivals beyond are shed', 0, 1_000_000).default(100),
    serviceTime: DistributionSchema.default({ dist: 'exponential', meanMs: 20 }),
    instances: z.array(InstanceOverrideSchema).max(1_000).optional().meta({
      description: 'per-instance overrides, by index (instance i of the pool takes entry i)',
    }),
  })
  .meta({ description: 'A pool of identical backend instances' });

const HealthCheckSchema = z.strictObject({
  intervalMs: ms('time between checks', 10).default(2_000),
  timeoutMs: ms('a check slower than this fails', 1).default(1_000),
  rise: count('passes in a row to mark healthy', 1, 100).default(2),
  fall: count('failures in a row to mark unhealthy', 1, 100).default(3),
});

const OutlierDetectionSchema = z.strictObject({
  consecutive5xx: count('consecutive failures that eject a host', 1, 1_000).default(5),
  baseEjectionTimeMs: ms('ejection time, multiplied by the number of ejections', 1).default(30_000),
  maxEjectionTimeMs: ms('cap on the ejection time', 1).default(300_000),
  maxEjectionPercent: percent('most hosts ejected at once').default(10),
  intervalMs: ms('sweep interval at which ejected hosts may return', 10).default(10_000),
});

export const BalancerSchema = z
  .strictObject({
    algorithm: z
      .enum(['roundRobin', 'weightedRoundRobin', 'random', 'leastConnections', 'leastRequest'])
      .default('roundRobin')
      .meta({
        description:
          'roundRobin; weightedRoundRobin (nginx smooth WRR); random (by weight); leastConnections (HAProxy leastconn); leastRequest (Envoy: power of two choices, or weight/(active+1)^bias with unequal weights)',
      }),
    choiceCount: count('hosts sampled by leastRequest', 2, 16).default(2),
    activeRequestBias: z.number().min(0).max(10).default(1).meta({ description: 'leastRequest weight / (active + 1)^bias (0–10)' }),
    healthCheck: HealthCheckSchema.optional(),
    outlierDetection: OutlierDetectionSchema.optional(),
    slowStartMs: ms('a host back from unhealthy or ejected ramps its weight linearly from 10% to 100% over this time (Envoy slow start)').default(0),
    panicThresholdPercent: percent('below this share of healthy hosts, health is ignored').default(50),
  })
  .meta({ description: 'How requests are spread over the instances, and how unhealthy ones are avoided' });

export const DependencySchema = z
  .strictObject({
    id: identifier('unique id; machines are named <id>.<policy type>, backends <id>/<index>'),
    name: z.string().max(80).optional(),
    backends: BackendPoolSchema.default({ count: 1, concurrency: 10, queueLength: 100, serviceTime: { dist: 'exponential', meanMs: 20 } }),
    balancer: BalancerSchema.default({
      algorithm: 'roundRobin',
      choiceCount: 2,
      activeRequestBias: 1,
      slowStartMs: 0,
      panicThresholdPercent: 50,
    }),
    pipeline: z.array(PolicySchema).max(20).default([]).meta({
      description: 'policies, outermost first; the backend call sits inside the last one',
    }),
    cancelOnTimeout: z
      .boolean()
      .default(false)
      .meta({ description: 'false: a timed-out call keeps its backend slot and finishes as wasted work; true: the slot is freed' }),
  })
  .meta({ description: 'A dependency the client calls' });

export type BackendPool = z.infer<typeof BackendPoolSchema>;
export type Balancer = z.infer<typeof BalancerSchema>;
export type Dependency = z.infer<typeof DependencySchema>;

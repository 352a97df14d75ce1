/**
 * Which knobs a `set` command (or the page's inspector) may change, and their validators, taken
 * from the same zod field schemas the file format uses so ranges cannot drift apart.
 */
import { z } from 'zod';
import { BulkheadSchema, CircuitBreakerSchema, FallbackSchema, RateLimiterSchema, RetrySchema, TimeoutSchema, type Policy } from './policies';
import type { Scenario } from './schema';
import { WorkloadSchema } from './schema';
import { BackendPoolSchema } from './topology';

/** A knob's validator, found for a `set` target. */
export interface KnobTarget {
  kind: 'workload' | 'pool' | 'instance' | 'policy' | 'dependency';
  dependency?: string;
  instance?: number;
  policyIndex?: number;
  knobs: Record<string, z.ZodType>;
}

const pick = (shape: Record<string, z.ZodType>, keys: string[]): Record<string, z.ZodType> =>
  Object.fromEntries(keys.filter((k) => k in shape).map((k) => [k, shape[k]]));

const WORKLOAD_KNOBS = pick(WorkloadSchema.shape as unknown as Record<string, z.ZodType>, ['ratePerSec', 'arrivals']);
const POOL_KNOBS = pick(BackendPoolSchema.shape as unknown as Record<string, z.ZodType>, ['concurrency', 'queueLength']);
const INSTANCE_KNOBS: Record<string, z.ZodType> = {
  concurrency: z.number().int().min(1).max(100_000),
  queueLength: z.number().int().min(0).max(1_000_000),
  weight: z.number().min(0.01).max(1000),
  speed: z.number().min(0.01).max(100),
};
const DEPENDENCY_KNOBS: Record<string, z.ZodType> = { cancelOnTimeout: z.boolean() };

/** Field schemas of the object schema a policy was parsed with (minus its discriminators). */
function policyShape(policy: Policy): Record<string, z.ZodType> {
  let schema: z.ZodObject | undefined;
  switch (policy.type) {
    case 'timeout':
      schema = TimeoutSchema;
      break;
    case 'circuitBreaker':
      schema = CircuitBreakerSchema;
      break;
    case 'retry':
      schema = RetrySchema;
      break;
    case 'fallback':
      schema = FallbackSchema;
      break;
    case 'bulkhead':
      schema = BulkheadSchema.options.find((o) => o.shape.kind.value === policy.kind) as z.ZodObject;
      break;
    case 'rateLimiter':
      schema = RateLimiterSchema.options.find((o) => o.shape.kind.value === policy.kind) as z.ZodObject;
      break;
  }
  const shape = { ...(schema.shape as Record<string, z.ZodType>) };
  delete shape.type;
  delete shape.kind;
  // Structured knobs (backoff, budget, lists) are edited as a whole policy, not one value.
  for (const key of ['backoff', 'budget', 'retryOn', 'handles']) delete shape[key];
  return shape;
}

/** Resolves a `set` target string against a scenario, or returns an explanation. */
export function resolveKnobTarget(scenario: Scenario, target: string): KnobTarget | string {
  if (target === 'workload') return { kind: 'workload', knobs: WORKLOAD_KNOBS };
  const slash = /^([^/.]+)\/(\d+)$/.exec(target);
  if (slash) {
    const dep = scenario.dependencies.find((d) => d.id === slash[1]);
    if (!dep) return `unknown dependency "${slash[1]}"`;
    const index = Number(slash[2]);
    if (index >= dep.backends.count) return `"${dep.id}" has instances 0–${dep.backends.count - 1}, not ${index}`;
    return { kind: 'instance', dependency: dep.id, instance: index, knobs: INSTANCE_KNOBS };
  }
  const dot = /^([^/.]+)\.([A-Za-z]+)$/.exec(target);
  if (dot) {
    const dep = scenario.dependencies.find((d) => d.id === dot[1]);
    if (!dep) return `unknown dependency "${dot[1]}"`;
    const policyIndex = dep.pipeline.findIndex((p) => p.type === dot[2]);
    if (policyIndex < 0) {
      const types = dep.pipeline.map((p) => p.type);
      return `"${dep.id}" has no ${dot[2]} policy${types.length ? ` (it has ${types.join(', ')})` : ''}`;
    }
    return { kind: 'policy', dependency: dep.id, policyIndex, knobs: policyShape(dep.pipeline[policyIndex]) };
  }
  const dep = scenario.dependencies.find((d) => d.id === target);
  if (dep) return { kind: 'pool', dependency: dep.id, knobs: { ...POOL_KNOBS, ...DEPENDENCY_KNOBS } };
  return `unknown target "${target}": expected "workload", a dependency id, <dependency>.<policy type> or <dependency>/<index>`;
}

/** The machines a scenario creates, with the states each can be in, for checks, commands and the page. */
import { BREAKER_STATES } from './policies';
import type { Scenario } from './schema';

export type MachineKind = 'circuitBreaker' | 'bulkhead' | 'rateLimiter' | 'retryBudget' | 'backendHealth';

export interface MachineInfo {
  /** e.g. `payments.circuitBreaker`. */
  id: string;
  kind: MachineKind;
  dependency: string;
  states: readonly string[];
}

export const BULKHEAD_STATES = ['AVAILABLE', 'SATURATED', 'FULL'] as const;
export const FIXED_WINDOW_STATES = ['PERMITS_AVAILABLE', 'EXHAUSTED'] as const;
export const TOKEN_BUCKET_STATES = ['TOKENS_AVAILABLE', 'EMPTY'] as const;
export const RETRY_BUDGET_STATES = ['RETRIES_ALLOWED', 'RETRIES_REFUSED'] as const;
export const HEALTH_STATES = ['HEALTHY', 'WARMING', 'UNHEALTHY', 'EJECTED'] as const;

/** Every long-lived machine of a scenario, in topology and pipeline order. */
export function machineCatalog(scenario: Scenario): MachineInfo[] {
  const out: MachineInfo[] = [];
  for (const dep of scenario.dependencies) {
    const add = (kind: MachineKind, states: readonly string[]) => out.push({ id: `${dep.id}.${kind}`, kind, dependency: dep.id, states });
    for (const policy of dep.pipeline) {
      if (policy.type === 'circuitBreaker') add('circuitBreaker', BREAKER_STATES);
      else if (policy.type === 'bulkhead') add('bulkhead', BULKHEAD_STATES);
      else if (policy.type === 'rateLimiter') add('rateLimiter', policy.kind === 'fixedWindow' ? FIXED_WINDOW_STATES : TOKEN_BUCKET_STATES);
      else if (policy.type === 'retry' && policy.budget) add('retryBudget', RETRY_BUDGET_STATES);
    }
    if (dep.balancer.healthCheck || dep.balancer.outlierDetection) {
      for (let i = 0; i < dep.backends.count; i++) out.push({ id: `${dep.id}/${i}.health`, kind: 'backendHealth', dependency: dep.id, states: HEALTH_STATES });
    }
  }
  return out;
}

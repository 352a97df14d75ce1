/** The machines a scenario creates, with the states each can be in, for checks and commands. */
import { BREAKER_STATES } from './policies';
import type { Scenario } from './schema';

export interface MachineInfo {
  /** e.g. `payments.circuitBreaker`. */
  id: string;
  kind: 'circuitBreaker';
  dependency: string;
  states: readonly string[];
}

/** Every long-lived machine of a scenario, in topology order. */
export function machineCatalog(scenario: Scenario): MachineInfo[] {
  const out: MachineInfo[] = [];
  for (const dep of scenario.dependencies) {
    for (const policy of dep.pipeline) {
      if (policy.type === 'circuitBreaker') {
        out.push({ id: `${dep.id}.circuitBreaker`, kind: 'circuitBreaker', dependency: dep.id, states: BREAKER_STATES });
      }
    }
  }
  return out;
}

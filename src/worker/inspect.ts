/**
 * What the worker tells the page about machines: their graphs (drawn from the definitions), the
 * one being inspected (state, counts, guards in words), and the knobs a command can change.
 */
import type { AnyStateMachine } from 'xstate';
import { z } from 'zod';
import type { Simulation } from '../sim/engine';
import { backendHealthMachine } from '../sim/machines/backendHealthMachine';
import { bulkheadMachine } from '../sim/machines/bulkheadMachine';
import { circuitBreakerMachine } from '../sim/machines/circuitBreakerMachine';
import { explainBreaker, explainBulkhead, explainHealth, explainRateLimiter, explainRetryBudget, explainSaga } from '../sim/machines/explain';
import type { InspectedMachine, MachineGraph } from '../sim/machines/graphTypes';
import { machineGraph } from '../sim/machines/machineGraph';
import { rateLimiterMachine } from '../sim/machines/rateLimiterMachine';
import { retryBudgetMachine } from '../sim/machines/retryBudgetMachine';
import { SAGA_STATES, sagaCoordinatorMachine } from '../sim/machines/sagaCoordinatorMachine';
import { resolveKnobTarget } from '../sim/scenario/knobs';
import type { MachineInfo } from '../sim/scenario/machines';
import type { Scenario } from '../sim/scenario/schema';
import { graphKey, type KnobInfo } from './protocol';

const DEFINITIONS: Record<string, AnyStateMachine> = {
  circuitBreaker: circuitBreakerMachine,
  bulkhead: bulkheadMachine,
  rateLimiter: rateLimiterMachine,
  retryBudget: retryBudgetMachine,
  backendHealth: backendHealthMachine,
  sagaCoordinator: sagaCoordinatorMachine,
};

/** The machines the page can inspect: the scenario's, plus one entry per saga (its coordinators). */
export function inspectableMachines(scenario: Scenario, machines: MachineInfo[]): Array<{ id: string; kind: string; states: readonly string[] }> {
  return [...machines, ...scenario.sagas.map((s) => ({ id: `saga:${s.id}`, kind: 'sagaCoordinator', states: SAGA_STATES }))];
}

/** Graphs of every kind of machine in the scenario, by graph key. */
export function machineGraphs(scenario: Scenario, machines: MachineInfo[]): Record<string, MachineGraph> {
  const out: Record<string, MachineGraph> = {};
  for (const m of inspectableMachines(scenario, machines)) {
    const key = graphKey(m);
    if (!out[key]) out[key] = machineGraph(m.kind, DEFINITIONS[m.kind], m.states);
  }
  return out;
}

/** The inspected machine now, or null when there is no such machine. */
export function inspectMachine(sim: Simulation, id: string): InspectedMachine | null {
  const now = sim.now;
  const rec = sim.recorder;
  if (id.startsWith('saga:')) {
    const runner = sim.sagas.find((r) => `saga:${r.def.id}` === id);
    if (!runner) return null;
    const running = runner.traces.filter((t) => t.outcome === null);
    const latest = runner.traces[runner.traces.length - 1];
    return {
      id,
      kind: 'sagaCoordinator',
      state: running.length > 0 ? (runner.lastTransition?.to === 'COMPENSATING' ? 'COMPENSATING' : 'EXECUTING') : (latest?.outcome ?? 'EXECUTING'),
      counts: { ...runner.transitionCounts },
      last: runner.lastTransition,
      guards: explainSaga(runner),
    };
  }
  const history = rec.machines.get(id);
  if (!history) return null;
  const base = { id, state: history.stateAt(now), counts: { ...rec.transitionCounts.get(id) }, last: rec.lastTransitions.get(id) ?? null };
  for (const d of sim.deps) {
    if (d.parts.breaker?.id === id) return { ...base, kind: 'circuitBreaker', guards: explainBreaker(d.parts.breaker, now) };
    if (d.parts.bulkhead?.id === id) return { ...base, kind: 'bulkhead', guards: explainBulkhead(d.parts.bulkhead) };
    if (d.parts.rateLimiter?.id === id) return { ...base, kind: 'rateLimiter', guards: explainRateLimiter(d.parts.rateLimiter) };
    if (d.parts.retryBudget?.id === id) return { ...base, kind: 'retryBudget', guards: explainRetryBudget(d.parts.retryBudget) };
    const h = d.pool.health.find((x) => x.id === id);
    if (h) return { ...base, kind: 'backendHealth', guards: explainHealth(h, now) };
  }
  return null;
}

/** The knobs of a `set` target with their JSON Schema ranges and current values. */
export function knobsFor(sim: Simulation, target: string): KnobInfo[] {
  const resolved = resolveKnobTarget(sim.scenario, target);
  if (typeof resolved === 'string') return [];
  const dep = resolved.dependency ? sim.deps.find((d) => d.id === resolved.dependency) : undefined;
  const current = (name: string): number | boolean | string | null => {
    switch (resolved.kind) {
      case 'workload':
        return name === 'ratePerSec' ? sim.currentRatePerSec() : null;
      case 'pool':
      case 'dependency':
        if (name === 'cancelOnTimeout') return dep!.cancelOnTimeout;
        return (dep!.backends[0].spec as unknown as Record<string, number>)[name] ?? null;
      case 'instance':
        return (dep!.backends[resolved.instance!].spec as unknown as Record<string, number>)[name] ?? null;
      case 'policy':
        return ((dep!.parts.policies[resolved.policyIndex!] as unknown as Record<string, number | boolean | string>)[name] ?? null) as never;
    }
  };
  return Object.entries(resolved.knobs).map(([name, schema]) => {
    const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const inner = (Array.isArray(js.anyOf) ? (js.anyOf as Record<string, unknown>[]).find((x) => x.type !== 'null') : js) ?? js;
    const type = Array.isArray(inner.enum) ? 'enum' : inner.type === 'boolean' ? 'boolean' : inner.type === 'integer' ? 'integer' : 'number';
    return {
      name,
      type,
      min: typeof inner.minimum === 'number' ? inner.minimum : undefined,
      max: typeof inner.maximum === 'number' ? inner.maximum : undefined,
      options: Array.isArray(inner.enum) ? (inner.enum as string[]) : undefined,
      value: current(name),
      description: String(inner.description ?? js.description ?? ''),
    };
  });
}

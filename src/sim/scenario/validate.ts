/**
 * Reading a scenario: JSON text → schema check → cross-field checks. Every problem comes back
 * with the file, the field path and what was expected.
 */
import { z } from 'zod';
import { fromZodIssues, ScenarioError, suggest, type ScenarioIssue } from './errors';
import { parseJsonText } from './jsonText';
import { resolveKnobTarget } from './knobs';
import { machineCatalog, type MachineInfo } from './machines';
import { ScenarioSchema, type Scenario } from './schema';
import { TimelineEntrySchema, type TimelineEntry } from './timeline';

/** Parses scenario JSON text; `source` names it in errors (a file path, "link", "import"). */
export function parseScenarioText(text: string, source: string): Scenario {
  return parseScenario(parseJsonText(text, source), source);
}

/** Validates a parsed JSON value as a scenario, filling in defaults. */
export function parseScenario(data: unknown, source: string): Scenario {
  if (data && typeof data === 'object' && 'version' in data && (data as { version: unknown }).version !== 1) {
    const v = (data as { version: unknown }).version;
    throw new ScenarioError(source, [
      { path: 'version', message: `this build reads scenario format version 1, got ${JSON.stringify(v)}` },
    ]);
  }
  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new ScenarioError(source, fromZodIssues(result.error.issues, knownKeysAt));
  }
  const issues = crossCheck(result.data);
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return result.data;
}

/** Like parseScenario, but returns the error instead of throwing. */
export function tryParseScenario(data: unknown, source: string): { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError } {
  try {
    return { ok: true, scenario: parseScenario(data, source) };
  } catch (err) {
    if (err instanceof ScenarioError) return { ok: false, error: err };
    throw err;
  }
}

/** Keys the schema knows at a path, for "did you mean" hints (reads the JSON Schema once). */
let jsonSchemaCache: Record<string, unknown> | undefined;
function knownKeysAt(path: ReadonlyArray<PropertyKey>, input: unknown): string[] {
  jsonSchemaCache ??= z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const keys = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (depth === path.length) {
      if (n.properties && typeof n.properties === 'object') {
        const props = n.properties as Record<string, { const?: unknown }>;
        // For discriminated unions only the member that matches the input's discriminators counts.
        const matches = Object.entries(props).every(([k, p]) => p.const === undefined || (input as Record<string, unknown>)?.[k] === p.const);
        if (matches) for (const k of Object.keys(props)) keys.add(k);
      }
      for (const alt of [n.oneOf, n.anyOf, n.allOf]) if (Array.isArray(alt)) for (const a of alt) visit(a, depth);
      return;
    }
    const step = path[depth];
    for (const alt of [n.oneOf, n.anyOf, n.allOf]) if (Array.isArray(alt)) for (const a of alt) visit(a, depth);
    if (typeof step === 'number' && n.items) visit(n.items, depth + 1);
    if (typeof step === 'string' && n.properties) visit((n.properties as Record<string, unknown>)[step], depth + 1);
  };
  visit(jsonSchemaCache, 0);
  return [...keys];
}

/** Checks that need the whole scenario: ids, references, knob names and values. */
function crossCheck(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const depIds = new Set<string>();
  s.dependencies.forEach((d, i) => {
    if (depIds.has(d.id)) issues.push({ path: `dependencies[${i}].id`, message: `duplicate dependency id "${d.id}"` });
    depIds.add(d.id);
    const overrides = d.backends.instances?.length ?? 0;
    if (overrides > d.backends.count) {
      issues.push({
        path: `dependencies[${i}].backends.instances`,
        message: `${overrides} overrides for a pool of ${d.backends.count} instances`,
      });
    }
    const seen = new Map<string, number>();
    d.pipeline.forEach((p, j) => {
      const n = (seen.get(p.type) ?? 0) + 1;
      seen.set(p.type, n);
      const max = p.type === 'timeout' ? 2 : 1;
      if (n > max) {
        issues.push({
          path: `dependencies[${i}].pipeline[${j}]`,
          message: p.type === 'timeout' ? 'at most two timeouts (one per attempt, one overall)' : `at most one ${p.type} per dependency`,
        });
      }
    });
  });

  const sagaIds = new Set<string>();
  s.sagas.forEach((saga, i) => {
    if (sagaIds.has(saga.id)) issues.push({ path: `sagas[${i}].id`, message: `duplicate saga id "${saga.id}"` });
    sagaIds.add(saga.id);
    // Richardson's order: compensatable steps, then at most one pivot, then retriable steps.
    const rank = { compensatable: 0, pivot: 1, retriable: 2 } as const;
    let previousRank = 0;
    let pivots = 0;
    saga.steps.forEach((step, j) => {
      const path = `sagas[${i}].steps[${j}]`;
      if (rank[step.kind] < previousRank) {
        issues.push({ path: `${path}.kind`, message: `a ${step.kind} step cannot come after a ${saga.steps[j - 1].kind} step (order: compensatable steps, one pivot, retriable steps)` });
      }
      previousRank = Math.max(previousRank, rank[step.kind]);
      if (step.kind === 'pivot' && ++pivots > 1) issues.push({ path: `${path}.kind`, message: 'a saga has at most one pivot step' });
      if (step.kind === 'compensatable' && !step.compensation) issues.push({ path: `${path}.compensation`, message: 'is required: a compensatable step needs a compensation' });
      if (step.kind !== 'compensatable' && step.compensation) issues.push({ path: `${path}.compensation`, message: `a ${step.kind} step is never compensated; remove it or make the step compensatable` });
      if (step.kind === 'retriable' && step.businessFailureProbability > 0) {
        issues.push({ path: `${path}.businessFailureProbability`, message: 'a retriable step comes after the pivot and must not fail for a business reason; expected 0' });
      }
      if (!depIds.has(step.dependency)) issues.push(unknownRef(`sagas[${i}].steps[${j}].dependency`, 'dependency', step.dependency, depIds));
      if (step.compensation && !depIds.has(step.compensation.dependency)) {
        issues.push(unknownRef(`sagas[${i}].steps[${j}].compensation.dependency`, 'dependency', step.compensation.dependency, depIds));
      }
    });
  });

  let lastAt = -1;
  s.workload.rateChanges.forEach((c, i) => {
    if (c.atMs < lastAt) issues.push({ path: `workload.rateChanges[${i}].atMs`, message: `rate changes must be in time order (${c.atMs} comes after ${lastAt})` });
    lastAt = c.atMs;
  });
  s.workload.targets?.forEach((t, i) => {
    if (t.dependency !== undefined && !depIds.has(t.dependency)) issues.push(unknownRef(`workload.targets[${i}].dependency`, 'dependency', t.dependency, depIds));
    if (t.saga !== undefined && !sagaIds.has(t.saga)) issues.push(unknownRef(`workload.targets[${i}].saga`, 'saga', t.saga, sagaIds));
  });
  if (s.workload.targets && s.workload.targets.every((t) => t.weight === 0)) {
    issues.push({ path: 'workload.targets', message: 'at least one target needs a weight above 0' });
  }

  const machines = new Map(machineCatalog(s).map((m) => [m.id, m]));
  s.timeline.forEach((entry, i) => issues.push(...checkEntryRefs(s, entry, `timeline[${i}]`, machines)));

  s.expect.forEach((e, i) => {
    const path = `expect[${i}]`;
    if (e.type === 'metric') {
      if (e.dependency !== undefined && !depIds.has(e.dependency)) issues.push(unknownRef(`${path}.dependency`, 'dependency', e.dependency, depIds));
      if (e.toMs !== undefined && e.toMs <= e.fromMs) issues.push({ path: `${path}.toMs`, message: `must be after fromMs (${e.fromMs})` });
      return;
    }
    const m = machines.get(e.machine);
    if (!m) {
      issues.push(unknownRef(`${path}.machine`, 'machine', e.machine, machines.keys()));
    } else if (!m.states.includes(e.state)) {
      issues.push({ path: `${path}.state`, message: `expected one of ${m.states.map((x) => `"${x}"`).join(', ')}, got "${e.state}"` });
    }
  });
  return issues;
}

/** Checks a timeline entry's references (target, knob, value, machine) against the scenario. */
function checkEntryRefs(s: Scenario, entry: TimelineEntry, path: string, machines: Map<string, MachineInfo>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (entry.type === 'fault') {
    const problem = checkFaultTarget(s, entry.target);
    if (problem) issues.push({ path: `${path}.target`, message: problem });
  } else if (entry.type === 'set') {
    const target = resolveKnobTarget(s, entry.target);
    if (typeof target === 'string') {
      issues.push({ path: `${path}.target`, message: target });
    } else if (!(entry.knob in target.knobs)) {
      const hint = suggest(entry.knob, Object.keys(target.knobs));
      issues.push({
        path: `${path}.knob`,
        message: `"${entry.target}" has no knob "${entry.knob}"${hint ? ` (did you mean "${hint}"?)` : ''}; it has ${Object.keys(target.knobs).join(', ')}`,
      });
    } else {
      const r = target.knobs[entry.knob].safeParse(entry.value, { reportInput: true });
      if (!r.success) for (const issue of fromZodIssues(r.error.issues)) issues.push({ path: `${path}.value`, message: issue.message });
    }
  } else if (entry.type === 'force') {
    if (!machines.has(entry.machine)) issues.push(unknownRef(`${path}.machine`, 'machine', entry.machine, machines.keys()));
  }
  return issues;
}

/**
 * Validates one timeline entry (a live command from the page or a test) against a loaded
 * scenario; `source` names it in the error.
 */
export function parseTimelineEntry(scenario: Scenario, data: unknown, source: string): TimelineEntry {
  const r = TimelineEntrySchema.safeParse(data, { reportInput: true });
  if (!r.success) throw new ScenarioError(source, fromZodIssues(r.error.issues, (path, input) => knownKeysAt(['timeline', 0, ...path], input)));
  const issues = checkEntryRefs(scenario, r.data, '', new Map(machineCatalog(scenario).map((m) => [m.id, m])));
  if (issues.length) throw new ScenarioError(source, issues.map((i) => ({ ...i, path: i.path.replace(/^\./, '') })));
  return r.data;
}

function unknownRef(path: string, what: string, value: string, known: Iterable<string>): ScenarioIssue {
  const list = [...known];
  const hint = suggest(value, list);
  return {
    path,
    message: `unknown ${what} "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}${list.length ? `; known: ${list.join(', ')}` : `; the scenario has no ${what}s`}`,
  };
}

/** Explains why a fault target does not exist, or returns undefined when it does. */
export function checkFaultTarget(s: Scenario, target: string): string | undefined {
  const m = /^([^/]+)(?:\/(\d+))?$/.exec(target);
  const dep = m ? s.dependencies.find((d) => d.id === m[1]) : undefined;
  if (!m || !dep) {
    const ids = s.dependencies.map((d) => d.id);
    const hint = suggest(m?.[1] ?? target, ids);
    return `unknown fault target "${target}"${hint ? ` (did you mean "${hint}"?)` : ''}: expected a dependency id (${ids.join(', ')}) or <dependency>/<index>`;
  }
  if (m[2] !== undefined && Number(m[2]) >= dep.backends.count) {
    return `unknown fault target "${target}": "${dep.id}" has instances 0–${dep.backends.count - 1}`;
  }
  return undefined;
}

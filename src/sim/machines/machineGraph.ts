/**
 * A machine's statechart read from its own definition: the visible states and every transition
 * that can move between them. Transient nodes (an `initializing` or `sorting` node that leaves at
 * once through eventless transitions) are not drawn: a transition into one is followed through
 * them to the visible states it can end in, with the guards met on the way.
 */
import { and, not, or, type AnyStateMachine, type AnyStateNode, type AnyTransitionDefinition } from 'xstate';
import type { MachineGraph, MachineGraphEdge } from './graphTypes';

/** Eventless hops followed through transient nodes before giving up (the machines here need at most four). */
const MAX_HOPS = 8;

/** Inline function guards have no name worth showing. */
const INLINE_GUARD = 'condition';

// Higher-order guards are functions told apart by their `check`; names would not survive minification.
const checkOf = (guard: unknown): unknown => (guard as { check?: unknown }).check;
const NOT_CHECK = checkOf(not('x'));
const AND_CHECK = checkOf(and(['x']));
const OR_CHECK = checkOf(or(['x']));

/** A guard as names: `{ type }` or a string by its name, `not(x)` as "not x", `and` as its parts, an inline function as "condition". */
function guardNames(guard: unknown): string[] {
  if (guard === undefined || guard === null) return [];
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function') {
    const check = checkOf(guard);
    const inner = ((guard as { guards?: unknown[] }).guards ?? []).map((g) => guardNames(g).join(' and '));
    if (check === NOT_CHECK) return [`not ${inner.join(' and ')}`];
    if (check === AND_CHECK) return inner;
    if (check === OR_CHECK) return [inner.join(' or ')];
    return [INLINE_GUARD];
  }
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return [(guard as { type: string }).type];
  return [INLINE_GUARD];
}

/** The event of a transition in words: its type, "after <delay>" for a delayed one, "always" for an eventless one. */
function eventLabel(t: AnyTransitionDefinition): string {
  const type = String(t.eventType ?? '');
  if (type === '') return 'always';
  if (type.startsWith('xstate.after.')) {
    // Delayed transitions carry their delay: a name from `delays` or a number of milliseconds.
    const delay = (t as { delay?: unknown }).delay;
    if (typeof delay === 'number') return `after ${delay} ms`;
    if (typeof delay === 'string') return `after ${delay}`;
    const suffix = `.${t.source.id}`;
    const rest = type.slice('xstate.after.'.length);
    return `after ${rest.endsWith(suffix) ? rest.slice(0, -suffix.length) : rest}`;
  }
  return type;
}

interface Reached {
  state: string;
  guards: string[];
}

/** Walks a machine for one set of visible states. */
class GraphWalker {
  constructor(private readonly visible: ReadonlySet<string>) {}

  /** The visible state a node belongs to: itself or its nearest visible ancestor (the root never counts). */
  visibleOf(node: AnyStateNode): string | undefined {
    for (let n: AnyStateNode | undefined = node; n?.parent; n = n.parent) if (this.visible.has(n.key)) return n.key;
    return undefined;
  }

  /** Visible states that entering `node` can settle in, following initial children and eventless transitions. */
  reach(node: AnyStateNode, guards: string[], path: ReadonlySet<string> = new Set(), out: Reached[] = []): Reached[] {
    const state = this.visibleOf(node);
    if (state !== undefined) {
      out.push({ state, guards });
      return out;
    }
    if (path.has(node.id) || path.size >= MAX_HOPS) return out;
    const next = new Set(path).add(node.id);
    if (node.type === 'compound') {
      for (const child of node.initial.target) this.reach(child, guards, next, out);
      return out;
    }
    if (node.type === 'parallel') {
      for (const region of Object.values<AnyStateNode>(node.states)) this.reach(region, guards, next, out);
      return out;
    }
    // An atomic node is left by its own eventless transitions or its ancestors'.
    for (let n: AnyStateNode | undefined = node; n; n = n.parent) {
      for (const t of n.always ?? []) {
        for (const target of t.target ?? []) this.reach(target, [...guards, ...guardNames(t.guard)], next, out);
      }
    }
    return out;
  }

  /** Transitions that apply in `node`: its own and its ancestors' (a parent's `on` applies to its children). */
  *transitionsFrom(node: AnyStateNode): Generator<[AnyTransitionDefinition, string]> {
    for (let n: AnyStateNode | undefined = node; n; n = n.parent) {
      for (const list of n.transitions.values()) for (const t of list) yield [t, eventLabel(t)];
      for (const t of n.always ?? []) yield [t, 'always'];
    }
  }
}

/** Every state node under `node`, depth first in definition order. */
function* descendants(node: AnyStateNode): Generator<AnyStateNode> {
  for (const child of Object.values<AnyStateNode>(node.states)) {
    yield child;
    yield* descendants(child);
  }
}

/**
 * The statechart of `machine` over `visibleStates` (state keys, wherever nested): an edge for every
 * transition that can move from one visible state to another (or to itself), deduplicated.
 */
export function machineGraph(kind: string, machine: AnyStateMachine, visibleStates: readonly string[]): MachineGraph {
  const visible = new Set(visibleStates);
  const nodes = [...descendants(machine.root)].filter((n) => visible.has(n.key));
  const states = [...new Set(nodes.map((n) => n.key))];
  const missing = visibleStates.filter((s) => !states.includes(s));
  if (missing.length > 0) {
    const known = [...new Set([...descendants(machine.root)].map((n) => n.key))].join(', ');
    throw new Error(`machineGraph(${kind}): ${missing.join(', ')} not found in machine "${machine.id}"; its states are ${known}`);
  }

  const walker = new GraphWalker(visible);
  const edges: MachineGraphEdge[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    for (const [t, event] of walker.transitionsFrom(node)) {
      for (const target of t.target ?? []) {
        for (const { state, guards } of walker.reach(target, guardNames(t.guard))) {
          const key = `${node.key}|${state}|${event}|${guards.join(',')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          edges.push({ from: node.key, to: state, event, guards });
        }
      }
    }
  }

  // A transient start whose inline guards pick a configured initial state (the breaker's
  // initialState) falls through to its unguarded default; prefer the path without inline guards.
  const starts = walker.reach(machine.root, []);
  const start = starts.find((r) => !r.guards.includes(INLINE_GUARD)) ?? starts[0];
  return { kind, states, initial: start?.state ?? states[0], edges };
}

import { describe, expect, it } from 'vitest';
import { backendHealthMachine } from '../../sim/machines/backendHealthMachine';
import { bulkheadMachine } from '../../sim/machines/bulkheadMachine';
import { circuitBreakerMachine } from '../../sim/machines/circuitBreakerMachine';
import type { MachineGraph } from '../../sim/machines/graphTypes';
import { machineGraph } from '../../sim/machines/machineGraph';
import { rateLimiterMachine } from '../../sim/machines/rateLimiterMachine';
import { retryBudgetMachine } from '../../sim/machines/retryBudgetMachine';
import { sagaCoordinatorMachine } from '../../sim/machines/sagaCoordinatorMachine';
import {
  boxRect,
  commandOnlyStates,
  defaultSize,
  edgeGeometry,
  fitLayout,
  fromAnywhereEvents,
  groupEdges,
  labelIssues,
  layoutGraph,
  layoutStates,
  rectsOverlap,
  sharedEventPrefixes,
  sharedLine,
  stateLayers,
  terminalStates,
  type StateBox,
} from './layout';

const BREAKER = ['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN'];
const graphs: MachineGraph[] = [
  machineGraph('circuitBreaker', circuitBreakerMachine, BREAKER),
  machineGraph('bulkhead', bulkheadMachine, ['AVAILABLE', 'SATURATED', 'FULL']),
  machineGraph('rateLimiter', rateLimiterMachine, ['PERMITS_AVAILABLE', 'EXHAUSTED']),
  machineGraph('rateLimiter', rateLimiterMachine, ['TOKENS_AVAILABLE', 'EMPTY']),
  machineGraph('retryBudget', retryBudgetMachine, ['RETRIES_ALLOWED', 'RETRIES_REFUSED']),
  machineGraph('backendHealth', backendHealthMachine, ['HEALTHY', 'WARMING', 'UNHEALTHY', 'EJECTED']),
  machineGraph('sagaCoordinator', sagaCoordinatorMachine, ['EXECUTING', 'COMPENSATING', 'COMMITTED', 'COMPENSATED', 'STUCK']),
];
const [breaker, , fixedWindow, , , health, saga] = graphs;

const inside = (b: StateBox, w: number, h: number) => b.x - b.w / 2 >= 0 && b.x + b.w / 2 <= w && b.y - b.h / 2 >= 0 && b.y + b.h / 2 <= h;

describe('layoutStates', () => {
  it('puts two states side by side and keeps every box inside the drawing', () => {
    const [a, b] = layoutStates(['PERMITS_AVAILABLE', 'EXHAUSTED'], 640, 200);
    expect(a.y).toBeCloseTo(b.y, 6);
    expect(a.x).toBeLessThan(b.x);
    for (let n = 1; n <= 6; n++) {
      const { width, height } = defaultSize(n);
      const boxes = layoutStates(BREAKER.slice(0, n), width, height);
      for (const box of boxes) expect(inside(box, width, height)).toBe(true);
    }
  });

  it('is deterministic', () => {
    expect(layoutStates(BREAKER, 640, 360)).toEqual(layoutStates(BREAKER, 640, 360));
  });
});

describe('layoutGraph', () => {
  it.each(graphs.map((g) => [`${g.kind} ${g.states.join(' ')}`, g] as const))('draws %s tidily', (_, graph) => {
    const { width, height } = defaultSize(graph.states.length);
    const { boxes, edges } = layoutGraph(graph, width, height);
    expect(boxes.map((b) => b.state).sort()).toEqual([...graph.states].sort());
    // The initial state sits on the left, where its marker is drawn; states only a command reaches in a row below.
    expect(boxes[0].state).toBe(graph.initial);
    const main = boxes.filter((b) => !b.side);
    expect(Math.min(...main.map((b) => b.x))).toBe(boxes[0].x);
    for (const b of boxes.filter((x) => x.side)) expect(b.y).toBeGreaterThan(Math.max(...main.map((m) => m.y)));
    for (const [i, a] of boxes.entries()) {
      expect(inside(a, width, height)).toBe(true);
      for (const b of boxes.slice(i + 1)) expect(rectsOverlap(boxRect(a, 8), boxRect(b, 8)), `${a.state} and ${b.state}`).toBe(false);
    }
    // Labels stay inside, off the boxes and off each other.
    const labels = edges.flatMap((e) => (e.geo.labelBox ? [{ name: `${e.group.from}→${e.group.to}`, r: e.geo.labelBox }] : []));
    for (const [i, { name, r }] of labels.entries()) {
      expect(r.x0 >= 0 && r.y0 >= 0 && r.x1 <= width && r.y1 <= height, `${name} inside`).toBe(true);
      for (const b of boxes) expect(rectsOverlap(r, boxRect(b)), `${name} on ${b.state}`).toBe(false);
      for (const o of labels.slice(i + 1)) expect(rectsOverlap(r, o.r), `${name} on ${o.name}`).toBe(false);
    }
    // Arrows do not run through boxes they do not join.
    for (const e of edges) {
      for (const b of boxes) {
        if (b.state === e.group.from || b.state === e.group.to) continue;
        expect(e.geo.samples.some((p) => Math.abs(p.x - b.x) < b.w / 2 && Math.abs(p.y - b.y) < b.h / 2), `${e.group.from}→${e.group.to} through ${b.state}`).toBe(false);
      }
    }
    expect(layoutGraph(graph, width, height)).toEqual(layoutGraph(graph, width, height));
  });

  it('draws tidily in the lab’s statechart panel: nearly full size at 1440×900 (about 554×154), at most a little smaller at 1280×800 (about 500×135)', () => {
    for (const graph of graphs) {
      const large = fitLayout(graph, 554, 154);
      expect(labelIssues(large, large.width, large.height), `${graph.kind} at 554×154`).toEqual([]);
      expect(554 / large.width, graph.kind).toBeGreaterThanOrEqual(0.85);
      const small = fitLayout(graph, 500, 135);
      expect(labelIssues(small, small.width, small.height), `${graph.kind} at 500×135`).toEqual([]);
      expect(500 / small.width, graph.kind).toBeGreaterThanOrEqual(0.72);
      // Drawn for a box of the same shape, so it fills the panel.
      expect(small.width / small.height).toBeCloseTo(500 / 135, 1);
    }
  });

  it('draws a command’s arrows (FORCE) only once taken, under the machine’s own', () => {
    expect(layoutGraph(breaker, 640, 360).edges.some((e) => e.group.background)).toBe(false);
    const { edges, captionY } = layoutGraph(breaker, 640, 360, new Set(['CLOSED→DISABLED']));
    expect(edges.filter((e) => e.group.background).map((e) => `${e.group.from}→${e.group.to}`)).toEqual(['CLOSED→DISABLED']);
    expect(edges[0].group.background).toBe(true);
    expect(captionY).not.toBeNull();
    expect(layoutGraph(health, 640, 360).captionY).toBeNull();
  });

  it('sets the states only a command reaches apart, and draws a saga left to right towards its final states', () => {
    expect([...commandOnlyStates(breaker)]).toEqual(['DISABLED', 'METRICS_ONLY', 'FORCED_OPEN']);
    expect([...commandOnlyStates(health)]).toEqual([]);
    expect(stateLayers(saga, saga.states)).toEqual([['EXECUTING'], ['COMPENSATING'], ['COMMITTED', 'COMPENSATED', 'STUCK']]);
    expect(stateLayers(breaker, ['CLOSED', 'OPEN', 'HALF_OPEN'])).toEqual([['CLOSED'], ['OPEN'], ['HALF_OPEN']]);
  });
});

/** How far a point lies outside a box (negative: inside). */
const outsideBy = (b: StateBox, x: number, y: number) => Math.max(Math.abs(x - b.x) - b.w / 2, Math.abs(y - b.y) - b.h / 2);

describe('edgeGeometry', () => {
  const a: StateBox = { state: 'A', x: 100, y: 100, w: 80, h: 30 };
  const b: StateBox = { state: 'B', x: 400, y: 100, w: 80, h: 30 };

  it('bows the two directions between a pair to opposite sides, labels beside their own line', () => {
    const there = edgeGeometry(a, b, ['GO']);
    const back = edgeGeometry(b, a, ['BACK']);
    expect(there.label.y).toBeGreaterThan(100 + 15);
    expect(back.label.y).toBeLessThan(100 - 15);
    expect(there.d).not.toBe(back.d);
    // The line starts at A's border and the arrowhead's tip is at B's border (with a small gap).
    const [sx, sy] = there.d.slice(1).split(/[ ,]/).map(Number);
    const [tx, ty] = there.head.split(/[ ,]/).map(Number);
    expect(outsideBy(a, sx, sy)).toBeGreaterThanOrEqual(0);
    expect(outsideBy(a, sx, sy)).toBeLessThan(3);
    expect(outsideBy(b, tx, ty)).toBeGreaterThanOrEqual(0);
    expect(outsideBy(b, tx, ty)).toBeLessThan(3);
  });

  it('draws a self-loop above the box with its label over it', () => {
    const loop = edgeGeometry(a, a, ['STEP.SUCCEEDED']);
    expect(loop.d).toContain(' C');
    expect(loop.labelBox!.y1).toBeLessThan(a.y - a.h / 2 - 20);
    expect(Math.abs(loop.label.x - a.x)).toBeLessThan(1);
  });

  it('slides a label along its arrow', () => {
    expect(edgeGeometry(a, b, ['GO'], 0.3).label.x).toBeLessThan(edgeGeometry(a, b, ['GO'], 0.5).label.x);
  });
});

describe('edge groups', () => {
  it('shows the machine’s own events on an arrow and keeps commands from any state in the background', () => {
    expect([...fromAnywhereEvents(breaker)]).toEqual(['FORCE']);
    const groups = new Map(groupEdges(breaker).map((g) => [`${g.from}→${g.to}`, g]));
    expect(groups.get('OPEN→HALF_OPEN')).toMatchObject({ shown: ['PERMIT.REQUESTED', 'after waitInOpen'], background: false });
    expect(groups.get('OPEN→HALF_OPEN')!.transitions.map((t) => t.event).sort()).toEqual(['FORCE', 'PERMIT.REQUESTED', 'after waitInOpen']);
    expect(groups.get('HALF_OPEN→OPEN')!.shown).toEqual(['after maxWaitInHalfOpen', 'always']);
    expect(groups.get('HALF_OPEN→OPEN')!.lines).toEqual(['after maxWaitInHalfOpen', 'thresholds exceeded']);
    expect(groupEdges(fixedWindow).find((g) => g.from === 'PERMITS_AVAILABLE' && g.to === 'EXHAUSTED')!.lines).toEqual(['not permit left in cycle']);
    expect(groups.get('CLOSED→DISABLED')).toMatchObject({ shown: [], background: true });
    expect(groups.has('CLOSED→HALF_OPEN')).toBe(false);
    expect([...fromAnywhereEvents(fixedWindow)]).toEqual(['CONFIG.UPDATED']);
    expect([...fromAnywhereEvents(health)]).toEqual([]);
  });

  it('finds a line every arrow shares, and an event family a state is left on', () => {
    expect(sharedLine(graphs[1])).toEqual({ line: 'counts call for', guards: ['countsCallFor'] });
    expect(groupEdges(graphs[1]).every((g) => g.lines.length === 0)).toBe(true);
    expect(sharedLine(breaker)).toBeNull();
    expect([...sharedEventPrefixes(saga)]).toEqual([
      ['EXECUTING', 'STEP.'],
      ['COMPENSATING', 'COMPENSATION.'],
    ]);
    expect(sharedEventPrefixes(health).size).toBe(0);
  });

  it('finds the states with no way out', () => {
    expect([...terminalStates(saga)]).toEqual(['COMMITTED', 'COMPENSATED', 'STUCK']);
    expect([...terminalStates(breaker)]).toEqual([]);
  });
});

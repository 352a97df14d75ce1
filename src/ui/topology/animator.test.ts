import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../sim/scenario/schema';
import { MAX_DOTS, TripAnimator, TRIP_MS, type DotSurface } from './animator';
import { topologyLayout, type Rect } from './layout';
import { pointAt, tripRoute, type Trip } from './routes';

const scenario = ScenarioSchema.parse({
  version: 1,
  id: 't',
  name: 't',
  durationMs: 1000,
  workload: { ratePerSec: 50 },
  dependencies: [
    { id: 'payments', backends: { count: 20 }, pipeline: [{ type: 'retry' }, { type: 'circuitBreaker' }, { type: 'timeout', timeoutMs: 100 }] },
  ],
});
const layout = topologyLayout(scenario, 700, 300);
const node = (id: string) => layout.nodeById.get(id)!;
const within = (r: Rect, p: { x: number; y: number }) => p.x >= r.x - 0.5 && p.x <= r.x + r.w + 0.5 && p.y >= r.y - 0.5 && p.y <= r.y + r.h + 0.5;
const end = (t: Trip) => {
  const route = tripRoute(layout, t)!;
  return pointAt(route, route.length, { x: 0, y: 0, inside: false });
};

describe('tripRoute', () => {
  it('runs a saga request to the saga, and a saga step on to its backend', () => {
    const sagaScenario = ScenarioSchema.parse({
      version: 1,
      id: 's',
      name: 's',
      durationMs: 1000,
      workload: { ratePerSec: 5, targets: [{ saga: 'order' }] },
      dependencies: [{ id: 'stock' }, { id: 'pay', backends: { count: 2 } }],
      sagas: [{ id: 'order', steps: [{ id: 'reserve', dependency: 'stock', kind: 'compensatable' }, { id: 'charge', dependency: 'pay', kind: 'pivot' }] }],
    });
    const l = topologyLayout(sagaScenario, 700, 300);
    const at = (t: Trip) => {
      const r = tripRoute(l, t)!;
      return pointAt(r, r.length, { x: 0, y: 0, inside: false });
    };
    expect(within(l.nodeById.get('saga:order')!, at({ dep: -1, backend: -1, outcome: 'success', saga: 0 }))).toBe(true);
    const step = tripRoute(l, { dep: 1, backend: 1, outcome: 'failure', saga: 0 })!;
    const middle = pointAt(step, step.cum[step.inside.indexOf(1)] + 1, { x: 0, y: 0, inside: false });
    expect(within(l.nodeById.get('saga:order')!, middle)).toBe(true);
    expect(within(l.nodeById.get('backend:pay/1')!, at({ dep: 1, backend: 1, outcome: 'failure', saga: 0 }))).toBe(true);
    expect(tripRoute(l, { dep: -1, backend: -1, outcome: 'success' })).toBeNull();
  });

  it('runs a served request to its backend, and one beyond the 12 drawn to the "+N more" node', () => {
    const start = pointAt(tripRoute(layout, { dep: 0, backend: 3, outcome: 'success' })!, 0, { x: 0, y: 0, inside: false });
    expect(within(node('client'), start)).toBe(true);
    expect(within(node('backend:payments/3'), end({ dep: 0, backend: 3, outcome: 'success' }))).toBe(true);
    expect(within(node('more:payments'), end({ dep: 0, backend: 17, outcome: 'failure' }))).toBe(true);
  });

  it('turns a rejected request back inside the dependency, at the policy that refused it', () => {
    const dep = layout.nodeById.get('dep:payments');
    if (dep?.kind !== 'dependency') throw new Error('no dependency node');
    const at = end({ dep: 0, backend: -1, outcome: 'rejected', rejectedBy: 'circuitBreaker' });
    expect(within(dep.chips[1], at)).toBe(true);
    expect(within(dep, end({ dep: 0, backend: -1, outcome: 'rejected', rejectedBy: 'bulkhead' }))).toBe(true);
    expect(within(dep, end({ dep: 0, backend: -1, outcome: 'fallback' }))).toBe(true);
    // Shed by a full backend queue: it did reach the backend.
    expect(within(node('backend:payments/1'), end({ dep: 0, backend: 1, outcome: 'rejected', rejectedBy: 'shed' }))).toBe(true);
    // Shed by the client: it barely leaves the client.
    const shed = end({ dep: 0, backend: -1, outcome: 'rejected', rejectedBy: 'client' });
    expect(shed.x - (node('client').x + node('client').w)).toBeLessThanOrEqual(15);
    expect(shed.x).toBeLessThan(dep.x);
    expect(tripRoute(layout, { dep: 5, backend: 0, outcome: 'success' })).toBeNull();
  });

  it('marks where a request crosses a node, so the dot is drawn faint over its text', () => {
    const served = tripRoute(layout, { dep: 0, backend: 0, outcome: 'success' })!;
    const dep = node('dep:payments');
    const p = { x: 0, y: 0, inside: false };
    // Half way through the dependency box, and on the edge just before it.
    const cum = Array.from(served.cum);
    const enter = cum[served.inside.indexOf(1)];
    const leave = cum[served.inside.indexOf(1) + 1];
    expect(within(dep, pointAt(served, (enter + leave) / 2, p))).toBe(true);
    expect(p.inside).toBe(true);
    expect(pointAt(served, enter - 5, p).inside).toBe(false);
    expect(Array.from(served.inside).filter(Boolean)).toHaveLength(2); // the dependency and the balancer
    const refused = tripRoute(layout, { dep: 0, backend: -1, outcome: 'rejected', rejectedBy: 'circuitBreaker' })!;
    expect(pointAt(refused, refused.length, p).inside).toBe(true);
  });
});

class Recorder implements DotSurface {
  fillStyle: DotSurface['fillStyle'] = '';
  globalAlpha = 1;
  arcs = 0;
  fills: string[] = [];
  beginPath() {}
  moveTo() {}
  arc() {
    this.arcs++;
  }
  fill() {
    this.fills.push(String(this.fillStyle));
  }
}

const COLORS = ['green', 'red', 'purple', 'orange', 'blue'];

describe('TripAnimator', () => {
  it('moves a dot out and back within the trip time, coloured by outcome', () => {
    const a = new TripAnimator();
    a.setLayout(layout);
    expect(a.add([{ dep: 0, backend: 0, outcome: 'success' }, { dep: 0, backend: -1, outcome: 'rejected', rejectedBy: 'circuitBreaker' }], 1000)).toBe(2);
    const surface = new Recorder();
    const first = a.frame(surface, COLORS, 1300);
    expect(first.moving).toBe(2);
    expect(first.outcomes).toBe('success,rejected');
    expect(surface.fills).toEqual(['green', 'orange']);
    expect(a.frame(null, COLORS, 1000 + TRIP_MS.max + 300)).toEqual({ moving: 0, outcomes: '' });
    expect(a.alive).toBe(0);
  });

  it(`keeps at most ${MAX_DOTS} dots alive whatever the request rate`, () => {
    const a = new TripAnimator();
    a.setLayout(layout);
    const batch: Trip[] = Array.from({ length: 5000 }, (_, i) => ({ dep: 0, backend: i % 20, outcome: i % 3 === 0 ? 'failure' : 'success' }));
    let maxAlive = 0;
    for (let frame = 0; frame < 600; frame++) {
      const now = frame * 16.7;
      a.add(batch, now);
      const { moving } = a.frame(null, COLORS, now);
      maxAlive = Math.max(maxAlive, a.alive);
      expect(moving).toBeLessThanOrEqual(MAX_DOTS);
    }
    expect(maxAlive).toBeLessThanOrEqual(MAX_DOTS);
    expect(maxAlive).toBeGreaterThan(MAX_DOTS / 2);
    // Both outcomes of the batch show up in the sample.
    a.add(batch, 600 * 16.7);
    expect(a.frame(null, COLORS, 600 * 16.7 + 400).outcomes).toBe('success,failure');
  });

  it('drops its dots when the layout changes', () => {
    const a = new TripAnimator();
    a.setLayout(layout);
    a.add([{ dep: 0, backend: 0, outcome: 'timeout' }], 0);
    expect(a.alive).toBe(1);
    a.setLayout(topologyLayout(scenario, 900, 400));
    expect(a.alive).toBe(0);
  });
});

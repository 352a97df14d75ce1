import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from '../../sim/scenario/schema';
import { chooseGrid, fitText, MAX_DRAWN_BACKENDS, topologyLayout, type DependencyNode, type Rect, type TopologyLayout } from './layout';

const dep = (id: string, count: number, pipeline: unknown[] = []) => ({ id, backends: { count }, pipeline });

function scenario(dependencies: unknown[], extra: Record<string, unknown> = {}): Scenario {
  return ScenarioSchema.parse({ version: 1, id: 't', name: 't', durationMs: 1000, workload: { ratePerSec: 50 }, dependencies, ...extra });
}

const FULL_PIPELINE = [
  { type: 'fallback' },
  { type: 'retry', budget: { kind: 'envoy' } },
  { type: 'circuitBreaker' },
  { type: 'rateLimiter', kind: 'tokenBucket', maxTokens: 10, fillIntervalMs: 100 },
  { type: 'timeout', timeoutMs: 100 },
  { type: 'bulkhead', kind: 'semaphore' },
];

const inside = (r: Rect, w: number, h: number) => r.x >= -1e-6 && r.y >= -1e-6 && r.x + r.w <= w + 1e-6 && r.y + r.h <= h + 1e-6;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w - 1e-6 && b.x < a.x + a.w - 1e-6 && a.y < b.y + b.h - 1e-6 && b.y < a.y + a.h - 1e-6;
const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x - 1e-6 && inner.y >= outer.y - 1e-6 && inner.x + inner.w <= outer.x + outer.w + 1e-6 && inner.y + inner.h <= outer.y + outer.h + 1e-6;

function checkGeometry(layout: TopologyLayout, label: string) {
  const { width: w, height: h, nodes } = layout;
  for (const n of nodes) {
    expect(inside(n, w, h), `${label}: ${n.id} inside ${w}×${h}`).toBe(true);
    expect(n.w, `${label}: ${n.id} width`).toBeGreaterThan(0);
    expect(n.h, `${label}: ${n.id} height`).toBeGreaterThan(0);
  }
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) expect(overlap(nodes[i], nodes[j]), `${label}: ${nodes[i].id} overlaps ${nodes[j].id}`).toBe(false);
  }
  for (const n of nodes) {
    if (n.kind !== 'dependency') continue;
    const chips: Rect[] = [...n.chips, ...(n.moreChip ? [n.moreChip] : [])];
    for (const c of chips) expect(contains(n, c), `${label}: chip of ${n.id} inside it`).toBe(true);
    for (let i = 0; i < chips.length; i++) for (let j = i + 1; j < chips.length; j++) expect(overlap(chips[i], chips[j])).toBe(false);
    expect(n.chips.length + n.hiddenChips, `${label}: every policy of ${n.id} is a chip or counted in +k`).toBe(n.chain ? n.chain.split(' → ').length : 0);
  }
  for (const e of layout.edges) {
    expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
    for (const p of e.points) expect(p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h, `${label}: edge ${e.id} inside`).toBe(true);
  }
}

const onBorder = (r: Rect, p: { x: number; y: number }) =>
  p.x >= r.x - 0.2 && p.x <= r.x + r.w + 0.2 && p.y >= r.y - 0.2 && p.y <= r.y + r.h + 0.2;

describe('topologyLayout', () => {
  it('fits 1–4 dependencies × 1–12 backends inside the box without overlaps, at several sizes', () => {
    const sizes: Array<[number, number]> = [
      [700, 300],
      [560, 240],
      [1000, 420],
      [1400, 520],
    ];
    for (const [w, h] of sizes) {
      for (let n = 1; n <= 4; n++) {
        for (const count of [1, 2, 5, 12]) {
          const s = scenario(Array.from({ length: n }, (_, i) => dep(`d${i}`, count, FULL_PIPELINE.slice(0, (i * 2 + 1) % 7))));
          const layout = topologyLayout(s, w, h);
          checkGeometry(layout, `${w}×${h}, ${n}×${count}`);
          expect(layout.width).toBe(w);
          expect(layout.height).toBe(h);
        }
      }
    }
  });

  it('draws every backend of pools of up to 12, and an edge to each', () => {
    for (let count = 1; count <= MAX_DRAWN_BACKENDS; count++) {
      const layout = topologyLayout(scenario([dep('payments', count)]), 700, 300);
      const backends = layout.nodes.filter((n) => n.kind === 'backend');
      expect(backends.map((b) => b.id)).toEqual(Array.from({ length: count }, (_, i) => `backend:payments/${i}`));
      expect(layout.nodeById.has('more:payments')).toBe(false);
      for (const b of backends) expect(layout.edgeById.has(`balancer:payments>${b.id}`)).toBe(true);
    }
  });

  it('collapses pools above 12 to 12 backends and a "+N more" node', () => {
    for (const count of [13, 100, 1000]) {
      const layout = topologyLayout(scenario([dep('payments', count), dep('orders', 3)]), 700, 300);
      const backends = layout.nodes.filter((n) => n.kind === 'backend' && n.depId === 'payments');
      expect(backends).toHaveLength(MAX_DRAWN_BACKENDS);
      const more = layout.nodeById.get('more:payments');
      expect(more?.kind).toBe('more');
      if (more?.kind === 'more') {
        expect(more.hidden).toBe(count - MAX_DRAWN_BACKENDS);
        expect(more.firstIndex).toBe(MAX_DRAWN_BACKENDS);
        expect(more.slots).toBe(10 * (count - MAX_DRAWN_BACKENDS));
      }
      expect(layout.edgeById.has('balancer:payments>more:payments')).toBe(true);
      checkGeometry(layout, `collapse ${count}`);
    }
    // Four pools of a thousand stay a bounded, non-overlapping drawing.
    const big = topologyLayout(scenario(['a', 'b', 'c', 'd'].map((id) => dep(id, 1000, FULL_PIPELINE))), 700, 300);
    expect(big.nodes.length).toBe(1 + 4 * (2 + 12 + 1));
    checkGeometry(big, '4×1000');
  });

  it('orders the columns client → dependency → balancer → backends, with the edges the requests follow', () => {
    const layout = topologyLayout(scenario([dep('payments', 3, FULL_PIPELINE.slice(1, 5))]), 700, 300);
    const client = layout.nodeById.get('client')!;
    const d = layout.nodeById.get('dep:payments')!;
    const bal = layout.nodeById.get('balancer:payments')!;
    const b0 = layout.nodeById.get('backend:payments/0')!;
    expect(client.x + client.w).toBeLessThan(d.x);
    expect(d.x + d.w).toBeLessThan(bal.x);
    expect(bal.x + bal.w).toBeLessThan(b0.x);
    for (const [from, to] of [
      ['client', 'dep:payments'],
      ['dep:payments', 'balancer:payments'],
      ['balancer:payments', 'backend:payments/0'],
      ['balancer:payments', 'backend:payments/2'],
    ]) {
      const e = layout.edgeById.get(`${from}>${to}`);
      expect(e, `${from}>${to}`).toBeDefined();
      expect(onBorder(layout.nodeById.get(from)!, e!.points[0])).toBe(true);
      expect(onBorder(layout.nodeById.get(to)!, e!.points[e!.points.length - 1])).toBe(true);
      expect(e!.d.startsWith('M')).toBe(true);
    }
  });

  it('lists the pipeline outermost first, with a state badge per stateful policy', () => {
    const s = scenario([dep('payments', 2, [{ type: 'retry' }, { type: 'circuitBreaker' }, { type: 'timeout', timeoutMs: 100 }])]);
    const node = topologyLayout(s, 700, 300).nodeById.get('dep:payments') as DependencyNode;
    expect(node.chain).toBe('retry → breaker → timeout');
    expect(node.chips.map((c) => [c.label, c.machineId])).toEqual([
      ['retry', null],
      ['breaker', 'payments.circuitBreaker'],
      ['timeout', null],
    ]);
    expect(node.footer).toBe(true);
    const full = topologyLayout(scenario([dep('payments', 2, FULL_PIPELINE)]), 700, 300).nodeById.get('dep:payments') as DependencyNode;
    expect(full.chips.map((c) => c.machineId).filter(Boolean)).toEqual([
      'payments.retryBudget',
      'payments.circuitBreaker',
      'payments.rateLimiter',
      'payments.bulkhead',
    ]);
  });

  it('stays legible at 700×300 with 4 dependencies × 12 backends', () => {
    const s = scenario(['a', 'b', 'c', 'd'].map((id) => dep(id, 12, [{ type: 'retry' }, { type: 'circuitBreaker' }, { type: 'timeout', timeoutMs: 100 }])));
    const layout = topologyLayout(s, 700, 300);
    for (const n of layout.nodes) {
      if (n.kind === 'backend') {
        expect(n.h).toBeGreaterThanOrEqual(14);
        expect(n.w).toBeGreaterThanOrEqual(40);
      }
      if (n.kind === 'dependency') {
        expect(n.chips).toHaveLength(3);
        expect(n.h).toBeGreaterThanOrEqual(40);
      }
    }
  });

  it('scales with the box', () => {
    const s = scenario([dep('payments', 6, [{ type: 'circuitBreaker' }])]);
    const small = topologyLayout(s, 600, 260);
    const large = topologyLayout(s, 1200, 520);
    const last = (l: TopologyLayout) => l.nodeById.get('backend:payments/5')!;
    expect(last(large).x).toBeGreaterThan(last(small).x * 1.5);
    expect(large.nodeById.get('dep:payments')!.w).toBeGreaterThan(small.nodeById.get('dep:payments')!.w);
  });

  it('puts the sagas between the client and the dependencies their steps call', () => {
    const s = ScenarioSchema.parse(JSON.parse(readFileSync(new URL('../../../scenarios/saga-payment-failure.json', import.meta.url), 'utf8')));
    const layout = topologyLayout(s, 700, 300);
    checkGeometry(layout, 'saga');
    const client = layout.nodeById.get('client')!;
    const saga = layout.nodeById.get('saga:order')!;
    expect(saga.kind).toBe('saga');
    expect(client.x + client.w).toBeLessThan(saga.x);
    expect(layout.edgeById.has('client>saga:order')).toBe(true);
    for (const d of s.dependencies) {
      const node = layout.nodeById.get(`dep:${d.id}`)!;
      expect(saga.x + saga.w).toBeLessThan(node.x);
      expect(layout.edgeById.has(`saga:order>dep:${d.id}`), d.id).toBe(true);
      // Only the saga calls them.
      expect(layout.edgeById.has(`client>dep:${d.id}`)).toBe(false);
    }
    if (saga.kind === 'saga') expect(saga.calls).toEqual(s.dependencies.map((d) => d.id));
  });

  it('draws client edges to dependencies the workload calls directly, beside the sagas', () => {
    const s = scenario([dep('api', 2), dep('stock', 1), dep('pay', 1)], {
      workload: { ratePerSec: 10, targets: [{ dependency: 'api', weight: 1 }, { saga: 'order', weight: 1 }] },
      sagas: [{ id: 'order', steps: [{ id: 'reserve', dependency: 'stock', kind: 'compensatable', compensation: { dependency: 'stock' } }, { id: 'charge', dependency: 'pay', kind: 'pivot' }] }],
    });
    const layout = topologyLayout(s, 700, 300);
    checkGeometry(layout, 'mixed');
    expect(layout.edges.filter((e) => e.from === 'client').map((e) => e.to).sort()).toEqual(['dep:api', 'saga:order']);
    expect(layout.edges.filter((e) => e.from === 'saga:order').map((e) => e.to)).toEqual(['dep:stock', 'dep:pay']);
  });
});

describe('the presets', () => {
  it('each lay out inside 700×300 without overlaps', () => {
    const dir = new URL('../../../scenarios/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const s = ScenarioSchema.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      const layout = topologyLayout(s, 700, 300);
      checkGeometry(layout, f);
      for (const d of s.dependencies) expect(layout.nodeById.has(`balancer:${d.id}`), f).toBe(true);
    }
  });
});

describe('chooseGrid', () => {
  it('uses one column when the boxes fit, several when they would get too flat', () => {
    expect(chooseGrid(3, 280, 280).cols).toBe(1);
    const g = chooseGrid(13, 280, 65);
    expect(g.cols).toBeGreaterThan(1);
    expect(g.rows * g.cols).toBeGreaterThanOrEqual(13);
    expect(g.cols * g.w + (g.cols - 1) * g.gx).toBeLessThanOrEqual(280 + 1e-6);
    expect(g.rows * g.h + (g.rows - 1) * g.gy).toBeLessThanOrEqual(65 + 1e-6);
  });
});

describe('fitText', () => {
  it('cuts long text with an ellipsis', () => {
    expect(fitText('payments', 200, 10)).toBe('payments');
    expect(fitText('a-very-long-dependency-name', 60, 10)).toMatch(/…$/);
    expect(fitText('abc', 2, 10)).toBe('');
  });
});

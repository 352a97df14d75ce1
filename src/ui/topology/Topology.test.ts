import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../sim/scenario/schema';
import type { BackendFigures } from '../../worker/protocol';
import { Topology, type TopologyProps } from './Topology';

const scenario = ScenarioSchema.parse({
  version: 1,
  id: 't',
  name: 't',
  durationMs: 1000,
  workload: { ratePerSec: 200 },
  dependencies: [
    {
      id: 'payments',
      backends: { count: 3, concurrency: 10 },
      balancer: { algorithm: 'leastRequest', outlierDetection: {} },
      pipeline: [{ type: 'retry' }, { type: 'circuitBreaker' }, { type: 'timeout', timeoutMs: 100 }],
    },
    { id: 'search', backends: { count: 40 } },
  ],
});

const figures = (id: string, over: Partial<BackendFigures> = {}): BackendFigures => ({
  id,
  routed: 0,
  weight: 1,
  health: 'HEALTHY',
  busy: 0,
  queued: 0,
  served: 0,
  failed: 0,
  shed: 0,
  wasted: 0,
  cancelled: 0,
  faults: 0,
  ...over,
});

function render(over: Partial<TopologyProps> = {}): string {
  const props: TopologyProps = {
    scenario,
    backends: [
      figures('payments/0', { busy: 3 }),
      figures('payments/1'),
      figures('payments/2', { busy: 4, queued: 2, health: 'EJECTED', faults: 1 }),
      ...Array.from({ length: 40 }, (_, i) => figures(`search/${i}`, { busy: 1, queued: i >= 12 ? 1 : 0 })),
    ],
    machineStates: { 'payments.circuitBreaker': 'OPEN', 'payments/2.health': 'EJECTED' },
    trips: [],
    tripsVersion: 0,
    playing: false,
    selected: 'backend:payments/2',
    onSelect: () => {},
    ...over,
  };
  return renderToStaticMarkup(createElement(Topology, props));
}

/** The opening tag of the element with this test id. */
function tag(html: string, testId: string): string {
  const at = html.indexOf(`data-testid="${testId}"`);
  expect(at, testId).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

describe('Topology', () => {
  it('is a labelled region reporting its moving requests', () => {
    const root = tag(render(), 'topology');
    expect(root).toContain('role="region"');
    expect(root).toContain('aria-label="Topology"');
    expect(root).toContain('data-moving="0"');
    expect(root).toContain('data-colors=""');
  });

  it('draws every node as a focusable button with its live figures in the label', () => {
    const html = render();
    for (const id of ['client', 'dep:payments', 'balancer:payments', 'backend:payments/0', 'backend:payments/2', 'dep:search', 'backend:search/11', 'more:search']) {
      const t = tag(html, `topo-${id}`);
      expect(t).toContain('tabindex="0"');
      expect(t).toContain('role="button"');
    }
    expect(html).not.toContain('data-testid="topo-backend:search/12"');
    expect(tag(html, 'topo-backend:payments/0')).toContain('aria-label="backend payments/0: 3 of 10 busy, queue 0, healthy"');
    expect(tag(html, 'topo-backend:payments/2')).toContain('aria-label="backend payments/2: 4 of 10 busy, queue 2, ejected, fault active"');
    expect(tag(html, 'topo-dep:payments')).toContain('aria-label="dependency payments: retry → breaker → timeout; breaker OPEN; 7 of 30 busy, queue 2, 1 of 3 backends down"');
    expect(tag(html, 'topo-balancer:payments')).toContain('aria-label="balancer payments: least request, 2 of 3 healthy"');
    expect(tag(html, 'topo-more:search')).toContain('aria-label="28 more backends of search (12–39): 28 of 280 busy, queue 28"');
  });

  it('marks the selected node only', () => {
    const html = render({ selected: 'dep:payments' });
    expect(tag(html, 'topo-dep:payments')).toContain('data-selected="true"');
    expect(tag(html, 'topo-dep:payments')).toContain('aria-pressed="true"');
    expect(tag(html, 'topo-backend:payments/2')).toContain('data-selected="false"');
    expect(html.match(/data-selected="true"/g)).toHaveLength(1);
  });

  it('colours the breaker badge by its state and shows faults and health', () => {
    const html = render();
    expect(html).toMatch(/data-policy="circuitBreaker" data-state="OPEN">.*?<circle class="topo-state-dot"[^>]*fill="var\(--c-fail\)"/);
    const ejected = html.slice(html.indexOf('data-testid="topo-backend:payments/2"'), html.indexOf('data-testid="topo-dep:search"'));
    expect(ejected).toContain('class="topo-fault"');
    expect(ejected).toContain('fill="var(--c-timeout)" data-health="EJECTED"');
    expect(html).toContain('class="topology-canvas"');
  });
});

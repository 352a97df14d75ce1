/**
 * The lab's topology: client → (sagas →) policies → balancer → backends, drawn in SVG with the
 * live load of each node, and the requests that just ended moving along the edges on a canvas
 * above it. React renders the SVG when its props change; the dots live in a requestAnimationFrame
 * loop outside React (TripCanvas), so animation frames never re-render.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Scenario } from '../../sim/scenario/schema';
import type { BackendFigures } from '../../worker/protocol';
import { liveFigures, type LiveFigures } from './figures';
import { topologyLayout, type TopoNode, type TopologyLayout } from './layout';
import { BackendView, BalancerView, ClientView, DependencyView, MoreView, SagaView } from './nodes';
import type { Trip } from './routes';
import { TripCanvas } from './tripCanvas';
import './topology.css';

export type { Trip, TripOutcome } from './routes';

export interface TopologyProps {
  scenario: Scenario;
  /** Live per-backend figures (Snapshot.backends). */
  backends: BackendFigures[];
  /** Machine states by machine id (Snapshot.machines), e.g. `payments.circuitBreaker`. */
  machineStates: Record<string, string>;
  /** A sample of the requests that ended since the previous snapshot. */
  trips: Trip[];
  /** Increments with each new batch of trips. */
  tripsVersion: number;
  playing: boolean;
  /** Selected node id (`client`, `saga:<id>`, `dep:<id>`, `balancer:<id>`, `backend:<dep>/<i>`, `more:<dep>`). */
  selected: string | null;
  onSelect(id: string): void;
}

/** Size drawn before the first measurement (and by server rendering). */
export const DEFAULT_TOPOLOGY_SIZE = { w: 700, h: 300 } as const;

// Node figures are text: nobody reads them at 60 Hz, and re-rendering the SVG at snapshot rate
// costs frames while the worker runs at full speed. The newest value is always shown within this.
const FIGURES_MS = 100;

/** `value`, updated at most once per `everyMs`; the newest value always lands (trailing update). */
function useSampled<T>(value: T, everyMs: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const show = () => {
      shownAt.current = performance.now();
      setShown(() => value);
    };
    const wait = shownAt.current + everyMs - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, everyMs]);
  return shown;
}

export function Topology({ scenario, backends, machineStates, trips, tripsVersion, playing, selected, onSelect }: TopologyProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tripCanvas = useRef<TripCanvas | null>(null);
  const lastVersion = useRef<number | null>(null);
  const [size, setSize] = useState<{ w: number; h: number }>(DEFAULT_TOPOLOGY_SIZE);
  const layout = useMemo(() => topologyLayout(scenario, size.w, size.h), [scenario, size.w, size.h]);
  const shownBackends = useSampled(backends, FIGURES_MS);
  const shownStates = useSampled(machineStates, FIGURES_MS);
  const figures = useMemo(() => liveFigures(layout, shownBackends), [layout, shownBackends]);

  // A stable callback, so the memoised nodes do not re-render when the parent passes a new one.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  const select = useCallback((id: string) => onSelectRef.current(id), []);

  useLayoutEffect(() => {
    const root = rootRef.current;
    const canvas = canvasRef.current;
    if (!root || !canvas) return;
    const tc = new TripCanvas(root, canvas);
    tripCanvas.current = tc;
    const apply = (width: number, height: number) => {
      const w = Math.max(1, Math.round(width));
      const h = Math.max(1, Math.round(height));
      tc.resize(w, h, window.devicePixelRatio || 1);
      setSize((prev) => (prev.w === w && prev.h === h ? prev : { w, h }));
    };
    // One read at mount so the first paint has the right layout; later sizes come from the observer.
    const rect = root.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) apply(rect.width, rect.height);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box && box.width > 0 && box.height > 0) apply(box.width, box.height);
    });
    observer?.observe(root);
    return () => {
      observer?.disconnect();
      tc.dispose();
      tripCanvas.current = null;
    };
  }, []);

  useEffect(() => {
    tripCanvas.current?.setLayout(layout);
  }, [layout]);

  useEffect(() => {
    tripCanvas.current?.setPlaying(playing);
  }, [playing]);

  useEffect(() => {
    if (lastVersion.current === tripsVersion) return;
    lastVersion.current = tripsVersion;
    tripCanvas.current?.push(trips);
  }, [trips, tripsVersion]);

  return (
    <div ref={rootRef} className="topology" role="region" aria-label="Topology" data-testid="topology" data-moving="0" data-colors="">
      <TopologySvg layout={layout} figures={figures} machineStates={shownStates} selected={selected} onSelect={select} />
      <canvas ref={canvasRef} className="topology-canvas" aria-hidden="true" />
    </div>
  );
}

interface SvgProps {
  layout: TopologyLayout;
  figures: LiveFigures;
  machineStates: Record<string, string>;
  selected: string | null;
  onSelect(id: string): void;
}

const TopologySvg = memo(function TopologySvg({ layout, figures, machineStates, selected, onSelect }: SvgProps) {
  return (
    <svg className="topology-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} preserveAspectRatio="xMinYMin meet">
      <Edges layout={layout} selected={selected} />
      {layout.nodes.map((node) => renderNode(node, figures, machineStates, node.id === selected, onSelect))}
    </svg>
  );
});

const Edges = memo(function Edges({ layout, selected }: { layout: TopologyLayout; selected: string | null }) {
  return (
    <g className="topo-edges" aria-hidden="true">
      {layout.edges.map((e) => (
        <path key={e.id} className={e.from === selected || e.to === selected ? 'topo-edge active' : 'topo-edge'} d={e.d} />
      ))}
    </g>
  );
});

function renderNode(node: TopoNode, figures: LiveFigures, machineStates: Record<string, string>, selected: boolean, onSelect: (id: string) => void) {
  switch (node.kind) {
    case 'client':
      return <ClientView key={node.id} node={node} selected={selected} onSelect={onSelect} />;
    case 'saga':
      return <SagaView key={node.id} node={node} selected={selected} onSelect={onSelect} />;
    case 'dependency': {
      const pool = figures.pool.get(node.depId);
      const states = node.chips.map((c) => (c.machineId ? (machineStates[c.machineId] ?? '') : '')).join('|');
      return (
        <DependencyView
          key={node.id}
          node={node}
          states={states}
          busy={pool?.busy ?? 0}
          queued={pool?.queued ?? 0}
          up={pool?.up ?? node.backends}
          count={pool?.count ?? node.backends}
          selected={selected}
          onSelect={onSelect}
        />
      );
    }
    case 'balancer': {
      const pool = figures.pool.get(node.depId);
      return <BalancerView key={node.id} node={node} up={pool?.up ?? node.backends} count={pool?.count ?? node.backends} selected={selected} onSelect={onSelect} />;
    }
    case 'backend': {
      const b = figures.backend.get(node.backendId);
      return (
        <BackendView
          key={node.id}
          node={node}
          busy={b?.busy ?? 0}
          queued={b?.queued ?? 0}
          health={b?.health ?? machineStates[`${node.backendId}.health`] ?? 'HEALTHY'}
          faults={b?.faults ?? 0}
          selected={selected}
          onSelect={onSelect}
        />
      );
    }
    case 'more': {
      const hidden = figures.hidden.get(node.depId);
      return (
        <MoreView
          key={node.id}
          node={node}
          busy={hidden?.busy ?? 0}
          queued={hidden?.queued ?? 0}
          up={hidden?.up ?? node.hidden}
          count={hidden?.count ?? node.hidden}
          selected={selected}
          onSelect={onSelect}
        />
      );
    }
  }
}

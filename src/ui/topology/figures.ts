/** Live figures per diagram node, summed from the snapshot's per-backend figures. */
import type { BackendFigures } from '../../worker/protocol';
import { MAX_DRAWN_BACKENDS, type TopologyLayout } from './layout';

export interface PoolFigures {
  busy: number;
  queued: number;
  /** Instances up (HEALTHY or WARMING). */
  up: number;
  /** Instances with a fault active. */
  faulted: number;
  /** Instances reported (the pool size once the first snapshot is in). */
  count: number;
}

export interface LiveFigures {
  /** By backend id (`<dep>/<i>`). */
  backend: Map<string, BackendFigures>;
  /** By dependency id: the whole pool. */
  pool: Map<string, PoolFigures>;
  /** By dependency id: the backends behind its "+N more" node. */
  hidden: Map<string, PoolFigures>;
}

const empty = (): PoolFigures => ({ busy: 0, queued: 0, up: 0, faulted: 0, count: 0 });

/** Whether a health state counts as serving. */
export const isUp = (health: string): boolean => health === 'HEALTHY' || health === 'WARMING';

function addTo(map: Map<string, PoolFigures>, key: string, b: BackendFigures): void {
  let f = map.get(key);
  if (!f) map.set(key, (f = empty()));
  f.busy += b.busy;
  f.queued += b.queued;
  f.count++;
  if (isUp(b.health)) f.up++;
  if (b.faults > 0) f.faulted++;
}

/** Sums the backends' figures per pool and per "+N more" node. */
export function liveFigures(layout: TopologyLayout, backends: readonly BackendFigures[]): LiveFigures {
  const out: LiveFigures = { backend: new Map(), pool: new Map(), hidden: new Map() };
  const known = new Set(layout.depIds);
  for (const b of backends) {
    const slash = b.id.lastIndexOf('/');
    const depId = b.id.slice(0, slash);
    if (slash < 0 || !known.has(depId)) continue;
    const index = Number(b.id.slice(slash + 1));
    if (index < MAX_DRAWN_BACKENDS) out.backend.set(b.id, b);
    else addTo(out.hidden, depId, b);
    addTo(out.pool, depId, b);
  }
  return out;
}

/** Compact count: 999, 1.2k, 34k, 1.2M. */
export function compact(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${(n / 1000).toFixed(1)}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

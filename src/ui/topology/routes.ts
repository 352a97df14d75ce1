/**
 * The path a finished request travels on the diagram: out from the client to where it ended
 * (a backend, or the policy that turned it away) and back. Pure geometry over the layout.
 */
import type { PolicyType } from '../../sim/scenario/policies';
import {
  backendNodeId,
  balancerNodeId,
  CLIENT_ID,
  depNodeId,
  edgeId,
  MAX_DRAWN_BACKENDS,
  moreNodeId,
  sagaNodeId,
  type DependencyNode,
  type Point,
  type Rect,
  type TopologyLayout,
} from './layout';

export const TRIP_OUTCOMES = ['success', 'failure', 'timeout', 'rejected', 'fallback'] as const;
export type TripOutcome = (typeof TRIP_OUTCOMES)[number];

/** A request that ended since the previous snapshot. */
export interface Trip {
  /** Dependency index in the scenario. */
  dep: number;
  /** Backend index in the dependency's pool; −1 when it reached none. */
  backend: number;
  outcome: TripOutcome;
  /** What turned it away: a policy type, `retryBudget`, `shed` (backend queue full) or `client`. */
  rejectedBy?: string;
  /** Saga index when a saga step made the call. */
  saga?: number;
}

/** The outbound half of a trip as flat x,y pairs with the distance run at each point. */
export interface Route {
  xy: Float32Array;
  /** cum[i] = distance from the start to point i. */
  cum: Float32Array;
  /** inside[i] = 1 when the segment from point i to i + 1 crosses a node's box (drawn faint). */
  inside: Uint8Array;
  length: number;
}

/** A route point; `inside` marks the segment that arrives at it as crossing a box. */
type Step = Point & { inside?: boolean };

const POLICY_OF_REJECTION: Record<string, PolicyType> = {
  circuitBreaker: 'circuitBreaker',
  bulkhead: 'bulkhead',
  rateLimiter: 'rateLimiter',
  retryBudget: 'retry',
};

const rightMid = (r: Rect): Point => ({ x: r.x + r.w, y: r.y + r.h / 2 });
const leftMid = (r: Rect): Point => ({ x: r.x, y: r.y + r.h / 2 });
const center = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** Where a trip stops, as a key: routes with the same key share their path. */
export function routeKey(t: Trip): string {
  const rejected = t.outcome === 'rejected';
  if (rejected && t.rejectedBy === 'client') return `${t.saga ?? ''}|${t.dep}|client`;
  if (rejected && t.rejectedBy !== 'shed') return `${t.saga ?? ''}|${t.dep}|r:${t.rejectedBy ?? ''}`;
  if (t.backend < 0) return `${t.saga ?? ''}|${t.dep}|none`;
  return `${t.saga ?? ''}|${t.dep}|${Math.min(t.backend, MAX_DRAWN_BACKENDS)}`;
}

/**
 * The outbound path of a trip: client → (saga →) dependency → balancer → backend, or turning back
 * inside the dependency; a saga's own request (dependency −1) turns back at the saga.
 */
export function tripRoute(layout: TopologyLayout, t: Trip): Route | null {
  const client = layout.nodeById.get(CLIENT_ID);
  const depId = t.dep >= 0 ? layout.depIds[t.dep] : undefined;
  const dep = depId === undefined ? undefined : (layout.nodeById.get(depNodeId(depId)) as DependencyNode | undefined);
  const sagaId = t.saga === undefined ? undefined : layout.sagaIds[t.saga];
  const saga = sagaId === undefined ? undefined : layout.nodeById.get(sagaNodeId(sagaId));
  if (!client || (!dep && !saga)) return null;
  const pts: Step[] = [];
  const follow = (from: string, to: string, fromRect: Rect, toRect: Rect) => {
    const edge = layout.edgeById.get(edgeId(from, to));
    const points = edge ? edge.points : [rightMid(fromRect), leftMid(toRect)];
    // From the end of the previous edge to the start of this one, the request crosses `from`.
    pts.push({ ...points[0], inside: pts.length > 0 }, ...points.slice(1));
  };

  if (t.outcome === 'rejected' && t.rejectedBy === 'client') {
    // Shed by the client itself: the request barely leaves.
    const p = rightMid(client);
    pts.push(p, { x: p.x + Math.min(14, client.w / 3), y: p.y });
    return build(pts);
  }

  if (saga) follow(CLIENT_ID, saga.id, client, saga);
  if (!dep) {
    // The saga as a whole: out to the saga and back.
    pts.push({ ...center(saga!), inside: true });
    return build(pts);
  }
  if (saga) follow(saga.id, dep.id, saga, dep);
  else follow(CLIENT_ID, dep.id, client, dep);

  const rejected = t.outcome === 'rejected' && t.rejectedBy !== 'shed';
  if (rejected || t.backend < 0) {
    // Turned away by a policy: back from its chip; otherwise (no backend reached) from the box's middle.
    const policy = rejected ? POLICY_OF_REJECTION[t.rejectedBy ?? ''] : undefined;
    const chip = policy === undefined ? undefined : dep.chips.find((c) => c.type === policy);
    const turn = chip ? center(chip) : rejected ? { x: dep.x + Math.min(18, dep.w / 4), y: dep.y + dep.h / 2 } : center(dep);
    pts.push({ ...turn, inside: true });
    return build(pts);
  }

  const balancer = layout.nodeById.get(balancerNodeId(dep.depId));
  if (!balancer) return build(pts);
  follow(dep.id, balancer.id, dep, balancer);
  const target = layout.nodeById.get(backendNodeId(dep.depId, t.backend)) ?? layout.nodeById.get(moreNodeId(dep.depId));
  if (target) follow(balancer.id, target.id, balancer, target);
  return build(pts);
}

function build(points: Step[]): Route {
  const kept: Step[] = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.abs(last.x - p.x) > 0.01 || Math.abs(last.y - p.y) > 0.01) kept.push(p);
  }
  if (kept.length === 1) kept.push({ ...kept[0] });
  const xy = new Float32Array(kept.length * 2);
  const cum = new Float32Array(kept.length);
  const inside = new Uint8Array(kept.length - 1);
  let length = 0;
  kept.forEach((p, i) => {
    xy[2 * i] = p.x;
    xy[2 * i + 1] = p.y;
    if (i > 0) {
      length += Math.hypot(p.x - kept[i - 1].x, p.y - kept[i - 1].y);
      inside[i - 1] = p.inside ? 1 : 0;
    }
    cum[i] = length;
  });
  return { xy, cum, inside, length };
}

/** A point on a route, and whether it is inside a node's box. */
export interface RoutePoint extends Point {
  inside: boolean;
}

/** The point `distance` along a route (clamped to its ends), written into `out`. */
export function pointAt(route: Route, distance: number, out: RoutePoint): RoutePoint {
  const { xy, cum } = route;
  const n = cum.length;
  if (distance <= 0) {
    out.x = xy[0];
    out.y = xy[1];
    out.inside = route.inside[0] === 1;
    return out;
  }
  if (distance >= route.length) {
    out.x = xy[2 * n - 2];
    out.y = xy[2 * n - 1];
    out.inside = route.inside[n - 2] === 1;
    return out;
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= distance) lo = mid;
    else hi = mid;
  }
  const span = cum[hi] - cum[lo];
  const f = span > 0 ? (distance - cum[lo]) / span : 0;
  out.x = xy[2 * lo] + (xy[2 * hi] - xy[2 * lo]) * f;
  out.y = xy[2 * lo + 1] + (xy[2 * hi + 1] - xy[2 * lo + 1]) * f;
  out.inside = route.inside[lo] === 1;
  return out;
}

/**
 * The moving requests of the topology diagram: a bounded sample of finished requests, each a dot
 * that runs out along its route and back in about a second of wall time. No DOM: it draws
 * through the few canvas calls it needs, so tests can hand it a recorder instead of a canvas.
 */
import type { TopologyLayout } from './layout';
import { pointAt, routeKey, tripRoute, TRIP_OUTCOMES, type Route, type RoutePoint, type Trip, type TripOutcome } from './routes';

/** Most dots alive at once; further trips are dropped (the dots are a sample, not a count). */
export const MAX_DOTS = 80;
/** Wall time of a round trip: the shortest route takes MIN, one across the whole diagram MAX. */
export const TRIP_MS = { min: 800, max: 1200 } as const;
// Dots start at most this many per ms on average (about MAX_DOTS per trip time), with bursts of BURST.
const RATE_PER_MS = MAX_DOTS / 1000;
const BURST = 40;
// A batch's dots set off spread over the time since the previous batch, at most this long.
const MAX_SPREAD_MS = 250;
const RADIUS = 3.2;
const HIDDEN = 0;
const SOLID = 1;
const FAINT = 2;

const OUTCOME_INDEX: Record<TripOutcome, number> = { success: 0, failure: 1, timeout: 2, rejected: 3, fallback: 4 };

/** The drawing calls the animator makes. */
export interface DotSurface {
  fillStyle: string | CanvasGradient | CanvasPattern;
  globalAlpha: number;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  fill(): void;
}

interface Dot {
  route: Route;
  outcome: number;
  start: number;
  duration: number;
}

export interface FrameResult {
  /** Dots drawn in this frame. */
  moving: number;
  /** Outcomes among them, in TRIP_OUTCOMES order, comma-separated. */
  outcomes: string;
}

export class TripAnimator {
  private dots: Dot[] = [];
  private routes = new Map<string, Route | null>();
  private layout: TopologyLayout | null = null;
  private tokens = BURST;
  private refilledAt = Number.NEGATIVE_INFINITY;
  private lastBatchAt = Number.NEGATIVE_INFINITY;
  // Where in a batch the sample starts; moves on each batch so no trip position is favoured.
  private phase = 0;
  private readonly at: RoutePoint = { x: 0, y: 0, inside: false };
  private readonly seen = [false, false, false, false, false];
  // Per-frame scratch, by dot index.
  private readonly px = new Float32Array(MAX_DOTS);
  private readonly py = new Float32Array(MAX_DOTS);
  private readonly shown = new Uint8Array(MAX_DOTS);

  /** Uses a new layout; dots on the old one are dropped. */
  setLayout(layout: TopologyLayout): void {
    if (layout === this.layout) return;
    this.layout = layout;
    this.routes.clear();
    this.dots.length = 0;
  }

  /** Dots alive, including those about to set off. */
  get alive(): number {
    return this.dots.length;
  }

  /** When the newest batch arrived. */
  get lastBatch(): number {
    return this.lastBatchAt;
  }

  /** Turns a sample of `trips` into dots starting at `now`; returns how many. */
  add(trips: readonly Trip[], now: number): number {
    const layout = this.layout;
    if (!layout || trips.length === 0) return 0;
    this.tokens = Math.min(BURST, this.tokens + (now - this.refilledAt) * RATE_PER_MS);
    this.refilledAt = now;
    const spread = Math.min(MAX_SPREAD_MS, Math.max(0, now - this.lastBatchAt));
    this.lastBatchAt = now;
    const room = Math.min(Math.floor(this.tokens), MAX_DOTS - this.dots.length, trips.length);
    if (room <= 0) return 0;
    const stride = trips.length / room;
    this.phase = (this.phase + 0.618034) % 1;
    let added = 0;
    for (let j = 0; j < room; j++) {
      const trip = trips[Math.min(trips.length - 1, Math.floor((j + this.phase) * stride))];
      const route = this.routeOf(trip, layout);
      if (!route) continue;
      const share = Math.min(1, route.length / Math.max(1, layout.width));
      this.dots.push({
        route,
        outcome: OUTCOME_INDEX[trip.outcome] ?? 0,
        start: now + (spread * j) / room,
        duration: TRIP_MS.min + (TRIP_MS.max - TRIP_MS.min) * share,
      });
      added++;
    }
    this.tokens -= added;
    return added;
  }

  /** Drops every dot. */
  clear(): void {
    this.dots.length = 0;
  }

  /**
   * Moves the dots to `now`, drops those home, and draws the rest grouped by outcome (`colors` by
   * TRIP_OUTCOMES index); a dot crossing a node's box is drawn small and faint so its text stays readable.
   */
  frame(surface: DotSurface | null, colors: readonly string[], now: number): FrameResult {
    const dots = this.dots;
    let kept = 0;
    for (const d of dots) if (now < d.start + d.duration) dots[kept++] = d;
    dots.length = kept;
    this.seen.fill(false);
    let moving = 0;
    for (let i = 0; i < dots.length; i++) {
      const d = dots[i];
      if (now < d.start) {
        this.shown[i] = HIDDEN;
        continue;
      }
      const p = (now - d.start) / d.duration;
      // Out to where it ended in the first half, back to the client in the second.
      const at = pointAt(d.route, (p < 0.5 ? 2 * p : 2 - 2 * p) * d.route.length, this.at);
      this.px[i] = at.x;
      this.py[i] = at.y;
      this.shown[i] = at.inside ? FAINT : SOLID;
      this.seen[d.outcome] = true;
      moving++;
    }
    if (surface && moving > 0) {
      for (let o = 0; o < TRIP_OUTCOMES.length; o++) {
        if (!this.seen[o]) continue;
        for (const look of [SOLID, FAINT]) {
          const r = look === SOLID ? RADIUS : RADIUS * 0.7;
          let begun = false;
          for (let i = 0; i < dots.length; i++) {
            if (this.shown[i] !== look || dots[i].outcome !== o) continue;
            if (!begun) {
              surface.globalAlpha = look === SOLID ? 1 : 0.35;
              surface.fillStyle = colors[o];
              surface.beginPath();
              begun = true;
            }
            surface.moveTo(this.px[i] + r, this.py[i]);
            surface.arc(this.px[i], this.py[i], r, 0, 2 * Math.PI);
          }
          if (begun) surface.fill();
        }
      }
      surface.globalAlpha = 1;
    }
    return { moving, outcomes: TRIP_OUTCOMES.filter((_, i) => this.seen[i]).join(',') };
  }

  private routeOf(trip: Trip, layout: TopologyLayout): Route | null {
    const key = routeKey(trip);
    let route = this.routes.get(key);
    if (route === undefined) {
      route = tripRoute(layout, trip);
      this.routes.set(key, route);
    }
    return route;
  }
}

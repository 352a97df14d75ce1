/**
 * Arrival processes. Arrivals are placed by inverting the cumulative intensity Λ(t) of a
 * piecewise-linear rate: constant arrivals sit at Λ = 0, 1, 2, …; Poisson arrivals at Λ values
 * separated by Exp(1) draws (one draw per arrival index). Steps and ramps of the rate are exact
 * (a ramp's inverse is a quadratic, solved with sqrt), and a live rate change at time T leaves
 * every arrival before T where it was.
 */
import { ln } from './math';

interface Point {
  t: number;
  /** Requests per millisecond. */
  r: number;
}

/** A change of the arrival rate: a step (rampMs 0) or a linear ramp. */
export interface RateChange {
  atMs: number;
  ratePerSec: number;
  rampMs: number;
}

/** A piecewise-linear arrival rate over simulated time. */
export class RateSchedule {
  private points: Point[] = [];
  private readonly changes: RateChange[] = [];

  constructor(
    private readonly initialPerSec: number,
    changes: readonly RateChange[] = [],
  ) {
    for (const c of changes) this.changes.push(c);
    this.rebuild();
  }

  /**
   * Adds a change in time order (after any change at the same time). Points before its time
   * are unchanged, so arrivals already placed stay where they were.
   */
  addChange(change: RateChange): void {
    let i = this.changes.length;
    while (i > 0 && this.changes[i - 1].atMs > change.atMs) i--;
    this.changes.splice(i, 0, change);
    this.rebuild();
  }

  private rebuild(): void {
    this.points = [{ t: 0, r: this.initialPerSec / 1000 }];
    for (const c of this.changes) this.applyChange(c.atMs, c.ratePerSec, c.rampMs);
  }

  /** Rate (per second) at time t. */
  rateAt(t: number): number {
    return this.rateAtMs(t) * 1000;
  }

  private rateAtMs(t: number): number {
    const p = this.points;
    let i = p.length - 1;
    while (i > 0 && p[i].t > t) i--;
    const a = p[i];
    const b = p[i + 1];
    if (!b || b.t === a.t) return a.r;
    return a.r + ((b.r - a.r) * (t - a.t)) / (b.t - a.t);
  }

  /** From `atMs` the rate moves to `perSec` (a step, or linearly over rampMs); later points are cut. */
  private applyChange(atMs: number, perSec: number, rampMs: number): void {
    const current = this.rateAtMs(atMs);
    this.points = this.points.filter((p) => p.t <= atMs);
    // A step at atMs keeps the old rate up to atMs: two points at the same time.
    this.points.push({ t: atMs, r: current });
    this.points.push({ t: atMs + rampMs, r: perSec / 1000 });
  }

  /** Λ(t): expected arrivals in [0, t). */
  cumulative(t: number): number {
    const p = this.points;
    let total = 0;
    for (let i = 0; i < p.length; i++) {
      const a = p[i];
      if (a.t >= t) break;
      const b = p[i + 1];
      const end = b && b.t < t ? b.t : t;
      const dt = end - a.t;
      const rEnd = b && b.t > a.t ? a.r + ((b.r - a.r) * dt) / (b.t - a.t) : a.r;
      total += ((a.r + rEnd) / 2) * dt;
    }
    return total;
  }

  /** The time t at which Λ(t) = target, searching from `fromT` (where Λ = fromLambda); Infinity if never. */
  inverse(target: number, fromT: number, fromLambda: number): number {
    const p = this.points;
    let lambda = fromLambda;
    let t = fromT;
    let i = p.length - 1;
    while (i > 0 && p[i].t > t) i--;
    for (; i < p.length; i++) {
      const a = p[i];
      const b = p[i + 1];
      const r0 = b && b.t > a.t ? a.r + ((b.r - a.r) * (t - a.t)) / (b.t - a.t) : a.r;
      const remaining = target - lambda;
      if (!b) {
        return r0 > 0 ? t + remaining / r0 : Infinity;
      }
      if (b.t <= t) continue;
      const segEnd = b.t;
      const slope = (b.r - a.r) / (b.t - a.t);
      const dtMax = segEnd - t;
      const areaToEnd = r0 * dtMax + 0.5 * slope * dtMax * dtMax;
      if (areaToEnd >= remaining && areaToEnd > 0) {
        if (slope === 0) return t + remaining / r0;
        // Solve r0·dt + slope·dt²/2 = remaining for dt ≥ 0 (stable form of the quadratic root).
        const disc = r0 * r0 + 2 * slope * remaining;
        return t + (2 * remaining) / (r0 + Math.sqrt(disc > 0 ? disc : 0));
      }
      lambda += areaToEnd;
      t = segEnd;
    }
    return Infinity;
  }
}

/** Generates the arrival times of a workload, one at a time. */
export class ArrivalProcess {
  /** Index of the next arrival. */
  index = 0;
  private lambda = 0;
  private lastT = 0;
  private lastLambda = 0;

  /** @param gap the Λ distance to arrival k (1 for constant, an Exp(1) draw for Poisson). */
  constructor(
    readonly schedule: RateSchedule,
    private readonly gap: (k: number) => number,
    private readonly constant: boolean,
  ) {
    // Constant arrivals start at t = 0; Poisson ones one Exp(1) gap in.
    this.lambda = constant ? 0 : gap(0);
  }

  /** Time of the next arrival (Infinity if the rate stays 0). */
  nextTime(): number {
    return this.schedule.inverse(this.lambda, this.lastT, this.lastLambda);
  }

  /** Marks the next arrival as happened at time t and moves on. */
  advance(t: number): void {
    this.lastT = t;
    this.lastLambda = this.lambda;
    this.index++;
    this.lambda += this.constant ? 1 : this.gap(this.index);
  }

}

/** Exp(1) gap from a uniform draw. */
export const expGap = (u: number): number => -ln(u);

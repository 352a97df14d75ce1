/**
 * The fault injector: fault windows switch on and off at their simulated times, and each
 * backend instance keeps the combined effect of the faults active on it, so the per-call cost
 * is reading one small object.
 */
import type { Fault } from './scenario/timeline';

/** The combined effect of every fault active on one instance. */
export interface FaultEffects {
  /** Chance a call fails after its service time (independent faults combine as 1 − Π(1 − p)). */
  errorProbability: number;
  /** Latency added to each call. */
  addedMs: number;
  /** ± uniform jitter on the added latency. */
  jitterMs: number;
  /** Calls fail at once without using a slot (connection refused). */
  outage: boolean;
  outageResponseMs: number;
  /** Calls are accepted but never answered; only a timeout ends them for the caller. */
  hang: boolean;
  /** When the latest hang window ends (hung work is dropped then). */
  hangUntilMs: number;
  /** Share of concurrency left. */
  capacityFactor: number;
  /** How many faults are active (0 = healthy). */
  active: number;
}

/** Effects of no fault at all. */
export const noFaultEffects = (): FaultEffects => ({
  errorProbability: 0,
  addedMs: 0,
  jitterMs: 0,
  outage: false,
  outageResponseMs: 1,
  hang: false,
  hangUntilMs: 0,
  capacityFactor: 1,
  active: 0,
});

/** Combines the active faults of one instance into its effects. */
export function combineFaults(faults: readonly Fault[]): FaultEffects {
  const e = noFaultEffects();
  let pass = 1;
  for (const f of faults) {
    e.active++;
    switch (f.kind) {
      case 'error':
        pass *= 1 - f.probability;
        break;
      case 'latency':
        e.addedMs += f.addedMs;
        e.jitterMs += f.jitterMs;
        break;
      case 'outage':
        e.outage = true;
        e.outageResponseMs = f.responseMs;
        break;
      case 'hang':
        e.hang = true;
        e.hangUntilMs = Math.max(e.hangUntilMs, f.atMs + f.durationMs);
        break;
      case 'capacity':
        e.capacityFactor = Math.min(e.capacityFactor, f.factor);
        break;
    }
  }
  e.errorProbability = 1 - pass;
  return e;
}

/** Something faults can be applied to. */
export interface FaultTarget {
  /** Called with the new combined effects whenever the set of active faults changes. */
  setFaults(effects: FaultEffects): void;
}

/** A fault with its position on the timeline, which fixes the order faults combine in. */
export interface ActiveFault {
  fault: Fault;
  order: number;
}

/** Tracks which faults are active on which instances. */
export class FaultInjector {
  private readonly active = new Map<FaultTarget, ActiveFault[]>();

  /** Switches a fault on for the given instances. */
  start(fault: ActiveFault, targets: readonly FaultTarget[]): void {
    for (const t of targets) {
      const list = this.active.get(t) ?? [];
      list.push(fault);
      // Timeline order, not activation order: a re-run combines them identically.
      list.sort((a, b) => a.order - b.order);
      this.active.set(t, list);
      t.setFaults(combineFaults(list.map((f) => f.fault)));
    }
  }

  /** Switches a fault off again. */
  end(fault: ActiveFault, targets: readonly FaultTarget[]): void {
    for (const t of targets) {
      const list = (this.active.get(t) ?? []).filter((f) => f !== fault);
      this.active.set(t, list);
      t.setFaults(combineFaults(list.map((f) => f.fault)));
    }
  }

  /** Faults active now on a target. */
  activeOn(target: FaultTarget): readonly Fault[] {
    return (this.active.get(target) ?? []).map((f) => f.fault);
  }
}

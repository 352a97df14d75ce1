/**
 * Load-balancing algorithms over the hosts currently eligible (healthy, or every host in panic).
 * Each picks one host for a call; weights are the effective weights (slow start applied).
 */
import { pow } from '../math';
import type { BackendInstance } from '../backend';
import type { Balancer as BalancerSpec } from '../scenario/topology';

/** A host as a balancer sees it. */
export interface Host {
  backend: BackendInstance;
  /** Effective weight now (configured weight × slow-start factor). */
  weight: number;
  /** Smooth weighted round robin's running weight (nginx current_weight). */
  current: number;
}

/** Active requests on a host: in service plus queued (Envoy and HAProxy count both). */
export const activeOf = (h: Host): number => h.backend.busy + h.backend.queued;

export interface Picker {
  /** Picks a host from `hosts` (non-empty); `draw(k)` is the k-th uniform draw of this call. */
  pick(hosts: readonly Host[], draw: (k: number) => number): Host;
  /** The host set changed (health, panic): reset rotation state. */
  reset(): void;
}

/** Round robin in host order. */
export function roundRobin(): Picker {
  let next = 0;
  return {
    pick(hosts) {
      if (next >= hosts.length) next = 0;
      return hosts[next++];
    },
    reset() {
      next = 0;
    },
  };
}

/**
 * nginx's smooth weighted round robin: every pick adds each host's weight to its running
 * weight, takes the largest, and subtracts the total from it. Weights 5, 1, 1 give
 * a, a, b, a, c, a, a: the heavy host is spread out rather than picked five times in a row.
 */
export function smoothWeightedRoundRobin(): Picker {
  return {
    pick(hosts) {
      let total = 0;
      let best = hosts[0];
      for (const h of hosts) {
        h.current += h.weight;
        total += h.weight;
        if (h.current > best.current) best = h;
      }
      best.current -= total;
      return best;
    },
    reset() {},
  };
}

/** Random, in proportion to weight (one draw). */
export function weightedRandom(): Picker {
  return {
    pick(hosts, draw) {
      let total = 0;
      for (const h of hosts) total += h.weight;
      let x = draw(0) * total;
      for (const h of hosts) {
        x -= h.weight;
        if (x < 0) return h;
      }
      return hosts[hosts.length - 1];
    },
    reset() {},
  };
}

/**
 * HAProxy leastconn: the host with the fewest active requests per unit of weight; among the
 * equally loaded, round robin (the scan starts after the last host picked).
 */
export function leastConnections(): Picker {
  let start = 0;
  return {
    pick(hosts) {
      const n = hosts.length;
      if (start >= n) start = 0;
      let best = hosts[start];
      let bestIndex = start;
      let bestLoad = activeOf(best) / best.weight;
      for (let k = 1; k < n; k++) {
        const i = (start + k) % n;
        const load = activeOf(hosts[i]) / hosts[i].weight;
        if (load < bestLoad) {
          best = hosts[i];
          bestIndex = i;
          bestLoad = load;
        }
      }
      start = bestIndex + 1;
      return best;
    },
    reset() {
      start = 0;
    },
  };
}

/**
 * Envoy's least request. Equal weights: sample `choiceCount` hosts at random (with replacement)
 * and take the one with the fewest active requests (the first sampled on a tie): the power of
 * two choices. Unequal weights: a weighted round robin whose weights are
 * weight / (active + 1)^bias, recomputed on every pick.
 */
export function leastRequest(choiceCount: number, bias: number): Picker {
  const wrr = smoothWeightedRoundRobin();
  return {
    pick(hosts, draw) {
      const w0 = hosts[0].weight;
      let equal = true;
      for (const h of hosts) if (h.weight !== w0) equal = false;
      if (equal) {
        let best = hosts[Math.floor(draw(0) * hosts.length)];
        for (let k = 1; k < choiceCount; k++) {
          const h = hosts[Math.floor(draw(k) * hosts.length)];
          if (activeOf(h) < activeOf(best)) best = h;
        }
        return best;
      }
      const dynamic = hosts.map((h) => ({ ...h, weight: h.weight / (bias === 1 ? activeOf(h) + 1 : pow(activeOf(h) + 1, bias)) }));
      const picked = wrr.pick(dynamic, draw);
      // Carry the running weights back so the schedule continues across picks.
      for (let i = 0; i < hosts.length; i++) hosts[i].current = dynamic[i].current;
      return hosts[dynamic.indexOf(picked)];
    },
    reset() {},
  };
}

/** The picker for a balancer configuration. */
export function pickerFor(spec: BalancerSpec): Picker {
  switch (spec.algorithm) {
    case 'roundRobin':
      return roundRobin();
    case 'weightedRoundRobin':
      return smoothWeightedRoundRobin();
    case 'random':
      return weightedRandom();
    case 'leastConnections':
      return leastConnections();
    case 'leastRequest':
      return leastRequest(spec.choiceCount, spec.activeRequestBias);
  }
}

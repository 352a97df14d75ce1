import { describe, expect, it } from 'vitest';
import type { BackendInstance } from '../backend';
import { leastConnections, leastRequest, roundRobin, smoothWeightedRoundRobin, weightedRandom, type Host } from './balancers';

/** Hosts with a name, a weight and a load (busy + queued). */
function hosts(spec: Array<[name: string, weight: number, load?: number]>): Host[] {
  return spec.map(([name, weight, load = 0]) => ({ backend: { id: name, busy: load, queued: 0 } as unknown as BackendInstance, weight, current: 0 }));
}
const names = (picked: Host[]) => picked.map((h) => h.backend.id).join(',');
const noDraw = () => 0.5;

describe('balancers', () => {
  it("nginx smooth weighted round robin: weights 5, 1, 1 give a, a, b, a, c, a, a", () => {
    const hs = hosts([
      ['a', 5],
      ['b', 1],
      ['c', 1],
    ]);
    const p = smoothWeightedRoundRobin();
    expect(names(Array.from({ length: 7 }, () => p.pick(hs, noDraw)))).toBe('a,a,b,a,c,a,a');
    expect(names(Array.from({ length: 7 }, () => p.pick(hs, noDraw)))).toBe('a,a,b,a,c,a,a'); // and it repeats
  });

  it('round robin cycles in host order', () => {
    const hs = hosts([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    const p = roundRobin();
    expect(names(Array.from({ length: 5 }, () => p.pick(hs, noDraw)))).toBe('a,b,c,a,b');
  });

  it('HAProxy leastconn: the least loaded host; equally loaded hosts take turns', () => {
    const hs = hosts([
      ['a', 1, 2],
      ['b', 1, 0],
      ['c', 1, 0],
    ]);
    const p = leastConnections();
    expect(names([p.pick(hs, noDraw), p.pick(hs, noDraw), p.pick(hs, noDraw)])).toBe('b,c,b');
    // Per unit of weight: a carries 2 with weight 4 (0.5) and beats b's 1 with weight 1.
    const weighted = hosts([
      ['a', 4, 2],
      ['b', 1, 1],
    ]);
    expect(leastConnections().pick(weighted, noDraw).backend.id).toBe('a');
  });

  it('Envoy least request, equal weights: of two random hosts, the one with fewer active requests', () => {
    const hs = hosts([
      ['a', 1, 5],
      ['b', 1, 1],
      ['c', 1, 3],
    ]);
    const p = leastRequest(2, 1);
    // Draws pick host floor(u·3): 0.1 → a, 0.5 → b.
    expect(p.pick(hs, (k) => [0.1, 0.5][k]).backend.id).toBe('b');
    // 0.9 → c, 0.1 → a: c has fewer.
    expect(p.pick(hs, (k) => [0.9, 0.1][k]).backend.id).toBe('c');
    // A tie goes to the first sampled.
    const tie = hosts([
      ['a', 1, 2],
      ['b', 1, 2],
    ]);
    expect(p.pick(tie, (k) => [0.9, 0.1][k]).backend.id).toBe('b');
  });

  it('Envoy least request, unequal weights: weight / (active + 1)^bias in a weighted round robin', () => {
    // a: 4 / (3 + 1) = 1; b: 1 / (0 + 1) = 1 → they alternate.
    const hs = hosts([
      ['a', 4, 3],
      ['b', 1, 0],
    ]);
    const p = leastRequest(2, 1);
    expect(names(Array.from({ length: 4 }, () => p.pick(hs, noDraw)))).toBe('a,b,a,b');
    // With no load, a's weight 4 wins four picks in five.
    const idle = hosts([
      ['a', 4, 0],
      ['b', 1, 0],
    ]);
    const q = leastRequest(2, 1);
    const picks = names(Array.from({ length: 5 }, () => q.pick(idle, noDraw)));
    expect(picks.split(',').filter((x) => x === 'a')).toHaveLength(4);
    // bias 0 ignores the load: plain weights.
    expect(names(Array.from({ length: 5 }, () => leastRequest(2, 0).pick(hs, noDraw))).split(',').filter((x) => x === 'a').length).toBeGreaterThanOrEqual(1);
  });

  it('random picks in proportion to weight', () => {
    const hs = hosts([
      ['a', 3],
      ['b', 1],
    ]);
    const p = weightedRandom();
    expect(p.pick(hs, () => 0.74).backend.id).toBe('a');
    expect(p.pick(hs, () => 0.76).backend.id).toBe('b');
  });
});

/** Engine throughput: simulated requests per wall-clock second, headless in Node. */
import { readFileSync } from 'node:fs';
import { Simulation } from '../sim/engine';
import type { ScenarioInput } from '../sim/scenario/schema';
import { parseScenario } from '../sim/scenario/validate';

export interface ThroughputResult {
  label: string;
  requests: number;
  runs: number[];
  min: number;
  median: number;
  /** Heap a finished run retains (after GC): recorder, machines, pending events. */
  heapMB: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Scales a preset to `ratePerSec` for `durationMs`, keeping utilisation and fault timing proportional. */
export function scalePreset(id: string, ratePerSec: number, durationMs: number): ScenarioInput {
  const s = JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8'));
  const rateFactor = ratePerSec / s.workload.ratePerSec;
  const timeFactor = durationMs / s.durationMs;
  s.workload.ratePerSec = ratePerSec;
  s.durationMs = durationMs;
  for (const d of s.dependencies) d.backends.count = Math.max(1, Math.round((d.backends.count ?? 1) * rateFactor));
  for (const e of s.timeline ?? []) {
    e.atMs = Math.round(e.atMs * timeFactor);
    if (e.durationMs) e.durationMs = Math.round(e.durationMs * timeFactor);
  }
  s.expect = [];
  return s;
}

/** One warm-up, then `runs` timed runs to the end of the scenario. */
export function measureThroughput(label: string, input: ScenarioInput, runs = 5): ThroughputResult {
  const scenario = parseScenario(input, label);
  const gc = (globalThis as { gc?: () => void }).gc;
  const once = () => {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const sim = new Simulation(scenario);
    const t0 = performance.now();
    sim.runToEnd();
    const wall = performance.now() - t0;
    const generated = sim.recorder.all.generated;
    // Memory the finished run retains (needs node --expose-gc): the recorder and the engine.
    gc?.();
    const heap = process.memoryUsage().heapUsed - before;
    sim.stop();
    return { rate: generated / (wall / 1000), generated, heap };
  };
  once();
  const results = Array.from({ length: runs }, once);
  const rates = results.map((r) => r.rate);
  return {
    label,
    requests: results[0].generated,
    runs: rates,
    min: Math.min(...rates),
    median: median(rates),
    heapMB: Math.max(...results.map((r) => r.heap)) / 2 ** 20,
  };
}

/** The breaker preset at 1,000 req/s for 1,000 s, and the same without the breaker. */
export function breakerBench(runs = 5): ThroughputResult[] {
  const withBreaker = scalePreset('outage-with-breaker', 1000, 1_000_000);
  const bare = scalePreset('outage-with-breaker', 1000, 1_000_000);
  for (const d of bare.dependencies) d.pipeline = (d.pipeline ?? []).filter((p) => p.type !== 'circuitBreaker');
  return [measureThroughput('breaker preset ×5 (1,000 req/s × 1,000 s)', withBreaker, runs), measureThroughput('bare engine (same, no breaker)', bare, runs)];
}

/** The breaker preset with the full resilience4j pipeline: retry → breaker → timeout → bulkhead → call. */
export function fullPipelineBench(runs = 5): ThroughputResult {
  const s = scalePreset('outage-with-breaker', 1000, 1_000_000);
  for (const d of s.dependencies) {
    const breaker = (d.pipeline ?? []).find((p) => p.type === 'circuitBreaker');
    d.pipeline = [
      { type: 'retry', maxAttempts: 3, backoff: { kind: 'exponential', baseMs: 50, multiplier: 2, capMs: 1000 }, jitter: 'full' },
      breaker!,
      { type: 'timeout', timeoutMs: 1000 },
      { type: 'bulkhead', kind: 'semaphore', maxConcurrentCalls: 200, maxWaitDurationMs: 0 },
    ];
  }
  return measureThroughput('full pipeline (retry, breaker, timeout, bulkhead)', s, runs);
}

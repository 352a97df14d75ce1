/**
 * The engine against queueing theory: one backend with concurrency c and an unbounded shared FIFO
 * queue, Poisson arrivals, exponential service (mean 10 ms), no faults, is an M/M/c queue, whose
 * mean wait in queue is known exactly (Erlang C, see testing/erlang.ts).
 *
 * Method (batch means). The backend reports each job's queue wait as its service starts, which
 * for FIFO is arrival order. The first 5 % of waits are dropped (the run starts empty, a state
 * the stationary queue is rarely in). The rest are cut into B = 40 contiguous batches of equal
 * size. Successive waits are strongly correlated (a long queue drains slowly), but the means of
 * batches much longer than the queue's memory are nearly independent and nearly normal, so
 *   mean of the batch means ± t(0.995, B − 1) · s / √B
 * is a 99 % confidence interval for the stationary mean wait, s being the sample standard
 * deviation of the batch means. Each case asserts that
 *   1. the exact Wq lies inside that interval,
 *   2. the interval is narrower than ±5 % of Wq (the run is long enough to mean something),
 *   3. the batch means are not autocorrelated: lag-1 autocorrelation |r1| < 0.4 for the 40
 *      batches, and |r1| < 0.2 for 160 batches a quarter as long. If the batches were too
 *      short for the queue's memory, neighbouring batch means would be positively correlated,
 *      s would understate the error and the interval would be too narrow; these checks make
 *      such a set-up fail loudly instead of passing by luck. For independent batch means r1 is
 *      roughly normal with mean −1/B and standard deviation 1/√B (0.16 for B = 40, 0.08 for
 *      B = 160), so a bound of 0.2 on the 40 batches would fail about one seed in five with
 *      perfectly good batches, and 40 values are too few to tell a correlation of 0.3 from
 *      noise. Hence the loose bound there, and the finer, more powerful check at 0.2: r1
 *      falls roughly as 1 / batch size, so a small r1 at a quarter of the size bounds it at the
 *      full size (the last test shows the finer check rejecting batches that are too short).
 *
 * Why an interval and not one seed within a fixed tolerance: the run-to-run spread of the sample
 * mean depends steeply on the load and the number of servers. At 1,000,000 requests the relative
 * standard error of M/M/1's mean wait is about 0.6 % at ρ = 0.5, 1.2 % at ρ = 0.8 and 2.3 % at
 * ρ = 0.9, so a tolerance loose enough for ρ = 0.8 says little at ρ = 0.5, and one tight enough
 * for ρ = 0.5 passes or fails at ρ = 0.8 by the luck of the seed. The interval is measured from
 * the run itself, so it scales with the actual noise, and requiring it to be narrow forces
 * enough requests that the comparison has teeth.
 *
 * Sizes: the request counts put the expected half-width near 3 % of Wq (2.2–4.2 % over the
 * seeds tried), so the 5 % bound holds with margin; batches hold 7,000–57,000 waits, while the
 * waits' autocorrelation is gone after a few hundred. Relative noise is largest near
 * saturation and with many servers (waiting is rarer, so each wait counts for more): c = 8 at
 * ρ = 0.8 needs the most requests. ρ = 0.9 would need 3.5–5 million requests per case (about
 * 5 s each) and its batch means are visibly skewed; it belongs in the benchmark suite. Each
 * case runs one fixed seed (a different one per case, so the cases do not share random
 * numbers). While choosing the sizes every case was run with seeds 1–30: 146 of the 150 runs
 * passed (three interval misses, two of them at c = 8, ρ = 0.8, and one 40-batch r1 of 0.41),
 * about what a 99 % interval plus two 99 % autocorrelation bounds lead one to expect.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { parseScenario } from './scenario/validate';
import { mmcMeanQueueWait } from './testing/erlang';

const MEAN_SERVICE_MS = 10;
/** Fraction of the waits (in service-start order) dropped as warm-up. */
const WARM_UP_FRACTION = 0.05;
/** Batches for the confidence interval. */
const BATCHES = 40;
/** Student t quantile 0.995 for BATCHES − 1 = 39 degrees of freedom (two-sided 99 %). */
const T_0995_DF39 = 2.707913;
/** Batches for the finer autocorrelation check (each a quarter of a CI batch). */
const FINE_BATCHES = 4 * BATCHES;
const MAX_R1 = 0.4;
const MAX_R1_FINE = 0.2;
/** The interval must be narrower than ± this fraction of the exact value. */
const MAX_RELATIVE_HALF_WIDTH = 0.05;

interface QueueCase {
  servers: number;
  /** ρ = λ / (c·μ). */
  utilisation: number;
  /** Expected number of arrivals (the run lasts requests / λ). */
  requests: number;
  seed: number;
}

const CASES: QueueCase[] = [
  { servers: 1, utilisation: 0.5, requests: 300_000, seed: 1 },
  { servers: 2, utilisation: 0.6, requests: 500_000, seed: 2 },
  { servers: 4, utilisation: 0.7, requests: 1_000_000, seed: 3 },
  { servers: 8, utilisation: 0.8, requests: 2_400_000, seed: 4 },
  { servers: 1, utilisation: 0.8, requests: 1_000_000, seed: 5 },
];

/** Runs the M/M/c scenario; returns each job's queue wait (ms) in service-start order. */
function simulateWaits(k: QueueCase): { waits: number[]; rejected: number; shed: number } {
  const ratePerSec = (k.utilisation * k.servers * 1000) / MEAN_SERVICE_MS;
  const scenario = parseScenario(
    {
      version: 1,
      id: 'mmc',
      name: 'M/M/c',
      seed: k.seed,
      durationMs: Math.round((k.requests / ratePerSec) * 1000),
      workload: { arrivals: 'poisson', ratePerSec },
      dependencies: [
        {
          id: 'server',
          backends: { count: 1, concurrency: k.servers, queueLength: 1_000_000, serviceTime: { dist: 'exponential', meanMs: MEAN_SERVICE_MS } },
        },
      ],
    },
    'queueing.test',
  );
  const sim = new Simulation(scenario);
  const backend = sim.deps[0].backends[0];
  const waits: number[] = [];
  backend.onServiceStart = (waitMs) => waits.push(waitMs);
  sim.runToEnd();
  sim.stop();
  return { waits, rejected: sim.recorder.all.rejected, shed: backend.stats.shed };
}

/**
 * Means of `batches` contiguous batches of `size` values starting at `from` (by default the
 * largest equal size that fits; the few values left over at the end are not used).
 */
function batchMeans(xs: readonly number[], from: number, batches: number, size = Math.floor((xs.length - from) / batches)): number[] {
  if (size < 1 || from + batches * size > xs.length) throw new RangeError(`${batches} batches of ${size} do not fit in ${xs.length - from} values`);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    const start = from + b * size;
    for (let i = start; i < start + size; i++) sum += xs[i];
    means.push(sum / size);
  }
  return means;
}

/** Mean, sample standard deviation and lag-1 autocorrelation of a series. */
function describeSeries(xs: readonly number[]): { mean: number; sd: number; r1: number } {
  const n = xs.length;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  let lagged = 0;
  for (let i = 0; i + 1 < n; i++) lagged += (xs[i] - mean) * (xs[i + 1] - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)), r1: lagged / ss };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

describe('batch-means arithmetic', () => {
  it('batches, mean, sample sd and lag-1 autocorrelation on hand-checkable series', () => {
    expect(batchMeans([9, 1, 1, 3, 3, 5, 5, 7, 7, 100], 1, 4)).toEqual([1, 3, 5, 7]);
    const ramp = describeSeries([1, 3, 5, 7]);
    expect(ramp.mean).toBe(4);
    expect(ramp.sd).toBeCloseTo(Math.sqrt(20 / 3), 14);
    expect(ramp.r1).toBeCloseTo(5 / 20, 14); // ((−3)(−1) + (−1)(1) + (1)(3)) / 20
    expect(describeSeries([1, 3, 1, 3]).r1).toBeCloseTo(-3 / 4, 14);
    expect(() => batchMeans([1, 2, 3], 0, 4)).toThrow(RangeError);
  });
});

describe('M/M/c: mean wait in queue against Erlang C, 99 % batch-means interval', () => {
  it.each(CASES)(
    'c = $servers, ρ = $utilisation, about $requests requests (seed $seed)',
    (k) => {
      const lambdaPerMs = (k.utilisation * k.servers) / MEAN_SERVICE_MS;
      const exact = mmcMeanQueueWait(k.servers, lambdaPerMs, MEAN_SERVICE_MS);
      const { waits, rejected, shed } = simulateWaits(k);

      // Nothing was shed: the queue bound of 1,000,000 was never reached, so this is M/M/c.
      expect(rejected).toBe(0);
      expect(shed).toBe(0);
      // Poisson count: within ±1 % of the expected number by a wide margin (sd ≤ 0.2 %).
      expect(Math.abs(waits.length - k.requests)).toBeLessThan(0.01 * k.requests);

      const from = Math.floor(WARM_UP_FRACTION * waits.length);
      const ci = describeSeries(batchMeans(waits, from, BATCHES));
      const fine = describeSeries(batchMeans(waits, from, FINE_BATCHES));
      const halfWidth = (T_0995_DF39 * ci.sd) / Math.sqrt(BATCHES);
      const detail =
        `c=${k.servers} ρ=${k.utilisation} seed=${k.seed} waits=${waits.length}: ` +
        `Wq exact ${exact.toFixed(4)} ms, measured ${ci.mean.toFixed(4)} ms (${pct(ci.mean / exact - 1)}), ` +
        `99 % half-width ${halfWidth.toFixed(4)} ms (${pct(halfWidth / exact)}), r1 ${ci.r1.toFixed(3)} (${BATCHES} batches), ` +
        `r1 ${fine.r1.toFixed(3)} (${FINE_BATCHES} batches)`;

      expect(Math.abs(ci.mean - exact), `exact Wq outside the 99 % interval; ${detail}`).toBeLessThanOrEqual(halfWidth);
      expect(halfWidth / exact, `interval wider than ±5 %; ${detail}`).toBeLessThan(MAX_RELATIVE_HALF_WIDTH);
      expect(Math.abs(ci.r1), `batch means autocorrelated (batches too short?); ${detail}`).toBeLessThan(MAX_R1);
      expect(Math.abs(fine.r1), `quarter-size batch means autocorrelated (batches too short?); ${detail}`).toBeLessThan(MAX_R1_FINE);
    },
    20_000,
  );

  it('the finer autocorrelation check catches batches that are too short for the queue’s memory', () => {
    // M/M/1 at ρ = 0.8 remembers its queue for a few hundred customers. Had the interval used
    // batches of 40 waits, the check's quarter-size batches (10 waits) would have r1 of 0.46 to
    // 0.89 (60 seeds tried), far above its bound. The 40-batch r1 alone has little power against
    // this (0.11 to 0.92 over the same seeds), which is why the finer check exists.
    const { waits } = simulateWaits({ servers: 1, utilisation: 0.8, requests: 50_000, seed: 1 });
    const from = Math.floor(WARM_UP_FRACTION * waits.length);
    expect(describeSeries(batchMeans(waits, from, FINE_BATCHES, 10)).r1).toBeGreaterThan(MAX_R1_FINE);
  }, 10_000);
});

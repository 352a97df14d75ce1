/**
 * Exact results for the M/M/c queue (Poisson arrivals, exponential service, c servers, one
 * unbounded FIFO queue), for tests that hold the engine to queueing theory. Only test files import
 * this. It uses + − × ÷ only, like the engine sources the purity test scans.
 */

function checkArguments(servers: number, offeredLoad: number): void {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be a positive integer, got ${servers}`);
  if (!(offeredLoad >= 0) || !Number.isFinite(offeredLoad)) throw new RangeError(`offered load must be finite and ≥ 0, got ${offeredLoad}`);
}

/**
 * Erlang B: the probability that an arrival finds all `servers` busy when there is no queue,
 * for an offered load a = λ/μ in erlangs. Uses the recursion B(0) = 1,
 * B(k) = a·B(k−1) / (k + a·B(k−1)). It is stable and does not overflow for large c, where
 * a^c/c! would.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkArguments(servers, offeredLoad);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Erlang C: the probability that an arrival has to wait in an M/M/c queue with offered load
 * a = λ/μ < c. It equals
 *   (a^c/c!)·1/(1−ρ) / (Σ_{k<c} a^k/k! + (a^c/c!)·1/(1−ρ)),  with ρ = a/c,
 * and is computed from Erlang B as C = c·B / (c − a·(1 − B)).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  checkArguments(servers, offeredLoad);
  if (offeredLoad >= servers) throw new RangeError(`unstable: offered load ${offeredLoad} ≥ ${servers} servers`);
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/**
 * The exact mean wait in queue of an M/M/c queue, Wq = C(c, a) / (c·μ − λ), where
 * μ = 1/meanServiceTime and a = λ/μ. `arrivalRate` is per unit of time and the result is in that
 * unit, the unit of `meanServiceTime` (e.g. per ms and ms).
 */
export function mmcMeanQueueWait(servers: number, arrivalRate: number, meanServiceTime: number): number {
  if (!(meanServiceTime > 0) || !Number.isFinite(meanServiceTime)) throw new RangeError(`mean service time must be finite and > 0, got ${meanServiceTime}`);
  const mu = 1 / meanServiceTime;
  const offeredLoad = arrivalRate * meanServiceTime;
  return erlangC(servers, offeredLoad) / (servers * mu - arrivalRate);
}

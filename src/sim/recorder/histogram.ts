/**
 * Log-bucket latency histogram: buckets 1 % wide from 0.1 ms up, so a recorded percentile is
 * within 1 % of the nearest-rank value of the exact samples (values under 0.1 ms share bucket 0).
 * Counts live in a typed array covering only the range of buckets seen, so a histogram per
 * series bucket stays small. Bucket indices use the deterministic ln, never Math.log.
 */
import { ln } from '../math';

/** Lower bound of bucket 1; everything below lands in bucket 0. */
const FLOOR_MS = 0.1;
const GROWTH = 1.01;
const INV_LN_GROWTH = 1 / ln(GROWTH);

/** Bucket index of a value. */
export function bucketOf(ms: number): number {
  if (ms < FLOOR_MS) return 0;
  return 1 + Math.floor(ln(ms / FLOOR_MS) * INV_LN_GROWTH);
}

/** Lower and upper bound of a bucket. */
function bucketBounds(index: number): [number, number] {
  if (index === 0) return [0, FLOOR_MS];
  let lo = FLOOR_MS;
  // Repeated multiplication keeps the bounds identical in every engine.
  for (let i = 1; i < index; i++) lo *= GROWTH;
  return [lo, lo * GROWTH];
}

const boundsCache = new Map<number, [number, number]>();
function boundsOf(index: number): [number, number] {
  let b = boundsCache.get(index);
  if (!b) {
    b = bucketBounds(index);
    boundsCache.set(index, b);
  }
  return b;
}

export class Histogram {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** counts[i] is bucket lo + i. */
  private counts: Float64Array = new Float64Array(0);
  private lo = 0;

  /** Adds one sample. */
  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    const b = bucketOf(ms);
    this.ensure(b, b);
    this.counts[b - this.lo]++;
  }

  private ensure(fromIndex: number, toIndex: number): void {
    const c = this.counts;
    const hi = this.lo + c.length;
    if (c.length > 0 && fromIndex >= this.lo && toIndex < hi) return;
    const newLo = c.length === 0 ? fromIndex : Math.min(this.lo, fromIndex);
    const newHi = c.length === 0 ? toIndex + 1 : Math.max(hi, toIndex + 1);
    // Grow with slack so a widening range does not reallocate on every sample.
    const slack = Math.max(8, (newHi - newLo) >> 2);
    const lo = Math.max(0, newLo - (newLo < this.lo || c.length === 0 ? slack : 0));
    const size = newHi - lo + (newHi > hi ? slack : 0);
    const next = new Float64Array(size);
    if (c.length > 0) next.set(c, this.lo - lo);
    this.counts = next;
    this.lo = lo;
  }

  /** Adds every sample of another histogram. */
  merge(other: Histogram): void {
    if (other.count === 0) return;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    const oc = other.counts;
    this.ensure(other.lo, other.lo + oc.length - 1);
    const off = other.lo - this.lo;
    for (let i = 0; i < oc.length; i++) if (oc[i] !== 0) this.counts[off + i] += oc[i];
  }

  /** Mean, or NaN with no samples. */
  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /**
   * Nearest-rank percentile (p in (0, 100]): the bucket holding the ⌈p/100·n⌉-th smallest
   * sample, reported as the bucket's geometric middle clamped to the observed min and max.
   */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    // p · n / 100, not p / 100 · n: (7 / 100) · 100 is 7.000000000000001 in floating point.
    const rank = Math.max(1, Math.ceil((p * this.count) / 100));
    if (rank >= this.count) return this.max;
    const c = this.counts;
    let seen = 0;
    for (let i = 0; i < c.length; i++) {
      seen += c[i];
      if (seen >= rank) {
        const index = this.lo + i;
        const [lo, hi] = boundsOf(index);
        const mid = index === 0 ? (lo + hi) / 2 : Math.sqrt(lo * hi);
        return Math.min(this.max, Math.max(this.min, mid));
      }
    }
    return this.max;
  }

  /** Approximate bytes held, for memory checks. */
  get bytes(): number {
    return this.counts.byteLength + 64;
  }
}

/**
 * Counter-based random draws.
 *
 * A draw is a pure hash of (seed, stream, key1, key2, key3) rather than the next output of a
 * sequential generator. Request 17's second attempt therefore meets the same service time and
 * the same injected failure in two runs even when other requests took different paths (a
 * breaker rejected them in one run only): side-by-side runs share common random numbers and
 * differ only in the knob that was changed.
 *
 * The mixer is MurmurHash3's 32-bit block and finaliser, built on Math.imul and shifts, which
 * every JavaScript engine evaluates identically.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_POW_32 = 4294967296;
const TWO_POW_52_INV = 1 / 4503599627370496;

function mixWord(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of the seed and up to four counter words. */
export function hash32(seed: number, a: number, b: number, c: number, d: number): number {
  let h = seed | 0;
  h = mixWord(h, a | 0);
  h = mixWord(h, b | 0);
  h = mixWord(h, c | 0);
  h = mixWord(h, d | 0);
  return finalise(h, 16);
}

/** Splits a non-negative integer (< 2^53) into its high 32-bit word. */
const hiWord = (n: number): number => (n / TWO_POW_32) | 0;

/**
 * A uniform draw in the open interval (0, 1) with 52 random bits, determined entirely by its
 * arguments. `key1` may be any non-negative integer below 2^53 (request ids); the others are
 * small integers (attempt, draw index).
 */
export function uniform(seed: number, stream: number, key1: number, key2: number, key3: number): number {
  const lo = key1 >>> 0;
  const s = (stream * 0x10000 + (key3 & 0xffff)) | 0;
  const k2 = (key2 ^ Math.imul(hiWord(key1), 0x9e3779b1)) | 0;
  const h1 = hash32(seed, s, lo, k2, 0x243f6a88);
  const h2 = hash32(seed ^ 0x5bd1e995, s, lo, k2, 0x85a308d3);
  // 26 bits from each hash make 52; with +0.5 every value (k + 0.5) / 2^52 is exact, so the
  // result is never 0 nor rounds up to 1 (with 53 bits, 2^53 − 1 + 0.5 rounds to 2^53).
  return ((h1 >>> 6) * 67108864 + (h2 >>> 6) + 0.5) * TWO_POW_52_INV;
}

/**
 * Named random streams. Each purpose draws from its own stream so that adding draws for one
 * purpose never shifts the numbers another purpose sees. Component indices are folded into the
 * stream number by `streamFor`.
 */
export const Stream = {
  arrival: 1,
  target: 2,
  service: 3,
  faultError: 4,
  faultJitter: 5,
  balancer: 6,
  retryJitter: 7,
  business: 8,
  healthCheck: 9,
  eventBus: 10,
  fallback: 11,
} as const;

/** Combines a stream purpose with a component index (dependency, backend, saga step). */
export const streamFor = (purpose: number, component: number): number => purpose * 1024 + (component & 1023);

/** A seeded source of counter-based draws. */
export class Random {
  constructor(readonly seed: number) {}

  /** Uniform (0, 1) draw for (stream, key1, key2, key3). */
  u(stream: number, key1: number, key2 = 0, key3 = 0): number {
    return uniform(this.seed, stream, key1, key2, key3);
  }
}

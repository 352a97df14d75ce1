/** Sampling the scenario's distributions from a uniform draw, with deterministic math. */
import { exp, ln, normalQuantile } from './math';
import type { Distribution } from './scenario/distributions';

/** Returns the distribution's value for the uniform draw u ∈ (0, 1) (inverse-CDF sampling). */
export function sampleMs(dist: Distribution, u: number): number {
  switch (dist.dist) {
    case 'constant':
      return dist.ms;
    case 'uniform':
      return dist.minMs + u * (dist.maxMs - dist.minMs);
    case 'exponential':
      return -dist.meanMs * ln(u);
    case 'lognormal':
      return dist.sigma === 0 ? dist.medianMs : dist.medianMs * exp(dist.sigma * normalQuantile(u));
  }
}

/** The distribution's mean, for docs, presets and sanity checks. */
export function meanMs(dist: Distribution): number {
  switch (dist.dist) {
    case 'constant':
      return dist.ms;
    case 'uniform':
      return (dist.minMs + dist.maxMs) / 2;
    case 'exponential':
      return dist.meanMs;
    case 'lognormal':
      return dist.medianMs * exp((dist.sigma * dist.sigma) / 2);
  }
}

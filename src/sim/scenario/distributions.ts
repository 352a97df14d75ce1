import { z } from 'zod';
import { ms } from './units';

/** A service-time (or delay) distribution. */
export const DistributionSchema = z
  .discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('constant'), ms: ms('the fixed value', 0, 3_600_000) }),
    z
      .strictObject({
        dist: z.literal('uniform'),
        minMs: ms('lowest value', 0, 3_600_000),
        maxMs: ms('highest value', 0, 3_600_000),
      })
      .refine((d) => d.minMs <= d.maxMs, { message: 'minMs must not exceed maxMs', path: ['maxMs'] }),
    z.strictObject({ dist: z.literal('exponential'), meanMs: ms('mean', 0.001, 3_600_000) }),
    z.strictObject({
      dist: z.literal('lognormal'),
      medianMs: ms('median (e^μ)', 0.001, 3_600_000),
      sigma: z.number().min(0).max(3).meta({ description: 'σ of the underlying normal (0–3); 0.5 is a moderate tail' }),
    }),
  ])
  .meta({ description: 'A distribution of durations: constant, uniform, exponential or lognormal' });

export type Distribution = z.infer<typeof DistributionSchema>;

/**
 * The scenario file format, version 1. This zod schema is the single source of truth: the
 * validator, the TypeScript types and docs/scenario.schema.json (generated) all come from it.
 */
import { z } from 'zod';
import { ExpectationSchema } from './expectations';
import { SagaSchema } from './saga';
import { TimelineEntrySchema } from './timeline';
import { DependencySchema } from './topology';
import { count, identifier, MAX_MS, ms } from './units';

export const SCENARIO_VERSION = 1;

/** Highest request rate a workload may ask for. */
export const MAX_RATE_PER_SEC = 100_000;

const rate = (description: string) =>
  z.number().min(0).max(MAX_RATE_PER_SEC).meta({ description: `${description} (requests/s, 0–${MAX_RATE_PER_SEC.toLocaleString('en-US')})` });

export const WorkloadSchema = z
  .strictObject({
    arrivals: z
      .enum(['poisson', 'constant'])
      .default('poisson')
      .meta({ description: 'poisson: exponential gaps; constant: evenly spaced' }),
    ratePerSec: rate('arrival rate at time 0'),
    rateChanges: z
      .array(
        z.strictObject({
          atMs: ms('when the change starts'),
          ratePerSec: rate('the new rate'),
          rampMs: ms('0 = a step; else the rate moves linearly to the new value over this time').default(0),
        }),
      )
      .max(1_000)
      .default([])
      .meta({ description: 'steps and ramps of the arrival rate, in time order' }),
    targets: z
      .array(
        z
          .strictObject({
            dependency: z.string().optional(),
            saga: z.string().optional(),
            weight: z.number().min(0).max(1_000_000).default(1),
          })
          .refine((t) => (t.dependency === undefined) !== (t.saga === undefined), {
            message: 'name exactly one of "dependency" or "saga"',
          }),
      )
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'what each request calls, chosen by weight; default: the first dependency' }),
  })
  .meta({ description: 'How requests arrive' });

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(SCENARIO_VERSION).meta({ description: 'format version; this build reads 1' }),
    id: identifier('preset id, used in ?preset= links'),
    name: z.string().min(1).max(120),
    description: z.string().max(2_000).optional().meta({ description: 'what the scenario shows' }),
    notice: z.string().max(2_000).optional().meta({ description: 'what to notice while it runs' }),
    seed: z.number().int().min(0).max(4_294_967_295).default(1).meta({ description: 'random seed (0–4,294,967,295)' }),
    durationMs: ms('simulated run length', 1, MAX_MS),
    workload: WorkloadSchema,
    client: z
      .strictObject({
        maxConcurrentRequests: count('requests the client keeps open at once; more are shed', 1, 10_000_000).optional(),
      })
      .default({})
      .meta({ description: 'The calling service' }),
    dependencies: z.array(DependencySchema).min(1).max(20),
    sagas: z.array(SagaSchema).max(10).default([]),
    timeline: z.array(TimelineEntrySchema).max(10_000).default([]),
    expect: z.array(ExpectationSchema).max(1_000).default([]),
  })
  .meta({ title: 'Faultline scenario', description: 'A Faultline scenario file (version 1)' });

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a file, before defaults. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Workload = z.infer<typeof WorkloadSchema>;

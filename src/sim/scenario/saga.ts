/** Saga workflows: multi-step orders whose steps call dependencies. */
import { z } from 'zod';
import { DistributionSchema } from './distributions';
import { count, identifier, ms, probability } from './units';

const StepRetrySchema = z
  .strictObject({
    maxAttempts: count('attempts, first included', 1, 100).default(3),
    initialIntervalMs: ms('first wait', 0, 3_600_000).default(1_000),
    backoffCoefficient: z.number().min(1).max(10).default(2),
  })
  .meta({ description: 'Retries of transient failures (Temporal defaults: 1 s, ×2, 3 attempts)' });

const LedgerEffectSchema = z.strictObject({
  resource: z.enum(['stock', 'money']),
  amount: z.number().min(0).max(1_000_000),
});

export const SagaStepSchema = z.strictObject({
  id: identifier('step name'),
  dependency: identifier('dependency the step calls'),
  kind: z
    .enum(['compensatable', 'pivot', 'retriable'])
    .meta({ description: 'compensatable steps come first, then one pivot, then retriable steps (Richardson)' }),
  businessFailureProbability: probability('chance the step is refused for a business reason (not retried)').default(0),
  compensation: z
    .strictObject({
      dependency: identifier('dependency the compensation calls'),
      failureProbability: probability('chance the compensation itself fails after its retries').default(0),
    })
    .optional(),
  retry: StepRetrySchema.default({ maxAttempts: 3, initialIntervalMs: 1_000, backoffCoefficient: 2 }),
  effect: LedgerEffectSchema.optional().meta({ description: 'what the step takes (stock reserved, money charged)' }),
});

export const SagaSchema = z.strictObject({
  id: identifier('unique saga id'),
  coordination: z.enum(['orchestration', 'choreography']).default('orchestration'),
  steps: z.array(SagaStepSchema).min(1).max(20),
  onCompensationFailure: z
    .enum(['stop', 'continue'])
    .default('stop')
    .meta({ description: "stop (Temporal Java's default) or record the error and continue (its Go sample)" }),
  eventBusDelay: DistributionSchema.default({ dist: 'constant', ms: 5 }).meta({
    description: 'delivery latency of the simulated event bus (choreography)',
  }),
});

export type SagaStep = z.infer<typeof SagaStepSchema>;
export type Saga = z.infer<typeof SagaSchema>;

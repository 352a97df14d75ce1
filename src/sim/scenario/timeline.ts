/**
 * The timeline: fault windows and live commands at simulated times. Everything a user does
 * during a run is appended here, so re-runs and shared links reproduce it.
 */
import { z } from 'zod';
import { BREAKER_STATES } from './policies';
import { ms, probability } from './units';

const target = z
  .string()
  .min(1)
  .max(80)
  .meta({ description: 'a dependency id (all its instances) or one instance as <dependency>/<index>' });

const faultBase = {
  type: z.literal('fault'),
  atMs: ms('when the fault starts'),
  durationMs: ms('how long it lasts', 1),
  target,
  label: z.string().max(80).optional(),
};

export const FaultSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...faultBase, kind: z.literal('error'), probability: probability('share of calls that fail') }),
    z.strictObject({
      ...faultBase,
      kind: z.literal('latency'),
      addedMs: ms('latency added to each call', 0, 3_600_000),
      jitterMs: ms('± uniform jitter on the added latency', 0, 3_600_000).default(0),
    }),
    z.strictObject({
      ...faultBase,
      kind: z.literal('outage'),
      responseMs: ms('time to the fast failure (connection refused)', 0, 60_000).default(1),
    }),
    z.strictObject({ ...faultBase, kind: z.literal('hang') }),
    z.strictObject({
      ...faultBase,
      kind: z.literal('capacity'),
      factor: z.number().min(0).max(1).meta({ description: 'share of concurrency left (0–1)' }),
    }),
  ])
  .meta({ description: 'A fault window on a target' });

export const SetCommandSchema = z
  .strictObject({
    type: z.literal('set'),
    atMs: ms('when the change applies'),
    target: z.string().min(1).max(80).meta({
      description: '"workload", a dependency id (its backend pool), <dependency>.<policy type>, or <dependency>/<index>',
    }),
    knob: z.string().min(1).max(60),
    value: z.union([z.number(), z.boolean(), z.string().max(40)]),
  })
  .meta({ description: 'Changes a knob at a simulated time' });

export const ForceCommandSchema = z
  .strictObject({
    type: z.literal('force'),
    atMs: ms('when the transition is requested'),
    machine: z.string().min(1).max(80).meta({ description: 'machine id, e.g. payments.circuitBreaker' }),
    state: z.enum(BREAKER_STATES),
  })
  .meta({ description: 'Forces a machine into a state (resilience4j transitionTo…State); illegal moves are logged and refused' });

export const TimelineEntrySchema = z.discriminatedUnion('type', [FaultSchema, SetCommandSchema, ForceCommandSchema]);

export type Fault = z.infer<typeof FaultSchema>;
export type FaultKind = Fault['kind'];
export type SetCommand = z.infer<typeof SetCommandSchema>;
export type ForceCommand = z.infer<typeof ForceCommandSchema>;
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

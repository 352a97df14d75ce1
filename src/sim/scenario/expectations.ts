/** Expectations: checks `--check` evaluates after the run. */
import { z } from 'zod';
import { ms } from './units';

const note = z.string().max(300).optional().meta({ description: 'why this should hold; printed when it fails' });

export const METRICS = [
  'p50',
  'p95',
  'p99',
  'meanLatencyMs',
  'maxLatencyMs',
  'errorRate',
  'throughputPerSec',
  'goodputPerSec',
  'generated',
  'succeeded',
  'fallback',
  'failed',
  'rejected',
  'timedOut',
  'attempts',
  'amplification',
  'sagasCompleted',
  'sagasCompensated',
  'sagasStuck',
  'failedCompensations',
] as const;
export type MetricName = (typeof METRICS)[number];

export const COMPARATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const ExpectationSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('reaches'),
      machine: z.string().min(1),
      state: z.string().min(1),
      byMs: ms('deadline: the machine is in the state at some moment at or before it'),
      note,
    })
    .meta({ description: 'machine M reaches state S by time T' }),
  z
    .strictObject({
      type: z.literal('neverReaches'),
      machine: z.string().min(1),
      state: z.string().min(1),
      byMs: ms('end of the period checked'),
      note,
    })
    .meta({ description: 'machine M is never in state S at or before time T' }),
  z
    .strictObject({
      type: z.literal('inState'),
      machine: z.string().min(1),
      state: z.string().min(1),
      atMs: ms('the moment checked'),
      note,
    })
    .meta({ description: 'machine M is in state S at time T' }),
  z
    .strictObject({
      type: z.literal('metric'),
      metric: z.enum(METRICS),
      dependency: z.string().optional().meta({ description: 'restrict to requests sent to this dependency' }),
      fromMs: ms('window start (inclusive)').default(0),
      toMs: ms('window end (exclusive); defaults to the end of the run').optional(),
      op: z.enum(COMPARATORS),
      value: z.number(),
      note,
    })
    .meta({ description: 'a metric over the requests that ended in [fromMs, toMs) compares to a value' }),
]);

export type Expectation = z.infer<typeof ExpectationSchema>;

/**
 * Field builders shared by the scenario schema: every duration is in milliseconds (`…Ms`), every
 * rate per second (`…PerSec`), every threshold in percent. Each carries its documented range, so
 * the validator, the generated JSON Schema and the docs agree.
 */
import { z } from 'zod';

/** Longest simulated run, and the longest single duration a knob may hold: 24 hours. */
export const MAX_MS = 86_400_000;

/** A duration in milliseconds within [min, max]. */
export const ms = (description: string, min = 0, max = MAX_MS) =>
  z.number().min(min).max(max).meta({ description: `${description} (ms, ${min}–${max.toLocaleString('en-US')})` });

/** A whole count within [min, max]. */
export const count = (description: string, min: number, max: number) =>
  z.number().int().min(min).max(max).meta({ description: `${description} (${min}–${max.toLocaleString('en-US')})` });

/** A percentage within [min, max]. */
export const percent = (description: string, min = 0, max = 100) =>
  z.number().min(min).max(max).meta({ description: `${description} (%, ${min}–${max})` });

/** A probability within [0, 1]. */
export const probability = (description: string) =>
  z.number().min(0).max(1).meta({ description: `${description} (0–1)` });

/** Identifier: letters, digits, '-' and '_', starting with a letter. */
export const identifier = (description: string) =>
  z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'an identifier: a letter, then letters, digits, "-" or "_" (at most 40)')
    .meta({ description });

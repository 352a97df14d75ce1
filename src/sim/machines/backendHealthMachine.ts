/**
 * One backend instance's health, as its balancer sees it:
 *  - active health checks (HAProxy): `rise` passes in a row mark it healthy, `fall` failures in
 *    a row mark it unhealthy;
 *  - passive outlier detection (Envoy): the pool ejects it after consecutive failures, for
 *    baseEjectionTime × the number of times it has been ejected (capped); it returns at a sweep;
 *  - slow start (Envoy): a host back in service spends slowStartMs WARMING while its weight ramps up.
 * HEALTHY and WARMING hosts take traffic; UNHEALTHY and EJECTED ones do not (unless the pool is in panic).
 */
import { assign, setup } from 'xstate';

export interface HealthConfig {
  rise: number;
  fall: number;
  slowStartMs: number;
}

export interface HealthContext {
  config: HealthConfig;
  now: () => number;
  passes: number;
  failures: number;
  /** Times ejected so far (Envoy's ejection multiplier; a sweep lowers it while the host stays in). */
  ejections: number;
  ejectedUntil: number;
  /** When the current slow start began. */
  warmingSince: number;
  cause: string;
}

export type HealthEvent =
  | { type: 'CHECK.PASSED' }
  | { type: 'CHECK.FAILED'; reason: string }
  | { type: 'EJECT'; durationMs: number; failures: number }
  | { type: 'SWEEP' };

const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const backendHealthMachine = setup({
  types: {
    context: {} as HealthContext,
    events: {} as HealthEvent,
    input: {} as { config: HealthConfig; now: () => number },
  },
  // Check guards run before the counting action, hence the + 1.
  guards: {
    failureReachesFall: ({ context }) => context.failures + 1 >= context.config.fall,
    passReachesRise: ({ context }) => context.passes + 1 >= context.config.rise,
    passReachesRiseWithSlowStart: ({ context }) => context.passes + 1 >= context.config.rise && context.config.slowStartMs > 0,
    ejectionOverButChecksFailing: ({ context }) => context.now() >= context.ejectedUntil && context.failures >= context.config.fall,
    ejectionOverWithSlowStart: ({ context }) => context.now() >= context.ejectedUntil && context.config.slowStartMs > 0,
    ejectionOver: ({ context }) => context.now() >= context.ejectedUntil,
  },
  actions: {
    countPass: assign({ passes: ({ context }) => context.passes + 1, failures: 0 }),
    countFailure: assign({ failures: ({ context }) => context.failures + 1, passes: 0 }),
    eject: assign(({ context, event }) => {
      if (event.type !== 'EJECT') return {};
      return {
        ejections: context.ejections + 1,
        ejectedUntil: context.now() + event.durationMs,
        cause: `${s(event.failures, 'consecutive failure')}: ejected for ${event.durationMs / 1000} s (ejection ${context.ejections + 1}; Envoy outlier detection)`,
      };
    }),
    // Envoy lowers the ejection multiplier at each sweep the host spends in service.
    relaxMultiplier: assign({ ejections: ({ context }) => Math.max(0, context.ejections - 1) }),
    startWarming: assign({ warmingSince: ({ context }) => context.now() }),
  },
  delays: {
    slowStart: ({ context }) => context.config.slowStartMs,
  },
}).createMachine({
  id: 'backendHealth',
  context: ({ input }) => ({
    config: input.config,
    now: input.now,
    passes: 0,
    failures: 0,
    ejections: 0,
    ejectedUntil: 0,
    warmingSince: 0,
    cause: 'initial state',
  }),
  initial: 'HEALTHY',
  states: {
    HEALTHY: {
      on: {
        'CHECK.PASSED': { actions: 'countPass' },
        'CHECK.FAILED': [
          {
            guard: 'failureReachesFall',
            target: 'UNHEALTHY',
            actions: ['countFailure', assign({ cause: ({ context, event }) => `${s(context.failures, 'failed health check')} in a row (fall ${context.config.fall}): ${event.type === 'CHECK.FAILED' ? event.reason : ''}` })],
          },
          { actions: 'countFailure' },
        ],
        EJECT: { target: 'EJECTED', actions: 'eject' },
        SWEEP: { actions: 'relaxMultiplier' },
      },
    },
    WARMING: {
      entry: 'startWarming',
      after: {
        slowStart: { target: 'HEALTHY', actions: assign({ cause: ({ context }) => `slow start over after ${context.config.slowStartMs / 1000} s: full weight` }) },
      },
      on: {
        'CHECK.PASSED': { actions: 'countPass' },
        'CHECK.FAILED': [
          {
            guard: 'failureReachesFall',
            target: 'UNHEALTHY',
            actions: ['countFailure', assign({ cause: ({ context }) => `${s(context.failures, 'failed health check')} in a row (fall ${context.config.fall}) while warming up` })],
          },
          { actions: 'countFailure' },
        ],
        EJECT: { target: 'EJECTED', actions: 'eject' },
      },
    },
    UNHEALTHY: {
      on: {
        'CHECK.FAILED': { actions: 'countFailure' },
        'CHECK.PASSED': [
          {
            guard: 'passReachesRiseWithSlowStart',
            target: 'WARMING',
            actions: ['countPass', assign({ cause: ({ context }) => `${s(context.passes, 'passed health check')} in a row (rise ${context.config.rise}): back, warming up over ${context.config.slowStartMs / 1000} s` })],
          },
          {
            guard: 'passReachesRise',
            target: 'HEALTHY',
            actions: ['countPass', assign({ cause: ({ context }) => `${s(context.passes, 'passed health check')} in a row (rise ${context.config.rise})` })],
          },
          { actions: 'countPass' },
        ],
      },
    },
    EJECTED: {
      on: {
        'CHECK.PASSED': { actions: 'countPass' },
        'CHECK.FAILED': { actions: 'countFailure' },
        SWEEP: [
          { guard: 'ejectionOverButChecksFailing', target: 'UNHEALTHY', actions: assign({ cause: 'ejection time over, but its health checks are failing' }) },
          {
            guard: 'ejectionOverWithSlowStart',
            target: 'WARMING',
            actions: assign({ cause: ({ context }) => `ejection time over at a sweep: back, warming up over ${context.config.slowStartMs / 1000} s` }),
          },
          { guard: 'ejectionOver', target: 'HEALTHY', actions: assign({ cause: 'ejection time over at a sweep: back in service' }) },
        ],
      },
    },
  },
});


/** Slow-start weight factor (Envoy, aggression 1): linear from 10% to 100% over the window. */
export function slowStartFactor(sinceMs: number, windowMs: number): number {
  if (windowMs <= 0 || sinceMs >= windowMs) return 1;
  return Math.max(0.1, sinceMs / windowMs);
}

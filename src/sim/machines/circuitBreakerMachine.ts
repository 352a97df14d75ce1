/**
 * Circuit breaker with resilience4j's semantics (CircuitBreakerStateMachine).
 *
 * The engine sends one event per finished call ('CALL.FINISHED') and one per trial permit
 * ('PERMIT.REQUESTED'); it reads whether a call is permitted from the snapshot, as resilience4j's
 * CLOSED state grants a permit without recording anything. OPEN's wait runs on the simulated
 * clock the actor was created with.
 */
import { assign, emit, setup } from 'xstate';
import type { BreakerStateName } from '../scenario/policies';
import { BreakerMetrics, exceedsThresholds, type MetricsConfig } from './breakerMetrics';
import { describeHalfOpenVerdict, describeTrip, fmtMs } from './breakerCauses';

/** Every breaker knob, resolved (defaults filled in). */
export interface BreakerConfig extends MetricsConfig {
  slowCallDurationThresholdMs: number;
  waitDurationInOpenStateMs: number;
  waitIntervalMultiplier: number;
  maxWaitDurationInOpenStateMs?: number;
  permittedNumberOfCallsInHalfOpenState: number;
  maxWaitDurationInHalfOpenStateMs: number;
  automaticTransitionFromOpenToHalfOpenEnabled: boolean;
  initialState: 'CLOSED' | 'DISABLED' | 'METRICS_ONLY' | 'FORCED_OPEN';
}

export interface BreakerContext {
  config: BreakerConfig;
  /** Simulated now, for the time window and the wait in OPEN. */
  now: () => number;
  metrics: BreakerMetrics;
  halfOpenPermitsIssued: number;
  /** Consecutive openings (resilience4j "attempts"), reset when the breaker closes. */
  openings: number;
  openedAtMs: number;
  /** Wait of the current opening. */
  waitMs: number;
  /** Why the latest transition happened, in words. */
  cause: string;
  /** METRICS_ONLY publishes each threshold breach once. */
  breachReported: boolean;
}

export type BreakerEvent =
  | { type: 'CALL.FINISHED'; failed: boolean; durationMs: number }
  | { type: 'PERMIT.REQUESTED' }
  | { type: 'PERMIT.RELEASED' }
  | { type: 'FORCE'; to: BreakerStateName }
  | { type: 'CONFIG.UPDATED'; config: BreakerConfig };

export type BreakerEmitted = { type: 'notice'; text: string };

export interface BreakerInput {
  config: BreakerConfig;
  now: () => number;
}

/** Legal manual transitions (resilience4j StateTransition); CLOSED→HALF_OPEN and METRICS_ONLY→OPEN/HALF_OPEN are not. */
export const LEGAL_TRANSITIONS: Record<BreakerStateName, readonly BreakerStateName[]> = {
  CLOSED: ['CLOSED', 'OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN'],
  OPEN: ['OPEN', 'CLOSED', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN'],
  HALF_OPEN: ['HALF_OPEN', 'CLOSED', 'OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN'],
  FORCED_OPEN: ['FORCED_OPEN', 'CLOSED', 'OPEN', 'DISABLED', 'METRICS_ONLY', 'HALF_OPEN'],
  DISABLED: ['DISABLED', 'CLOSED', 'OPEN', 'FORCED_OPEN', 'HALF_OPEN', 'METRICS_ONLY'],
  METRICS_ONLY: ['METRICS_ONLY', 'CLOSED', 'FORCED_OPEN', 'DISABLED'],
};

/** Wait in OPEN for the n-th consecutive opening: base × multiplier^(n−1), capped. */
export function waitForOpening(config: BreakerConfig, openings: number): number {
  let wait = config.waitDurationInOpenStateMs;
  for (let i = 1; i < openings; i++) wait *= config.waitIntervalMultiplier;
  const cap = config.maxWaitDurationInOpenStateMs;
  return cap !== undefined && wait > cap ? cap : wait;
}

/** FORCE transitions out of a state, one per legal target (the guard and cause take the target as a parameter). */
function forceTransitions(from: BreakerStateName) {
  return LEGAL_TRANSITIONS[from].map((to) => ({
    guard: { type: 'forcedTo' as const, params: { state: to } },
    target: `#circuitBreaker.${to}`,
    reenter: true,
    actions: { type: 'noteForced' as const, params: { state: to } },
  }));
}

export const circuitBreakerMachine = setup({
  types: {
    context: {} as BreakerContext,
    events: {} as BreakerEvent,
    input: {} as BreakerInput,
    emitted: {} as BreakerEmitted,
  },
  guards: {
    thresholdsExceeded: ({ context }) => exceedsThresholds(context.metrics.lastResult),
    trialCallsBelowThresholds: ({ context }) => context.metrics.lastResult === 'BELOW_THRESHOLDS',
    waitInOpenElapsed: ({ context }) => context.now() > context.openedAtMs + context.waitMs,
    halfOpenPermitAvailable: ({ context }) => context.halfOpenPermitsIssued < context.config.permittedNumberOfCallsInHalfOpenState,
    automaticTransitionEnabled: ({ context }) => context.config.automaticTransitionFromOpenToHalfOpenEnabled,
    maxWaitInHalfOpenSet: ({ context }) => context.config.maxWaitDurationInHalfOpenStateMs > 0,
    forcedTo: ({ event }, params: { state: BreakerStateName }) => event.type === 'FORCE' && event.to === params.state,
  },
  actions: {
    // Mutates the window in place: see breakerMetrics.ts for why.
    recordCall: ({ context, event }) => {
      if (event.type !== 'CALL.FINISHED') return;
      context.metrics.record(event.failed, event.durationMs > context.config.slowCallDurationThresholdMs, context.now());
    },
    freshMetrics: assign({ metrics: ({ context }) => new BreakerMetrics(context.config) }),
    freshHalfOpenMetrics: assign({
      metrics: ({ context }) => BreakerMetrics.forHalfOpen(context.config.permittedNumberOfCallsInHalfOpenState, context.config),
      // The call that moves OPEN→HALF_OPEN takes the first trial permit.
      halfOpenPermitsIssued: ({ event }) => (event.type === 'PERMIT.REQUESTED' ? 1 : 0),
    }),
    startOpening: assign(({ context }) => {
      const openings = context.openings + 1;
      return { openings, openedAtMs: context.now(), waitMs: waitForOpening(context.config, openings) };
    }),
    resetOpenings: assign({ openings: 0, breachReported: false }),
    noteForced: assign((_, params: { state: BreakerStateName }) => ({ cause: `forced to ${params.state} by a command` })),
    takePermit: assign({ halfOpenPermitsIssued: ({ context }) => context.halfOpenPermitsIssued + 1 }),
    releasePermit: assign({ halfOpenPermitsIssued: ({ context }) => Math.max(0, context.halfOpenPermitsIssued - 1) }),
    // New thresholds apply to the calls already in the window; a new window shape starts afresh.
    applyConfig: assign(({ context, event }) => {
      if (event.type !== 'CONFIG.UPDATED') return {};
      const reshaped = !context.metrics.halfOpen && BreakerMetrics.reshapes(context.config, event.config);
      return { config: event.config, metrics: reshaped ? new BreakerMetrics(event.config) : context.metrics.retune(event.config) };
    }),
    reportBreach: emit(({ context }) => ({
      type: 'notice' as const,
      text: `METRICS_ONLY: ${describeTrip(context)}; a breaker would open, this one only reports`,
    })),
  },
  delays: {
    waitInOpen: ({ context }) => context.waitMs,
    maxWaitInHalfOpen: ({ context }) => context.config.maxWaitDurationInHalfOpenStateMs,
  },
}).createMachine({
  id: 'circuitBreaker',
  context: ({ input }) => ({
    config: input.config,
    now: input.now,
    metrics: new BreakerMetrics(input.config),
    halfOpenPermitsIssued: 0,
    openings: 0,
    openedAtMs: 0,
    waitMs: 0,
    cause: `initial state ${input.config.initialState}`,
    breachReported: false,
  }),
  initial: 'initializing',
  on: {
    'CONFIG.UPDATED': { actions: 'applyConfig' },
  },
  states: {
    // Resolves the scenario's initialState without an extra visible state.
    initializing: {
      always: [
        { guard: ({ context }) => context.config.initialState === 'DISABLED', target: 'DISABLED' },
        { guard: ({ context }) => context.config.initialState === 'METRICS_ONLY', target: 'METRICS_ONLY' },
        { guard: ({ context }) => context.config.initialState === 'FORCED_OPEN', target: 'FORCED_OPEN' },
        { target: 'CLOSED' },
      ],
    },
    CLOSED: {
      tags: ['permitting'],
      entry: ['freshMetrics', 'resetOpenings'],
      on: {
        'CALL.FINISHED': { actions: 'recordCall' },
        FORCE: forceTransitions('CLOSED'),
      },
      always: {
        guard: 'thresholdsExceeded',
        target: 'OPEN',
        actions: assign({ cause: ({ context }) => describeTrip(context) }),
      },
    },
    OPEN: {
      tags: ['rejecting'],
      entry: 'startOpening',
      after: {
        waitInOpen: {
          guard: 'automaticTransitionEnabled',
          target: 'HALF_OPEN',
          actions: assign({ cause: ({ context }) => `wait of ${fmtMs(context.waitMs)} in OPEN is over (automatic transition)` }),
        },
      },
      on: {
        // Late results of calls permitted before the breaker opened are still recorded.
        'CALL.FINISHED': { actions: 'recordCall' },
        'PERMIT.REQUESTED': {
          guard: 'waitInOpenElapsed',
          target: 'HALF_OPEN',
          actions: assign({
            cause: ({ context }) => `first call after the ${fmtMs(context.waitMs)} wait in OPEN takes a trial permit`,
          }),
        },
        FORCE: forceTransitions('OPEN'),
      },
    },
    HALF_OPEN: {
      tags: ['trial'],
      entry: 'freshHalfOpenMetrics',
      after: {
        maxWaitInHalfOpen: {
          guard: 'maxWaitInHalfOpenSet',
          target: 'OPEN',
          actions: assign({
            cause: ({ context }) =>
              `maxWaitDurationInHalfOpenState ${fmtMs(context.config.maxWaitDurationInHalfOpenStateMs)} expired after ${context.metrics.recorded} of ${context.config.permittedNumberOfCallsInHalfOpenState} trial calls`,
          }),
        },
      },
      on: {
        'CALL.FINISHED': { actions: 'recordCall' },
        'PERMIT.REQUESTED': { guard: 'halfOpenPermitAvailable', actions: 'takePermit' },
        'PERMIT.RELEASED': { actions: 'releasePermit' },
        FORCE: forceTransitions('HALF_OPEN'),
      },
      always: [
        { guard: 'thresholdsExceeded', target: 'OPEN', actions: assign({ cause: ({ context }) => describeHalfOpenVerdict(context, true) }) },
        {
          guard: 'trialCallsBelowThresholds',
          target: 'CLOSED',
          actions: assign({ cause: ({ context }) => describeHalfOpenVerdict(context, false) }),
        },
      ],
    },
    DISABLED: {
      tags: ['permitting'],
      on: { FORCE: forceTransitions('DISABLED') },
    },
    METRICS_ONLY: {
      tags: ['permitting'],
      entry: ['freshMetrics', 'resetOpenings'],
      on: {
        'CALL.FINISHED': { actions: 'recordCall' },
        FORCE: forceTransitions('METRICS_ONLY'),
      },
      always: {
        guard: ({ context }) => !context.breachReported && exceedsThresholds(context.metrics.lastResult),
        actions: ['reportBreach', assign({ breachReported: true })],
      },
    },
    FORCED_OPEN: {
      tags: ['rejecting'],
      on: { FORCE: forceTransitions('FORCED_OPEN') },
    },
  },
});

export type CircuitBreakerMachine = typeof circuitBreakerMachine;

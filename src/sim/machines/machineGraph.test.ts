import { describe, expect, it } from 'vitest';
import { and, createMachine, not, or } from 'xstate';
import { backendHealthMachine } from './backendHealthMachine';
import { bulkheadMachine } from './bulkheadMachine';
import { circuitBreakerMachine } from './circuitBreakerMachine';
import type { MachineGraph } from './graphTypes';
import { machineGraph } from './machineGraph';
import { rateLimiterMachine } from './rateLimiterMachine';
import { retryBudgetMachine } from './retryBudgetMachine';
import { sagaCoordinatorMachine } from './sagaCoordinatorMachine';

/** Edges as sorted lines "FROM→TO event [guards]", so a failure shows the difference at a glance. */
const lines = (g: MachineGraph): string[] => g.edges.map((e) => `${e.from}→${e.to} ${e.event} [${e.guards.join(', ')}]`).sort();
const sorted = (xs: string[]): string[] => [...xs].sort();

/** resilience4j's legal manual transitions, spelt out independently of LEGAL_TRANSITIONS. */
const FORCE_TARGETS: Record<string, string> = {
  CLOSED: 'CLOSED OPEN DISABLED METRICS_ONLY FORCED_OPEN',
  OPEN: 'OPEN CLOSED HALF_OPEN DISABLED METRICS_ONLY FORCED_OPEN',
  HALF_OPEN: 'HALF_OPEN CLOSED OPEN DISABLED METRICS_ONLY FORCED_OPEN',
  DISABLED: 'DISABLED CLOSED OPEN FORCED_OPEN HALF_OPEN METRICS_ONLY',
  METRICS_ONLY: 'METRICS_ONLY CLOSED FORCED_OPEN DISABLED',
  FORCED_OPEN: 'FORCED_OPEN CLOSED OPEN DISABLED METRICS_ONLY HALF_OPEN',
};
const forceEdges = Object.entries(FORCE_TARGETS).flatMap(([from, tos]) => tos.split(' ').map((to) => `${from}→${to} FORCE [forcedTo]`));

describe('machineGraph', () => {
  it('draws the circuit breaker from its definition, with the transient initializing state resolved', () => {
    const g = machineGraph('circuitBreaker', circuitBreakerMachine, ['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN']);
    expect(g.kind).toBe('circuitBreaker');
    expect(g.states).toEqual(['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN']);
    // initializing's inline guards pick a configured initialState; its unguarded default is CLOSED.
    expect(g.initial).toBe('CLOSED');
    expect(lines(g)).toEqual(
      sorted([
        'CLOSED→OPEN always [thresholdsExceeded]',
        'OPEN→HALF_OPEN PERMIT.REQUESTED [waitInOpenElapsed]',
        'OPEN→HALF_OPEN after waitInOpen [automaticTransitionEnabled]',
        'HALF_OPEN→OPEN always [thresholdsExceeded]',
        'HALF_OPEN→CLOSED always [trialCallsBelowThresholds]',
        'HALF_OPEN→OPEN after maxWaitInHalfOpen [maxWaitInHalfOpenSet]',
        ...forceEdges,
      ]),
    );
    expect(g.edges.some((e) => e.from === 'CLOSED' && e.to === 'HALF_OPEN')).toBe(false);
    expect(g.states).not.toContain('initializing');
  });

  it('draws the bulkhead: each state follows the counts to either other one', () => {
    const g = machineGraph('bulkhead', bulkheadMachine, ['AVAILABLE', 'SATURATED', 'FULL']);
    expect(g.initial).toBe('AVAILABLE');
    expect(lines(g)).toEqual(
      sorted([
        'AVAILABLE→SATURATED always [countsCallFor]',
        'AVAILABLE→FULL always [countsCallFor]',
        'SATURATED→AVAILABLE always [countsCallFor]',
        'SATURATED→FULL always [countsCallFor]',
        'FULL→AVAILABLE always [countsCallFor]',
        'FULL→SATURATED always [countsCallFor]',
      ]),
    );
  });

  it('draws the fixed-window rate limiter through its sorting nodes, PERMITS_AVAILABLE ⇄ EXHAUSTED only', () => {
    const g = machineGraph('rateLimiter', rateLimiterMachine, ['PERMITS_AVAILABLE', 'EXHAUSTED']);
    expect(g.initial).toBe('PERMITS_AVAILABLE');
    // CONFIG.UPDATED re-enters through `sorting`; a kind change goes through `initializing`
    // (statically the fixedWindow branch cannot be ruled out, so it is drawn too).
    const viaConfig = (from: string) => [
      `${from}→PERMITS_AVAILABLE CONFIG.UPDATED [permitLeftInCycle]`,
      `${from}→EXHAUSTED CONFIG.UPDATED []`,
      `${from}→PERMITS_AVAILABLE CONFIG.UPDATED [kindChanged, fixedWindowConfigured, permitLeftInCycle]`,
      `${from}→EXHAUSTED CONFIG.UPDATED [kindChanged, fixedWindowConfigured]`,
    ];
    expect(lines(g)).toEqual(
      sorted([
        'PERMITS_AVAILABLE→EXHAUSTED always [not permitLeftInCycle]',
        'EXHAUSTED→PERMITS_AVAILABLE always [permitLeftInCycle]',
        'EXHAUSTED→EXHAUSTED after untilNextCycle []',
        ...viaConfig('PERMITS_AVAILABLE'),
        ...viaConfig('EXHAUSTED'),
      ]),
    );
    const states = new Set(g.edges.flatMap((e) => [e.from, e.to]));
    expect([...states].sort()).toEqual(['EXHAUSTED', 'PERMITS_AVAILABLE']);
    expect(JSON.stringify(g)).not.toContain('sorting');
  });

  it('draws the token-bucket rate limiter, ignoring the transitions inside TOKENS_AVAILABLE', () => {
    const g = machineGraph('rateLimiter', rateLimiterMachine, ['TOKENS_AVAILABLE', 'EMPTY']);
    expect(g.initial).toBe('TOKENS_AVAILABLE');
    const viaConfig = (from: string) => [
      `${from}→TOKENS_AVAILABLE CONFIG.UPDATED [tokenLeft]`,
      `${from}→EMPTY CONFIG.UPDATED []`,
      `${from}→TOKENS_AVAILABLE CONFIG.UPDATED [kindChanged, tokenLeft]`,
      `${from}→EMPTY CONFIG.UPDATED [kindChanged]`,
    ];
    expect(lines(g)).toEqual(
      sorted([
        'TOKENS_AVAILABLE→EMPTY always [not tokenLeft]',
        'EMPTY→TOKENS_AVAILABLE after untilNextFill []',
        ...viaConfig('TOKENS_AVAILABLE'),
        ...viaConfig('EMPTY'),
      ]),
    );
    expect(JSON.stringify(g)).not.toMatch(/sorting|refilling|full\b/);
  });

  it('draws the retry budget', () => {
    const g = machineGraph('retryBudget', retryBudgetMachine, ['RETRIES_ALLOWED', 'RETRIES_REFUSED']);
    expect(g.initial).toBe('RETRIES_ALLOWED');
    expect(lines(g)).toEqual(['RETRIES_ALLOWED→RETRIES_REFUSED always [retriesRefused]', 'RETRIES_REFUSED→RETRIES_ALLOWED always [retriesAllowed]']);
  });

  it('draws backend health, one edge per guarded branch', () => {
    const g = machineGraph('backendHealth', backendHealthMachine, ['HEALTHY', 'WARMING', 'UNHEALTHY', 'EJECTED']);
    expect(g.initial).toBe('HEALTHY');
    expect(lines(g)).toEqual(
      sorted([
        'HEALTHY→UNHEALTHY CHECK.FAILED [failureReachesFall]',
        'HEALTHY→EJECTED EJECT []',
        'WARMING→UNHEALTHY CHECK.FAILED [failureReachesFall]',
        'WARMING→EJECTED EJECT []',
        'WARMING→HEALTHY after slowStart []',
        'UNHEALTHY→WARMING CHECK.PASSED [passReachesRiseWithSlowStart]',
        'UNHEALTHY→HEALTHY CHECK.PASSED [passReachesRise]',
        'EJECTED→UNHEALTHY SWEEP [ejectionOverButChecksFailing]',
        'EJECTED→WARMING SWEEP [ejectionOverWithSlowStart]',
        'EJECTED→HEALTHY SWEEP [ejectionOver]',
      ]),
    );
  });

  it('draws the saga coordinator, with re-entries as self-loops and nothing out of the final states', () => {
    const g = machineGraph('sagaCoordinator', sagaCoordinatorMachine, ['EXECUTING', 'COMPENSATING', 'COMMITTED', 'COMPENSATED', 'STUCK']);
    expect(g.initial).toBe('EXECUTING');
    expect(lines(g)).toEqual(
      sorted([
        'EXECUTING→COMMITTED STEP.SUCCEEDED [lastStep]',
        'EXECUTING→EXECUTING STEP.SUCCEEDED []',
        'EXECUTING→STUCK STEP.FAILED [pivotAlreadyDone]',
        'EXECUTING→COMPENSATED STEP.FAILED [nothingToCompensate]',
        'EXECUTING→COMPENSATING STEP.FAILED []',
        'COMPENSATING→STUCK COMPENSATION.SUCCEEDED [lastCompensationWithFailures]',
        'COMPENSATING→COMPENSATED COMPENSATION.SUCCEEDED [lastCompensation]',
        'COMPENSATING→COMPENSATING COMPENSATION.SUCCEEDED []',
        'COMPENSATING→STUCK COMPENSATION.FAILED [stopOnCompensationFailure]',
        'COMPENSATING→STUCK COMPENSATION.FAILED [lastCompensation]',
        'COMPENSATING→COMPENSATING COMPENSATION.FAILED []',
      ]),
    );
  });

  it('names inline, and/or and numeric-delay transitions, and reaches a visible state through a nested target', () => {
    const m = createMachine({
      id: 'toy',
      initial: 'A',
      states: {
        A: {
          on: {
            GO: { guard: () => true, target: 'B' },
            BOTH: { guard: and(['x', not('y')]), target: 'B' },
            EITHER: { guard: or(['x', 'y']), target: 'B.inner' },
          },
          after: { 250: 'B' },
        },
        B: { initial: 'inner', states: { inner: { on: { BACK: '#toy.A' } } } },
      },
    });
    expect(lines(machineGraph('toy', m, ['A', 'B']))).toEqual(
      sorted(['A→B GO [condition]', 'A→B BOTH [x, not y]', 'A→B EITHER [x or y]', 'A→B after 250 ms []']),
    );
  });

  it('says which states it could not find', () => {
    expect(() => machineGraph('retryBudget', retryBudgetMachine, ['RETRIES_ALLOWED', 'NOPE'])).toThrow(
      /NOPE not found in machine "retryBudget"; its states are RETRIES_ALLOWED, RETRIES_REFUSED/,
    );
  });
});

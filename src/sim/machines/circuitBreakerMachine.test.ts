import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock';
import { BreakerComponent, Permit } from '../components/breakerComponent';
import type { BreakerConfig } from './circuitBreakerMachine';

const base: BreakerConfig = {
  slidingWindowType: 'COUNT_BASED',
  slidingWindowSize: 10,
  minimumNumberOfCalls: 5,
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDurationThresholdMs: 60_000,
  waitDurationInOpenStateMs: 5_000,
  waitIntervalMultiplier: 1,
  permittedNumberOfCallsInHalfOpenState: 4,
  maxWaitDurationInHalfOpenStateMs: 0,
  automaticTransitionFromOpenToHalfOpenEnabled: false,
  initialState: 'CLOSED',
  tripComparison: 'atOrAbove',
};

function harness(overrides: Partial<BreakerConfig> = {}) {
  const clock = new SimClock();
  const transitions: string[] = [];
  const notices: string[] = [];
  const breaker = new BreakerComponent(
    'dep.circuitBreaker',
    { ...base, ...overrides },
    clock,
    (from, to, cause) => transitions.push(`${from}->${to}: ${cause}`),
    (text) => notices.push(text),
  );
  /** One call that is permitted, runs for durationMs and ends failed or not. */
  const call = (failed: boolean, durationMs = 10) => {
    const permit = breaker.tryAcquire();
    expect(permit).not.toBe(Permit.Rejected);
    breaker.onResult(failed, durationMs);
  };
  const advanceTo = (ms: number) => clock.runUntil(ms);
  const failureRate = () => breaker.actor.getSnapshot().context.metrics.failureRate(clock.now);
  return { clock, breaker, call, transitions, notices, advanceTo, failureRate };
}

const F = true;
const S = false;

describe('resilience4j check 1: minimum number of calls', () => {
  it('F, F, F, S stay CLOSED with rate -1; a 5th call S opens at 60%; the next attempt is rejected and counted', () => {
    const h = harness();
    for (const outcome of [F, F, F, S]) h.call(outcome);
    expect(h.breaker.state).toBe('CLOSED');
    expect(h.failureRate()).toBe(-1);
    h.call(S); // a success trips it: 3 of 5 failed
    expect(h.breaker.state).toBe('OPEN');
    expect(h.transitions[0]).toContain('failure rate 60% ≥ 50% (3 of 5 failed)');
    expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    expect(h.breaker.notPermitted).toBe(1);
  });
});

describe('resilience4j check 2: the comparison is ≥', () => {
  it('S, S, S, F, F stay CLOSED at 40%; one more F opens at 3 of 6 = 50%', () => {
    const h = harness();
    for (const outcome of [S, S, S, F, F]) h.call(outcome);
    expect(h.breaker.state).toBe('CLOSED');
    expect(h.failureRate()).toBe(40);
    h.call(F);
    expect(h.breaker.state).toBe('OPEN');
  });

  it('the "above" profile (cockatiel, opossum) does not trip at exactly the threshold', () => {
    const h = harness({ tripComparison: 'above' });
    for (const outcome of [S, S, S, F, F, F]) h.call(outcome);
    expect(h.breaker.state).toBe('CLOSED');
    h.call(F); // 4 of 7 = 57%
    expect(h.breaker.state).toBe('OPEN');
  });
});

function openIt(h: ReturnType<typeof harness>) {
  for (let i = 0; i < 5; i++) h.call(F);
  expect(h.breaker.state).toBe('OPEN');
}

describe('resilience4j check 3: half-open trial calls', () => {
  it('with 4 permits, F, S, S, S closes it; a 5th permit request while 4 are in flight is refused', () => {
    const h = harness({ permittedNumberOfCallsInHalfOpenState: 4 });
    openIt(h);
    h.advanceTo(5_001);
    const permits = [h.breaker.tryAcquire(), h.breaker.tryAcquire(), h.breaker.tryAcquire(), h.breaker.tryAcquire()];
    expect(permits).toEqual([Permit.Trial, Permit.Trial, Permit.Trial, Permit.Trial]);
    expect(h.breaker.state).toBe('HALF_OPEN');
    expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    for (const outcome of [F, S, S]) h.breaker.onResult(outcome, 10);
    expect(h.breaker.state).toBe('HALF_OPEN'); // still waiting for the 4th trial call
    h.breaker.onResult(S, 10);
    expect(h.breaker.state).toBe('CLOSED');
    expect(h.transitions.at(-1)).toContain('failure rate 25% < 50% (1 of 4 failed)');
  });

  it('trial calls at or above the threshold reopen it', () => {
    const h = harness({ permittedNumberOfCallsInHalfOpenState: 4 });
    openIt(h);
    h.advanceTo(5_001);
    for (let i = 0; i < 4; i++) expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
    for (const outcome of [F, F, S, S]) h.breaker.onResult(outcome, 10);
    expect(h.breaker.state).toBe('OPEN');
  });

  it('a released (cancelled) trial permit can be taken again', () => {
    const h = harness({ permittedNumberOfCallsInHalfOpenState: 1 });
    openIt(h);
    h.advanceTo(5_001);
    expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
    expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    h.breaker.release();
    expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
  });

  it('maxWaitDurationInHalfOpenState sends it back to OPEN when the trial calls take too long', () => {
    const h = harness({ maxWaitDurationInHalfOpenStateMs: 2_000 });
    openIt(h);
    h.advanceTo(5_001);
    h.breaker.tryAcquire();
    h.advanceTo(7_000);
    expect(h.breaker.state).toBe('HALF_OPEN');
    h.advanceTo(7_002);
    expect(h.breaker.state).toBe('OPEN');
    expect(h.transitions.at(-1)).toContain('maxWaitDurationInHalfOpenState 2 s expired');
  });
});

describe('resilience4j check 4: wait in OPEN', () => {
  it('with a 5 s wait, calls at +3 s are rejected and a call at +6 s goes through in HALF_OPEN', () => {
    const h = harness();
    openIt(h);
    h.advanceTo(3_000);
    expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    h.advanceTo(6_000);
    expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
    expect(h.breaker.state).toBe('HALF_OPEN');
  });

  it('the transition needs a call strictly after the wait', () => {
    const h = harness();
    openIt(h);
    h.advanceTo(5_000);
    expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    h.advanceTo(5_000.001);
    expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
  });

  it('an exponential wait (5 s × 1.5 per opening) makes the second opening wait 7.5 s, reset on CLOSED', () => {
    const h = harness({ waitIntervalMultiplier: 1.5, permittedNumberOfCallsInHalfOpenState: 1 });
    openIt(h);
    h.advanceTo(5_001);
    expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
    h.breaker.onResult(F, 10); // reopens at 5001
    expect(h.breaker.state).toBe('OPEN');
    expect(h.breaker.actor.getSnapshot().context.waitMs).toBe(7_500);
    h.advanceTo(5_001 + 7_400);
    expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    h.advanceTo(5_001 + 7_501);
    expect(h.breaker.tryAcquire()).toBe(Permit.Trial);
    h.breaker.onResult(S, 10);
    expect(h.breaker.state).toBe('CLOSED');
    openIt(h);
    expect(h.breaker.actor.getSnapshot().context.waitMs).toBe(5_000);
  });

  it('automatic transition: a timer on the simulated clock moves OPEN→HALF_OPEN without any call', () => {
    const h = harness({ automaticTransitionFromOpenToHalfOpenEnabled: true });
    openIt(h);
    h.advanceTo(4_999);
    expect(h.breaker.state).toBe('OPEN');
    h.advanceTo(5_001);
    expect(h.breaker.state).toBe('HALF_OPEN');
    expect(h.transitions.at(-1)).toContain('automatic transition');
  });
});

describe('other rules', () => {
  it('slow calls are strictly longer than the threshold and trip on the slow-call rate', () => {
    const h = harness({ slowCallDurationThresholdMs: 100, slowCallRateThreshold: 60 });
    for (let i = 0; i < 5; i++) h.call(S, 100); // exactly 100 ms is not slow
    expect(h.breaker.state).toBe('CLOSED');
    for (let i = 0; i < 3; i++) h.call(S, 100.5);
    expect(h.breaker.state).toBe('CLOSED'); // 3 of 8
    for (let i = 0; i < 3; i++) h.call(S, 150);
    expect(h.breaker.state).toBe('OPEN'); // 6 of 10 = 60%
    expect(h.transitions[0]).toContain('slow-call rate 60% ≥ 60%');
  });

  it('COUNT_BASED caps minimumNumberOfCalls at the window size', () => {
    const h = harness({ slidingWindowSize: 4, minimumNumberOfCalls: 100 });
    for (const outcome of [F, S, F]) h.call(outcome);
    expect(h.breaker.state).toBe('CLOSED');
    h.call(S); // 2 of 4 = 50%
    expect(h.breaker.state).toBe('OPEN');
  });

  it('TIME_BASED counts only the calls of the last N seconds', () => {
    const h = harness({ slidingWindowType: 'TIME_BASED', slidingWindowSize: 2, minimumNumberOfCalls: 4 });
    h.call(F);
    h.call(F);
    h.call(F);
    h.advanceTo(2_500); // the three failures fall out of the 2-second window
    h.call(S);
    h.call(S);
    h.call(S);
    expect(h.breaker.state).toBe('CLOSED');
    h.call(F); // 1 of 4 in the window
    expect(h.breaker.state).toBe('CLOSED');
    h.call(F); // 2 of 5 = 40%
    h.call(F); // 3 of 6 = 50%
    expect(h.breaker.state).toBe('OPEN');
  });

  it('DISABLED passes everything and records nothing', () => {
    const h = harness({ initialState: 'DISABLED' });
    for (let i = 0; i < 20; i++) h.call(F);
    expect(h.breaker.state).toBe('DISABLED');
    expect(h.breaker.actor.getSnapshot().context.metrics.recorded).toBe(0);
  });

  it('METRICS_ONLY passes and records, reports the breach once, and never opens', () => {
    const h = harness({ initialState: 'METRICS_ONLY' });
    for (let i = 0; i < 20; i++) h.call(F);
    expect(h.breaker.state).toBe('METRICS_ONLY');
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]).toContain('failure rate 100%');
  });

  it('FORCED_OPEN rejects everything, counts the rejections and never leaves by itself', () => {
    const h = harness({ initialState: 'FORCED_OPEN', automaticTransitionFromOpenToHalfOpenEnabled: true });
    for (let i = 0; i < 3; i++) expect(h.breaker.tryAcquire()).toBe(Permit.Rejected);
    h.advanceTo(1_000_000);
    expect(h.breaker.state).toBe('FORCED_OPEN');
    expect(h.breaker.notPermitted).toBe(3);
  });

  it('forcing CLOSED→HALF_OPEN is illegal and refused; legal moves are logged with their cause', () => {
    const h = harness();
    expect(h.breaker.force('HALF_OPEN')).toBe(false);
    expect(h.breaker.state).toBe('CLOSED');
    expect(h.breaker.force('FORCED_OPEN')).toBe(true);
    expect(h.breaker.state).toBe('FORCED_OPEN');
    expect(h.transitions.at(-1)).toBe('CLOSED->FORCED_OPEN: forced to FORCED_OPEN by a command');
    expect(h.breaker.force('HALF_OPEN')).toBe(true);
    expect(h.breaker.force('METRICS_ONLY')).toBe(true);
    expect(h.breaker.force('OPEN')).toBe(false); // METRICS_ONLY→OPEN is not a resilience4j transition
  });

  it('CLOSED starts with empty metrics after forcing CLOSED again', () => {
    const h = harness();
    for (const outcome of [F, F, F, S]) h.call(outcome);
    h.breaker.force('CLOSED');
    h.call(F);
    expect(h.breaker.state).toBe('CLOSED');
    expect(h.breaker.actor.getSnapshot().context.metrics.recorded).toBe(1);
  });

  it('results of calls that finish after the breaker opened are recorded but change nothing', () => {
    const h = harness();
    const early = h.breaker.tryAcquire();
    expect(early).toBe(Permit.Free);
    openIt(h);
    h.breaker.onResult(S, 10);
    expect(h.breaker.state).toBe('OPEN');
  });

  it('a live threshold change applies to the calls already in the window', () => {
    const h = harness();
    for (const outcome of [S, S, S, F, F]) h.call(outcome);
    expect(h.breaker.state).toBe('CLOSED');
    h.breaker.updateConfig({ ...h.breaker.config, failureRateThreshold: 30 });
    h.call(S); // 2 of 6 = 33% ≥ 30%
    expect(h.breaker.state).toBe('OPEN');
  });
});

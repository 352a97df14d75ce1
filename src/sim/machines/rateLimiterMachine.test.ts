import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock';
import { RATE_LIMITER_STATES, RateLimiterComponent } from '../components/rateLimiterComponent';
import type { RateLimiterPolicy } from '../scenario/policies';
import { fullCyclesToWait, refreshedPermissions } from './rateLimiterMachine';

const fixedWindow = (limitForPeriod: number, limitRefreshPeriodMs: number, timeoutDurationMs: number): RateLimiterPolicy => ({
  type: 'rateLimiter',
  kind: 'fixedWindow',
  limitForPeriod,
  limitRefreshPeriodMs,
  timeoutDurationMs,
});
const tokenBucket = (maxTokens: number, tokensPerFill: number, fillIntervalMs: number): RateLimiterPolicy => ({
  type: 'rateLimiter',
  kind: 'tokenBucket',
  maxTokens,
  tokensPerFill,
  fillIntervalMs,
});

function harness(policy: RateLimiterPolicy) {
  const clock = new SimClock();
  const log: string[] = [];
  const transitions: string[] = [];
  const notices: string[] = [];
  const limiter = new RateLimiterComponent('dep.rateLimiter', policy, clock, {
    onTransition: (from, to, cause) => transitions.push(`${clock.now} ${from}->${to}: ${cause}`),
    onNotice: (text) => notices.push(text),
  });
  /** Asks for a permit as caller `name`; logs what it gets and when. */
  const call = (name: string) =>
    limiter.acquire(
      () => log.push(`${name} permitted@${clock.now}`),
      () => log.push(`${name} rejected@${clock.now}`),
    );
  /** Outcomes of `n` callers asking now: 'allow' or 'deny' each. */
  const burst = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) limiter.acquire(() => out.push('allow'), () => out.push('deny'));
    return out;
  };
  /** Runs every event up to and including time t. */
  const advanceThrough = (t: number) => clock.runUntil(t + 0.5);
  return { clock, limiter, log, transitions, notices, call, burst, advanceThrough };
}

describe('fixed window (resilience4j AtomicRateLimiter)', () => {
  it('limitForPeriod 2, period 1 s, timeout 0: two permits, then rejections until t=1000', () => {
    const h = harness(fixedWindow(2, 1_000, 0));
    expect(h.burst(3)).toEqual(['allow', 'allow', 'deny']);
    h.clock.runUntil(999);
    expect(h.burst(1)).toEqual(['deny']);
    h.clock.runUntil(1_000);
    expect(h.burst(3)).toEqual(['allow', 'allow', 'deny']);
    expect(h.limiter.figures()).toEqual({ kind: 'fixedWindow', available: 0, permitted: 4, rejected: 3, waited: 0 });
  });

  it('does not carry permits over idle cycles: after 5 idle seconds still only 2', () => {
    const h = harness(fixedWindow(2, 1_000, 0));
    h.clock.runUntil(5_500);
    expect(h.limiter.figures().available).toBe(2);
    expect(h.burst(3)).toEqual(['allow', 'allow', 'deny']);
  });

  it('timeout 1.5 s: the 3rd and 4th callers at t=0 wait until t=1000; the 5th would wait 2 s and is rejected at once', () => {
    const h = harness(fixedWindow(2, 1_000, 1_500));
    for (const name of ['1', '2', '3', '4', '5']) h.call(name);
    expect(h.log).toEqual(['1 permitted@0', '2 permitted@0', '5 rejected@0']);
    h.clock.runUntil(1_000);
    expect(h.log).toHaveLength(3);
    h.advanceThrough(1_000);
    expect(h.log.slice(3)).toEqual(['3 permitted@1000', '4 permitted@1000']);
    expect(h.limiter.figures()).toMatchObject({ permitted: 4, rejected: 1, waited: 2, available: 0 });
  });

  it('reserved permits use up the next cycle: a caller at t=1000 waits until t=2000', () => {
    const h = harness(fixedWindow(2, 1_000, 1_500));
    for (const name of ['1', '2', '3', '4']) h.call(name);
    h.clock.schedule(1_000, () => h.call('6'));
    h.clock.runUntil(3_000);
    expect(h.log).toEqual(['1 permitted@0', '2 permitted@0', '3 permitted@1000', '4 permitted@1000', '6 permitted@2000']);
  });

  it('a waiting caller can be withdrawn: never called back, its reserved permit stays used', () => {
    const h = harness(fixedWindow(1, 1_000, 5_000));
    h.call('1');
    const withdraw = h.call('2');
    h.clock.runUntil(500);
    withdraw();
    h.clock.runUntil(1_500);
    expect(h.log).toEqual(['1 permitted@0']);
    expect(h.limiter.figures()).toMatchObject({ available: 0, waited: 1, permitted: 1, rejected: 0 });
  });

  it('EXHAUSTED with causes; a timer brings PERMITS_AVAILABLE back at the next cycle without any call', () => {
    const h = harness(fixedWindow(2, 1_000, 0));
    h.burst(2);
    expect(h.limiter.state).toBe('EXHAUSTED');
    h.advanceThrough(1_000);
    expect(h.limiter.state).toBe('PERMITS_AVAILABLE');
    expect(h.transitions).toEqual([
      '0 PERMITS_AVAILABLE->EXHAUSTED: all 2 permits of the cycle ending at 1 s used; callers are rejected until then (timeoutDuration 0)',
      '1000 EXHAUSTED->PERMITS_AVAILABLE: cycle from 1 s began: 2 permits of 2 left',
    ]);
  });

  it('stays EXHAUSTED through cycles whose permits were reserved ahead', () => {
    const h = harness(fixedWindow(2, 1_000, 1_500));
    h.burst(4); // two now, two reserved from the cycle starting at 1 s
    expect(h.transitions).toEqual([
      '0 PERMITS_AVAILABLE->EXHAUSTED: all 2 permits of the cycle ending at 1 s used; callers wait up to 1.5 s for a permit of a coming cycle',
    ]);
    h.advanceThrough(1_000);
    expect(h.limiter.state).toBe('EXHAUSTED');
    h.advanceThrough(2_000);
    expect(h.transitions[1]).toBe('2000 EXHAUSTED->PERMITS_AVAILABLE: cycle from 2 s began: 2 permits of 2 left');
  });

  it('update(): a new limitForPeriod applies from the next cycle, a new timeout to the next caller', () => {
    const h = harness(fixedWindow(2, 1_000, 0));
    h.burst(2);
    h.limiter.update(fixedWindow(4, 1_000, 0));
    expect(h.notices).toEqual(['limitForPeriod 4 applies from the next cycle (resilience4j changeLimitForPeriod)']);
    expect(h.burst(1)).toEqual(['deny']);
    h.clock.runUntil(1_000);
    expect(h.burst(5)).toEqual(['allow', 'allow', 'allow', 'allow', 'deny']);
    h.limiter.update(fixedWindow(4, 1_000, 1_000));
    h.call('w');
    h.advanceThrough(2_000);
    expect(h.log).toEqual(['w permitted@2000']);
  });

  it('computes resilience4j’s full cycles to wait and its capped refresh', () => {
    expect([1, 0, -1, -2, -3, -4].map((p) => fullCyclesToWait(p, 2))).toEqual([0, 0, 0, 1, 1, 2]);
    expect(refreshedPermissions(-3, 0, 1, 2)).toBe(-1);
    expect(refreshedPermissions(-3, 0, 5, 2)).toBe(2);
    expect(refreshedPermissions(1, 4, 4, 2)).toBe(1);
  });
});

describe('token bucket (Envoy local rate limit)', () => {
  it('bucket 1, fill 1: allow, deny, deny; after a fill: allow, deny; two fills in a row still give only 1', () => {
    const h = harness(tokenBucket(1, 1, 200));
    expect(h.burst(3)).toEqual(['allow', 'deny', 'deny']);
    h.advanceThrough(200);
    expect(h.burst(2)).toEqual(['allow', 'deny']);
    h.advanceThrough(600); // fills at 400 and 600
    expect(h.burst(2)).toEqual(['allow', 'deny']);
    expect(h.limiter.figures()).toEqual({ kind: 'tokenBucket', available: 0, permitted: 3, rejected: 4, waited: 0 });
  });

  it('starts full at maxTokens and never waits', () => {
    const h = harness(tokenBucket(3, 1, 1_000));
    for (const name of ['a', 'b', 'c', 'd']) h.call(name);
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0', 'c permitted@0', 'd rejected@0']);
  });

  it('fills every fillInterval from time 0 whatever the requests do, with causes', () => {
    const h = harness(tokenBucket(2, 1, 100));
    h.clock.schedule(50, () => h.burst(2));
    h.clock.runUntil(100);
    expect(h.limiter.state).toBe('EMPTY');
    h.advanceThrough(100);
    expect(h.limiter.state).toBe('TOKENS_AVAILABLE');
    h.advanceThrough(200);
    expect(h.limiter.figures().available).toBe(2);
    expect(h.transitions).toEqual([
      '50 TOKENS_AVAILABLE->EMPTY: bucket empty (max 2); requests are denied until the next fill of 1 token (every 100 ms)',
      '100 EMPTY->TOKENS_AVAILABLE: fill added 1 token: 1 of 2 in the bucket',
    ]);
  });

  it('a full bucket times no fill; once a token is taken, fills resume on the grid from time 0', () => {
    const h = harness(tokenBucket(2, 1, 100));
    h.clock.runUntil(250);
    expect(h.clock.pending).toBe(0);
    expect(h.burst(1)).toEqual(['allow']);
    h.advanceThrough(299);
    expect(h.limiter.figures().available).toBe(1);
    h.advanceThrough(300);
    expect(h.limiter.figures().available).toBe(2);
    h.clock.runUntil(1_000);
    expect(h.clock.pending).toBe(0);
  });

  it('update(): a smaller bucket drops the excess, a new interval fills on its own grid from time 0', () => {
    const h = harness(tokenBucket(5, 1, 100));
    h.clock.runUntil(50);
    h.limiter.update(tokenBucket(2, 1, 100));
    expect(h.limiter.figures().available).toBe(2);
    h.burst(2);
    h.limiter.update(tokenBucket(2, 2, 300));
    expect(h.notices).toEqual(['fills now every 300 ms, counted from time 0']);
    h.advanceThrough(299);
    expect(h.limiter.state).toBe('EMPTY');
    h.advanceThrough(300);
    expect(h.limiter.figures().available).toBe(2);
  });
});

describe('rate limiter states and kinds', () => {
  it('exports the visible states of both kinds', () => {
    expect(RATE_LIMITER_STATES).toEqual(['PERMITS_AVAILABLE', 'EXHAUSTED', 'TOKENS_AVAILABLE', 'EMPTY']);
  });

  it('a change of kind starts afresh and notices the learner', () => {
    const h = harness(fixedWindow(1, 1_000, 0));
    h.burst(1);
    h.limiter.update(tokenBucket(2, 1, 100));
    expect(h.limiter.state).toBe('TOKENS_AVAILABLE');
    expect(h.limiter.figures()).toMatchObject({ kind: 'tokenBucket', available: 2 });
    expect(h.notices[0]).toContain('fixedWindow → tokenBucket');
    expect(h.transitions.at(-1)).toMatch(/^0 EXHAUSTED->TOKENS_AVAILABLE/);
  });

  it('stop() drops waiting callers without calling them back', () => {
    const h = harness(fixedWindow(1, 1_000, 5_000));
    h.call('a');
    h.call('b');
    h.limiter.stop();
    h.clock.runUntil(5_000);
    expect(h.log).toEqual(['a permitted@0']);
  });
});

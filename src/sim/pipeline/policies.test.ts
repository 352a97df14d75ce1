/** Retry, retry budgets and fallback, exercised through the engine on small scenarios. */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { SimClock } from '../clock';
import { Simulation } from '../engine';
import { retryBudgetMachine } from '../machines/retryBudgetMachine';
import { buildReport } from '../report';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';

function run(pipeline: unknown[], extra: Partial<ScenarioInput> = {}) {
  const input = {
    version: 1,
    id: 'p',
    name: 'p',
    durationMs: 10_000,
    workload: { arrivals: 'constant', ratePerSec: 10 },
    dependencies: [{ id: 'api', backends: { count: 1, concurrency: 100, queueLength: 100, serviceTime: { dist: 'constant', ms: 10 } }, pipeline }],
    ...extra,
  } as ScenarioInput;
  const sim = new Simulation(parseScenario(input, 'test'));
  sim.runToEnd();
  const report = buildReport(sim);
  sim.stop();
  return report;
}

const alwaysFailing = { timeline: [{ type: 'fault', kind: 'error', target: 'api', atMs: 0, durationMs: 10_000, probability: 1 }] } as Partial<ScenarioInput>;

describe('retry', () => {
  it('resilience4j counts every call: maxAttempts 3 = 1 call + 2 retries', () => {
    const r = run([{ type: 'retry', maxAttempts: 3, backoff: { kind: 'constant', baseMs: 1 } }], alwaysFailing);
    expect(r.totals.generated).toBe(100);
    expect(r.totals.attempts).toBe(300);
    expect(r.policies[0].retry).toEqual({ retries: 200, exhausted: 100, refusedByBudget: 0 });
    expect(r.totals.failed).toBe(100);
  });

  it('Polly/cockatiel count retries: maxAttempts 3 with countsFirstCall false = 1 call + 3 retries', () => {
    const r = run([{ type: 'retry', maxAttempts: 3, countsFirstCall: false, backoff: { kind: 'constant', baseMs: 1 } }], alwaysFailing);
    expect(r.totals.attempts).toBe(400);
  });

  it('retries only the outcomes in retryOn', () => {
    const r = run([{ type: 'retry', maxAttempts: 3, retryOn: ['timeout'], backoff: { kind: 'constant', baseMs: 1 } }], alwaysFailing);
    expect(r.totals.attempts).toBe(100);
  });

  it('a retry meets a fresh draw: with 50% errors most requests succeed within 3 attempts', () => {
    const r = run([{ type: 'retry', maxAttempts: 3, backoff: { kind: 'constant', baseMs: 1 } }], {
      timeline: [{ type: 'fault', kind: 'error', target: 'api', atMs: 0, durationMs: 10_000, probability: 0.5 }],
    });
    expect(r.totals.succeeded).toBeGreaterThan(80); // 1 − 0.5³ = 87.5% expected
    expect(r.totals.attempts).toBeGreaterThan(150);
  });

  it('latency includes the backoff waits', () => {
    const r = run([{ type: 'retry', maxAttempts: 2, backoff: { kind: 'constant', baseMs: 100 } }], alwaysFailing);
    expect(r.latencyMs.max).toBe(120); // 10 ms, 100 ms wait, 10 ms
  });

  it('an overall timeout outside the retry stops further attempts', () => {
    const r = run([{ type: 'timeout', timeoutMs: 50 }, { type: 'retry', maxAttempts: 5, backoff: { kind: 'constant', baseMs: 20 } }], alwaysFailing);
    expect(r.totals.timedOut).toBe(100);
    expect(r.totals.attempts).toBe(200); // 0 ms and 30 ms; the third would start at 60 ms, after the timeout
  });
});

describe('retry budgets', () => {
  it('Envoy: retries in flight stay within max(min, percent × active)', () => {
    const clock = new SimClock();
    const a = createActor(retryBudgetMachine, { clock, input: { config: { kind: 'envoy', budgetPercent: 20, minRetryConcurrency: 3 } } }).start();
    for (let i = 0; i < 20; i++) a.send({ type: 'ATTEMPT.STARTED', retry: false });
    expect(a.getSnapshot().value).toBe('RETRIES_ALLOWED');
    for (let i = 0; i < 4; i++) a.send({ type: 'ATTEMPT.STARTED', retry: true }); // 4 retries of 24 active: limit 4
    expect(a.getSnapshot().value).toBe('RETRIES_REFUSED');
    a.send({ type: 'ATTEMPT.ENDED', retry: true, result: 'success' });
    expect(a.getSnapshot().value).toBe('RETRIES_ALLOWED'); // 3 < max(3, floor(0.2 × 23) = 4)
  });

  it('gRPC throttling: tokens start full, a failure takes 1, a success adds the ratio; retry only above half', () => {
    const clock = new SimClock();
    const a = createActor(retryBudgetMachine, { clock, input: { config: { kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 } } }).start();
    const end = (result: 'success' | 'retryable' | 'other') => {
      a.send({ type: 'ATTEMPT.STARTED', retry: false });
      a.send({ type: 'ATTEMPT.ENDED', retry: false, result });
    };
    for (let i = 0; i < 4; i++) end('retryable');
    expect(a.getSnapshot().context.tokens).toBe(6);
    expect(a.getSnapshot().value).toBe('RETRIES_ALLOWED');
    end('retryable'); // 5 is not > 5
    expect(a.getSnapshot().value).toBe('RETRIES_REFUSED');
    end('other'); // non-retryable failures do not count
    expect(a.getSnapshot().context.tokens).toBe(5);
    end('success');
    expect(a.getSnapshot().context.tokens).toBeCloseTo(5.1, 10);
    expect(a.getSnapshot().value).toBe('RETRIES_ALLOWED');
  });

  it('a budget caps amplification through the engine', () => {
    const withBudget = run([{ type: 'retry', maxAttempts: 5, backoff: { kind: 'constant', baseMs: 1 }, budget: { kind: 'grpc', maxTokens: 4, tokenRatio: 0.1 } }], alwaysFailing);
    // Tokens fall from 4 to 3 (retry allowed: 3 > 2), then to 2: no retry is allowed after that.
    expect(withBudget.totals.attempts).toBe(101);
    expect(withBudget.policies[0].retry!.refusedByBudget).toBe(100); // request 1 after its retry, the rest after their first call
  });
});

describe('fallback', () => {
  it('answers failures with the fallback after responseMs; counted as fallback, not failed', () => {
    const r = run([{ type: 'fallback', source: 'default', responseMs: 5 }], alwaysFailing);
    expect(r.totals.fallback).toBe(100);
    expect(r.totals.failed).toBe(0);
    expect(r.latencyMs.max).toBe(15);
  });

  it('a cache misses with 1 − cacheHitProbability, and then the failure stands', () => {
    const r = run([{ type: 'fallback', source: 'cache', cacheHitProbability: 0.7 }], { ...alwaysFailing, workload: { arrivals: 'constant', ratePerSec: 200 } });
    const share = r.totals.fallback / r.totals.generated;
    expect(share).toBeGreaterThan(0.66);
    expect(share).toBeLessThan(0.74);
    expect(r.totals.fallback + r.totals.failed).toBe(r.totals.generated - r.totals.inFlight);
  });
});

import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors';
import { parseScenario, parseScenarioText } from './validate';

const minimal = () => ({
  version: 1,
  id: 'demo',
  name: 'Demo',
  durationMs: 10_000,
  workload: { ratePerSec: 10 },
  dependencies: [{ id: 'api', pipeline: [{ type: 'circuitBreaker' }] }],
});

/** The error lines for a scenario, as "path: message". */
function errorsOf(data: unknown): string[] {
  try {
    parseScenario(data, 'demo.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the scenario to be rejected');
}

describe('parseScenario', () => {
  it('fills in resilience4j defaults', () => {
    const s = parseScenario(minimal(), 'demo.json');
    const cb = s.dependencies[0].pipeline[0];
    expect(cb).toMatchObject({ slidingWindowType: 'COUNT_BASED', slidingWindowSize: 100, minimumNumberOfCalls: 100, failureRateThreshold: 50 });
    expect(s.seed).toBe(1);
    expect(s.workload.arrivals).toBe('poisson');
  });

  it('names the file, the field path and what was expected', () => {
    const data = minimal();
    (data.dependencies[0].pipeline[0] as Record<string, unknown>).failureRateThreshold = 150;
    const err = (() => {
      try {
        parseScenario(data, 'scenarios/demo.json');
      } catch (e) {
        return e as ScenarioError;
      }
    })()!;
    expect(err.oneLine).toBe('scenarios/demo.json: dependencies[0].pipeline[0].failureRateThreshold: expected at most 100, got 150');
  });

  it('reports wrong types, missing fields and unknown values', () => {
    expect(errorsOf({ ...minimal(), durationMs: 'long' })).toEqual(['durationMs: expected a number, got "long"']);
    const { durationMs: _, ...noDuration } = minimal();
    expect(errorsOf(noDuration)).toEqual(['durationMs: is required: expected a number']);
    expect(errorsOf({ ...minimal(), workload: { ratePerSec: 10, arrivals: 'bursty' } })).toEqual([
      'workload.arrivals: expected one of "poisson", "constant", got "bursty"',
    ]);
    const badPolicy = minimal();
    badPolicy.dependencies[0].pipeline = [{ type: 'circuitbreaker' }];
    expect(errorsOf(badPolicy)[0]).toMatch(/^dependencies\[0\]\.pipeline\[0\]\.type: expected one of "timeout", "circuitBreaker"/);
  });

  it('catches knobs at 0 or 10^9', () => {
    expect(errorsOf({ ...minimal(), workload: { ratePerSec: 1e9 } })).toEqual(['workload.ratePerSec: expected at most 100000, got 1000000000']);
    const zero = minimal();
    zero.dependencies[0].pipeline = [{ type: 'timeout', timeoutMs: 0 } as never];
    expect(errorsOf(zero)).toEqual(['dependencies[0].pipeline[0].timeoutMs: expected at least 1, got 0']);
  });

  it('suggests the field meant by a typo', () => {
    const typo = minimal();
    typo.dependencies[0].pipeline = [{ type: 'circuitBreaker', failureRateTreshold: 30 } as never];
    expect(errorsOf(typo)).toEqual(['dependencies[0].pipeline[0].failureRateTreshold: unknown field (did you mean "failureRateThreshold"?)']);
  });

  it('rejects unknown fault targets, machines, knobs and dependencies', () => {
    const s = {
      ...minimal(),
      timeline: [
        { type: 'fault', kind: 'outage', target: 'apii', atMs: 0, durationMs: 10 },
        { type: 'fault', kind: 'outage', target: 'api/3', atMs: 0, durationMs: 10 },
        { type: 'force', atMs: 5, machine: 'api.bulkhead', state: 'OPEN' },
        { type: 'set', atMs: 5, target: 'api.circuitBreaker', knob: 'failureRate', value: 10 },
        { type: 'set', atMs: 5, target: 'api.circuitBreaker', knob: 'failureRateThreshold', value: 1000 },
      ],
      expect: [{ type: 'reaches', machine: 'api.circuitBreaker', state: 'SHUT', byMs: 10 }],
    };
    const errors = errorsOf(s);
    expect(errors[0]).toBe('timeline[0].target: unknown fault target "apii" (did you mean "api"?): expected a dependency id (api) or <dependency>/<index>');
    expect(errors[1]).toBe('timeline[1].target: unknown fault target "api/3": "api" has instances 0–0');
    expect(errors[2]).toMatch(/^timeline\[2\]\.machine: unknown machine "api.bulkhead".*known: api\.circuitBreaker/);
    expect(errors[3]).toMatch(/^timeline\[3\]\.knob: "api.circuitBreaker" has no knob "failureRate" \(did you mean "failureRateThreshold"\?\)/);
    expect(errors[4]).toBe('timeline[4].value: expected at most 100, got 1000');
    expect(errors[5]).toMatch(/^expect\[0\]\.state: expected one of "CLOSED", "OPEN"/);
  });

  it('rejects another format version with a clear message', () => {
    expect(errorsOf({ ...minimal(), version: 2 })).toEqual(['version: this build reads scenario format version 1, got 2']);
  });

  it('reports unparseable JSON with its line and column', () => {
    expect(() => parseScenarioText('{\n  "version": 1,\n  oops\n}', 'x.json')).toThrow(/^x\.json: not valid JSON: .*line 3, column 3/);
  });
});

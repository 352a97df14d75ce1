import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the CLI as `npm run sim` does (through tsx), without npm's own output. */
function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
function scenarioFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const preset = (id: string) => JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8'));

describe('npm run sim', () => {
  it('prints a readable summary by default', () => {
    const r = sim('scenarios/outage-with-breaker.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Faultline · outage-with-breaker');
    expect(r.stdout).toMatch(/payments\.circuitBreaker {2}CLOSED → OPEN: failure rate/);
  });

  it('--json prints one bounded JSON object with the documented fields, byte-identical on a re-run', () => {
    const a = sim('scenarios/outage-with-breaker.json', '--json');
    const b = sim('scenarios/outage-with-breaker.json', '--json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['scenario', 'seed', 'simulatedMs', 'totals', 'latencyMs', 'transitions', 'series', 'backends']));
    expect(Object.keys(report.totals)).toEqual(['generated', 'succeeded', 'fallback', 'failed', 'rejected', 'timedOut', 'inFlight', 'attempts']);
    expect(Object.keys(report.latencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p95', 'p99', 'max']));
    expect(report.transitions[0]).toEqual({ atMs: expect.any(Number), machine: 'payments.circuitBreaker', from: 'CLOSED', to: 'OPEN', cause: expect.stringContaining('failure rate') });
    expect(report.series.bucketMs).toBe(1000);
    expect(report.series.points).toHaveLength(120);
  });

  it('--csv prints the series of every request and of each dependency, matching the --json series', () => {
    const csv = sim('scenarios/bulkhead-isolation.json', '--csv');
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    const cols = header.split(',');
    expect(cols.slice(0, 3)).toEqual(['scope', 'tMs', 'bucketMs']);
    const report = JSON.parse(sim('scenarios/bulkhead-isolation.json', '--json').stdout);
    const all = rows.filter((r) => r.startsWith('all,')).map((r) => r.split(','));
    expect(all).toHaveLength(report.series.points.length);
    const first = report.series.points[0];
    for (const [i, name] of cols.entries()) {
      if (i < 3) continue;
      expect(all[0][i]).toBe(first[name] === null ? '' : String(first[name]));
    }
    const scopes = new Set(rows.map((r) => r.split(',')[0]));
    expect([...scopes]).toEqual(['all', ...report.policies.map((p: { dependency: string }) => p.dependency)]);
    expect(sim('scenarios/bulkhead-isolation.json', '--csv', '--json').code).toBe(2);
  });

  it('--seed changes the traffic and is echoed in the report', () => {
    const a = JSON.parse(sim('scenarios/outage-with-breaker.json', '--json').stdout);
    const b = JSON.parse(sim('scenarios/outage-with-breaker.json', '--json', '--seed', '7').stdout);
    expect(b.seed).toBe(7);
    expect(b.totals.generated).not.toBe(a.totals.generated);
  });

  it('the two outage presets see identical traffic (common random numbers)', () => {
    const a = JSON.parse(sim('scenarios/outage-no-breaker.json', '--json').stdout);
    const b = JSON.parse(sim('scenarios/outage-with-breaker.json', '--json').stdout);
    expect(a.totals.generated).toBe(b.totals.generated);
    expect(a.series.points.slice(0, 30)).toEqual(b.series.points.slice(0, 30));
  });

  it('--check passes the presets and exits 1 with a readable report when an expectation fails', () => {
    for (const id of ['outage-with-breaker', 'outage-no-breaker']) expect(sim(`scenarios/${id}.json`, '--check').code).toBe(0);
    const s = preset('outage-with-breaker');
    s.expect = [{ type: 'inState', machine: 'payments.circuitBreaker', state: 'OPEN', atMs: 100000, note: 'deliberately wrong' }];
    const r = sim(scenarioFile('failing.json', s), '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ payments.circuitBreaker is CLOSED at 100000 ms, expected OPEN');
    expect(r.stdout).toContain('why it should hold: deliberately wrong');
  });

  it.each([
    ['unparseable JSON', '{ "version": 1,', /^.*bad\.json: not valid JSON: .*line 1/],
    ['a wrong type', { ...preset('outage-with-breaker'), durationMs: 'long' }, /bad\.json: durationMs: expected a number, got "long"$/],
    ['an out-of-range knob', { ...preset('outage-with-breaker'), workload: { ratePerSec: 1e9 } }, /bad\.json: workload\.ratePerSec: expected at most 100000, got 1000000000$/],
    [
      'an unknown fault target',
      { ...preset('outage-with-breaker'), timeline: [{ type: 'fault', kind: 'hang', target: 'payment', atMs: 0, durationMs: 5 }] },
      /bad\.json: timeline\[0\]\.target: unknown fault target "payment" \(did you mean "payments"\?\)/,
    ],
  ])('exits 2 with one line for %s', (_, content, pattern) => {
    const r = sim(scenarioFile('bad.json', content));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(pattern);
  });

  it('exits 2 for a missing file, a bad seed and unknown options', () => {
    expect(sim('nope.json').stderr).toMatch(/^nope\.json: cannot read the file \(ENOENT\)/);
    expect(sim('nope.json').code).toBe(2);
    const seed = sim('scenarios/outage-with-breaker.json', '--seed', '-3');
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/--seed: expected a whole number/);
    expect(sim('scenarios/outage-with-breaker.json', '--fast').code).toBe(2);
  });
});

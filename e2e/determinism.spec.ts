import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { expect, test } from './fixtures';

const presets = readdirSync('scenarios').filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

test.describe('the browser run is byte-identical to the CLI', () => {
  for (const id of presets) {
    test(`preset ${id}`, async ({ labPage, lab }) => {
      const cli = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', `scenarios/${id}.json`, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      await labPage.open(`?preset=${id}`);
      const state = await lab.state();
      await lab.advance(state.durationMs);
      const browser = await lab.report();
      expect(`${JSON.stringify(browser)}\n`).toBe(cli);
    });
  }
});

test('deterministic math: ln, exp and the normal quantile give the same bits in Chromium as in Node', async ({ page }) => {
  const bundle = await build({ entryPoints: ['src/sim/math.ts'], bundle: true, format: 'iife', globalName: 'faultlineMath', write: false, platform: 'browser' });
  const source = bundle.outputFiles[0].text;
  const inputs = Array.from({ length: 20_000 }, (_, i) => ((i + 0.5) / 20_000) * 50 - 25);
  const probs = Array.from({ length: 5_000 }, (_, i) => (i + 0.5) / 5_000);
  const compute = (m: { ln: (x: number) => number; exp: (x: number) => number; normalQuantile: (p: number) => number }, xs: number[], ps: number[]) => ({
    ln: xs.map((x) => m.ln(Math.abs(x) + 1e-9)),
    exp: xs.map((x) => m.exp(x)),
    q: ps.map((p) => m.normalQuantile(p)),
  });
  await page.goto('/');
  await page.addScriptTag({ content: source });
  const inBrowser = await page.evaluate(
    ([xs, ps]) => {
      const m = (window as unknown as { faultlineMath: { ln: (x: number) => number; exp: (x: number) => number; normalQuantile: (p: number) => number } }).faultlineMath;
      return { ln: xs.map((x) => m.ln(Math.abs(x) + 1e-9)), exp: xs.map((x) => m.exp(x)), q: ps.map((p) => m.normalQuantile(p)) };
    },
    [inputs, probs] as const,
  );
  const math = await import('../src/sim/math');
  const inNode = compute(math, inputs, probs);
  // Compare bit patterns, not just values within a tolerance.
  const bits = (xs: number[]) => Buffer.from(new Float64Array(xs).buffer).toString('base64');
  expect(bits(inBrowser.ln)).toBe(bits(inNode.ln));
  expect(bits(inBrowser.exp)).toBe(bits(inNode.exp));
  expect(bits(inBrowser.q)).toBe(bits(inNode.q));
});

import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/** Encodes a scenario as a `?s=` value the way the page does (deflate-raw, base64url). */
const encode = (scenario: unknown) => `1.${deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url')}`;
const preset = (id: string) => JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8'));

test.describe('links', () => {
  test('?preset=…&seed=…&t=… opens paused at that simulated time', async ({ labPage, lab }) => {
    await labPage.open('?preset=outage-with-breaker&seed=42&t=45000');
    const s = await lab.state();
    expect(s).toMatchObject({ scenario: 'outage-with-breaker', seed: 42, simulatedMs: 45_000, playing: false });
    expect(s.machines['payments.circuitBreaker']).toMatch(/OPEN|HALF_OPEN/);
    await expect(labPage.simTime).toHaveText('45.0 s');
    await expect(labPage.playButton).toHaveAccessibleName('Play');
  });

  test('a ?s= link carries a whole scenario and replays it', async ({ labPage, lab }) => {
    const scenario = { ...preset('outage-no-breaker'), id: 'shared-run', name: 'A shared run', seed: 9 };
    await labPage.open(`?s=${encode(scenario)}&t=20000`);
    const s = await lab.state();
    expect(s).toMatchObject({ scenario: 'shared-run', seed: 9, simulatedMs: 20_000 });
    await expect(labPage.page.getByTestId('scenario-name')).toHaveText('A shared run');
  });

  test('the share button makes a link that reproduces the same totals, live commands included', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(5_000);
    await lab.inject({ kind: 'error', target: 'payments', durationMs: 5_000, probability: 0.5 });
    await lab.advance(10_000);
    const before = await lab.metrics();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Link copied|address bar/ })).toBeVisible();
    const url = page.url();
    expect(url).toContain('?s=1.');
    expect(url).toContain('t=15000');
    await page.goto(url);
    await expect.poll(async () => (await lab.state().catch(() => null))?.simulatedMs).toBe(15_000);
    expect((await lab.metrics()).totals).toEqual(before.totals);
  });

  test('a broken ?s= link says what is wrong and the default scenario still works', async ({ labPage, lab }) => {
    await labPage.open('?s=1.this-is-not-deflate');
    await expect(labPage.banner).toContainText('link: s: the scenario data is damaged');
    expect((await lab.state()).scenario).toBe('outage-with-breaker');
    await lab.advance(1_000);
    expect((await lab.metrics()).totals.generated).toBeGreaterThan(0);
  });

  test('a ?s= link with an invalid scenario names the field', async ({ labPage }) => {
    const bad = { ...preset('outage-with-breaker'), durationMs: -5 };
    await labPage.open(`?s=${encode(bad)}`);
    await expect(labPage.banner).toContainText('link: durationMs: expected at least 1, got -5');
    await expect(labPage.page.getByTestId('scenario-name')).toHaveText('Payments outage, with a circuit breaker');
  });

  test('bad seed and preset parameters are reported, not fatal', async ({ labPage, lab }) => {
    await labPage.open('?preset=nope&seed=abc');
    await expect(labPage.banner).toContainText('link: preset: unknown preset "nope"');
    await expect(labPage.banner).toContainText('link: seed: expected a whole number');
    expect((await lab.state()).scenario).toBe('outage-with-breaker');
  });
});

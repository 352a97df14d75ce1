/** Export (run JSON, series CSV), import (a scenario file, an exported run, bad files) and the last scenario surviving a reload. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const preset = (id: string) => JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8'));

/** Clicks an export menu item and returns the downloaded file's name and text. */
async function exportFile(page: Page, item: RegExp): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'File ▾' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

/** Opens a file through the Open… button's file input. */
async function openFile(page: Page, name: string, content: string): Promise<void> {
  await page.getByTestId('open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

test.describe('export, import and keeping the last scenario', () => {
  test('exports the run as JSON (scenario with live commands + the CLI report) and its series as CSV', async ({ labPage, lab, page, consoleErrors }) => {
    await labPage.open('?preset=outage-no-breaker&seed=7');
    await lab.advance(10_000);
    await lab.inject({ kind: 'latency', target: 'payments', durationMs: 5_000, addedMs: 300 });
    await lab.advance(10_000);

    const json = await exportFile(page, /run as JSON/);
    expect(json.name).toBe('outage-no-breaker-seed7-20s.json');
    const run = JSON.parse(json.text);
    expect(run.format).toBe('faultline-run');
    expect(run.scenario).toEqual(await lab.scenario());
    expect(run.scenario.seed).toBe(7);
    expect(run.scenario.timeline.at(-1)).toMatchObject({ type: 'fault', kind: 'latency', atMs: 10_000, addedMs: 300 });
    const report = await lab.report();
    expect(run.report).toEqual(report);
    expect(run.report.simulatedMs).toBe(20_000);

    const csv = await exportFile(page, /series as CSV/);
    expect(csv.name).toBe('outage-no-breaker-seed7-20s-series.csv');
    const [header, ...rows] = csv.text.trim().split('\n');
    const cols = header.split(',');
    expect(cols.slice(0, 4)).toEqual(['scope', 'tMs', 'bucketMs', 'generated']);
    expect(rows).toHaveLength(report.series.points.length);
    // Every number in the CSV is the report's number for the same bucket.
    for (const [i, row] of rows.entries()) {
      const cells = row.split(',');
      const point = report.series.points[i] as unknown as Record<string, number | null>;
      for (const [k, name] of cols.entries()) {
        if (k === 0) expect(cells[k]).toBe('all');
        else if (k === 2) expect(Number(cells[k])).toBe(report.series.bucketMs);
        else expect(cells[k]).toBe(point[name] === null ? '' : String(point[name]));
      }
    }
    expect(consoleErrors).toEqual([]);
  });

  test('an exported run opens again and replays the same run', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=retry-storm&seed=11');
    await lab.advance(8_000);
    await lab.inject({ kind: 'error', target: 'inventory', durationMs: 4_000, probability: 0.8 });
    await lab.advance(12_000);
    const before = await lab.metrics();
    const exported = await exportFile(page, /run as JSON/);

    await lab.load('outage-with-breaker');
    await openFile(page, 'my-run.json', exported.text);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('');
    await expect(page.getByRole('combobox', { name: 'Scenario' }).locator('option:checked')).toHaveText('my-run.json (custom)');
    expect((await lab.state()).seed).toBe(11);
    await lab.advance(20_000);
    expect((await lab.metrics()).totals).toEqual(before.totals);
  });

  test('a scenario file opens; a bad one names the file and the field and leaves the run as it was', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(3_000);
    const mine = { ...preset('outage-no-breaker'), id: 'my-checkout', name: 'My checkout' };
    await openFile(page, 'my-checkout.json', JSON.stringify(mine, null, 2));
    await expect(page.getByTestId('scenario-name')).toHaveText('My checkout');
    expect((await lab.state()).scenario).toBe('my-checkout');
    await lab.advance(2_000);

    const bad = { ...mine, dependencies: [{ ...mine.dependencies[0], backends: { ...mine.dependencies[0].backends, concurrency: 0 } }] };
    await openFile(page, 'broken.json', JSON.stringify(bad));
    await expect(labPage.banner).toContainText('broken.json: dependencies[0].backends.concurrency:');
    expect(await lab.state()).toMatchObject({ scenario: 'my-checkout', simulatedMs: 2_000 });

    await openFile(page, 'typo.json', '{\n  "version": 1,\n  "id": "x",,\n}');
    await expect(labPage.banner).toContainText('typo.json: not valid JSON');
    await expect(labPage.banner).toContainText('line 3');
    expect((await lab.state()).scenario).toBe('my-checkout');
    await lab.advance(1_000);
    expect((await lab.state()).simulatedMs).toBe(3_000);
  });

  test('the last scenario, its seed and its live commands survive a reload', async ({ labPage, lab, page }) => {
    await labPage.open();
    const mine = { ...preset('outage-with-breaker'), id: 'kept', name: 'Kept across reloads' };
    await openFile(page, 'kept.json', JSON.stringify(mine));
    await expect(page.getByTestId('scenario-name')).toHaveText('Kept across reloads');
    await lab.advance(5_000);
    const entry = await lab.inject({ kind: 'outage', target: 'payments/1', durationMs: 3_000 });
    const scenario = await lab.scenario();

    await page.goto('/');
    await page.waitForFunction(() => window.faultline !== undefined);
    await page.evaluate(() => window.faultline!.ready());
    expect((await lab.state()).scenario).toBe('kept');
    expect(await lab.scenario()).toEqual(scenario);
    expect((await lab.scenario()).timeline).toContainEqual(entry);

    // A preset keeps its seed.
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('bulkhead-isolation');
    await page.getByLabel('Seed').fill('99');
    await page.getByLabel('Seed').press('Enter');
    await expect.poll(async () => (await lab.state()).seed).toBe(99);
    await page.goto('/');
    await page.waitForFunction(() => window.faultline !== undefined);
    expect(await page.evaluate(() => window.faultline!.ready())).toMatchObject({ scenario: 'bulkhead-isolation', seed: 99 });
  });

  test('a stored scenario that no longer opens is kept aside with a message, and the default opens', async ({ labPage, lab, page }) => {
    await labPage.open();
    const broken = { version: 1, source: 'old.json', seed: 1, scenario: { version: 1, id: 'old', durationMs: 'long' } };
    await page.evaluate((v) => localStorage.setItem('faultline.last', v), JSON.stringify(broken));
    await page.reload();
    await page.waitForFunction(() => window.faultline !== undefined);
    await page.evaluate(() => window.faultline!.ready());
    await expect(labPage.banner).toContainText('your last scenario could not be reopened');
    await expect(labPage.banner).toContainText('old.json: ');
    expect((await lab.state()).scenario).toBe('outage-with-breaker');
    expect(await page.evaluate(() => localStorage.getItem('faultline.last.unopenable'))).toBe(JSON.stringify(broken));
  });
});

import { expect, test } from './fixtures';

interface Case {
  id: string;
  /** A moment that shows the policy at work. */
  at: number;
  machine?: string;
  state?: RegExp;
}

const cases: Case[] = [
  { id: 'retry-storm', at: 60_000 },
  { id: 'retry-storm-budget', at: 22_000, machine: 'inventory.retryBudget', state: /RETRIES_(REFUSED|ALLOWED)/ },
  { id: 'bulkhead-isolation', at: 30_000, machine: 'recommendations.bulkhead', state: /FULL|AVAILABLE/ },
  { id: 'no-bulkhead', at: 30_000 },
  { id: 'rate-limiter-burst', at: 25_000, machine: 'api.rateLimiter', state: /EXHAUSTED|PERMITS_AVAILABLE/ },
  { id: 'timeout-fallback', at: 30_000 },
  { id: 'retry-outside-breaker', at: 30_000, machine: 'payments.circuitBreaker', state: /OPEN|HALF_OPEN/ },
  { id: 'retry-inside-breaker', at: 30_000, machine: 'payments.circuitBreaker', state: /^CLOSED$/ },
];

test.describe('policy presets in the browser', () => {
  for (const c of cases) {
    test(`${c.id}: plays, shows its policy's state and charts, and meets its expectations`, async ({ labPage, lab, page, consoleErrors }) => {
      await labPage.open(`?preset=${c.id}`);
      const s = await lab.advance(c.at);
      if (c.machine) {
        expect(s.machines[c.machine]).toMatch(c.state!);
        await expect(labPage.badge(c.machine)).toHaveAttribute('aria-label', new RegExp(`^${c.machine} is ${c.state!.source.replace(/^\^|\$$/g, '')}$`));
        await expect(labPage.timeline(c.machine)).toBeVisible();
      }
      await expect(labPage.chartPaths('throughput').first()).toBeVisible();
      await page.getByRole('tab', { name: 'Attempts & goodput' }).click();
      await expect(page.getByTestId('chart-attempts').locator('path.recharts-curve').first()).toBeVisible();
      await page.getByRole('tab', { name: 'Concurrency & queue' }).click();
      await expect(page.getByTestId('chart-concurrency').locator('path.recharts-line-curve').first()).toBeVisible();
      // The rest of the run: every expectation written in the preset holds in the browser too.
      await lab.seek(s.durationMs);
      const report = await lab.report();
      expect(report.complete).toBe(true);
      expect(report.expectations.filter((e) => !e.pass).map((e) => e.message)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }

  test('the fallback shows as degraded answers in the totals', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=timeout-fallback');
    await lab.advance(40_000);
    const m = await lab.metrics();
    expect(m.totals.fallback).toBeGreaterThan(5_000);
    await expect(page.getByTestId('total-fallback')).toContainText(/\d/);
  });

  test('the retry storm shows its amplification next to the totals', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=retry-storm');
    await lab.advance(60_000);
    const text = await page.getByTestId('total-generated').textContent();
    const amplification = Number(/attempts \((\d\.\d\d)×\)/.exec(text ?? '')?.[1]);
    expect(amplification).toBeGreaterThan(1.5);
  });

  test('per-dependency charts and totals for a two-dependency scenario', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=no-bulkhead');
    await lab.advance(40_000);
    await page.getByLabel('Charts and totals for').selectOption('search');
    await expect(page.getByTestId('totals')).toContainText('requests to search');
    const rejectedSearch = Number(await page.getByTestId('total-rejected').getAttribute('data-value'));
    expect(rejectedSearch).toBeGreaterThan(1000); // starved by the slow dependency
  });

  test('reordering the pipeline puts the retry outside the breaker and changes the run', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=retry-inside-breaker');
    await page.getByRole('button', { name: 'Move retry of payments out (earlier)' }).click();
    await expect(page.getByTestId('policy-payments-0')).toContainText('retry');
    await expect(page.getByTestId('policy-payments-1')).toContainText('circuit breaker');
    const s = await lab.advance(30_000);
    expect(s.machines['payments.circuitBreaker']).toMatch(/OPEN|HALF_OPEN/);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('(edited)');
  });
});

import { expect, test } from './fixtures';

const presets = ['saga-payment-failure', 'saga-shipment-failure', 'saga-stuck-compensation', 'saga-choreography'];

test.describe('saga presets in the browser', () => {
  for (const id of presets) {
    test(`${id}: outcome chart, per-saga timeline, ledgers, expectations`, async ({ labPage, lab, page, consoleErrors }) => {
      await labPage.open(`?preset=${id}`);
      const s = await lab.advance(30_000);
      await expect(page.getByRole('tab', { name: 'Saga outcomes' })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('chart-sagas').locator('path.recharts-area-area').first()).toBeVisible();
      await expect(page.getByTestId('saga-row').first()).toBeVisible();
      await expect(page.getByTestId('saga-timeline').locator('[data-what="done"]').first()).toBeVisible();
      await page.getByRole('tab', { name: 'Sagas & ledgers' }).click();
      await expect(page.getByTestId('ledger-balance')).toContainText('nothing created or lost');
      await expect(page.getByTestId('ledger-stock')).toBeVisible();
      await lab.seek(s.durationMs);
      const report = await lab.report();
      expect(report.sagas.balanced).toBe(true);
      expect(report.expectations.filter((e) => !e.pass).map((e) => e.message)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }

  test('a compensation runs newest first: refund before release', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=saga-shipment-failure');
    await lab.advance(20_000);
    const row = page.locator('[data-testid="saga-row"][data-outcome="COMPENSATED"]').first();
    await expect(row).toBeVisible();
    const label = await row.locator('[role="img"]').getAttribute('aria-label');
    expect(label).toMatch(/createShipment failed, chargePayment compensated, reserveStock compensated/);
  });

  test('stuck sagas show in the timeline and hold stock and money in the ledger', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=saga-stuck-compensation');
    await lab.advance(30_000);
    await expect(page.locator('[data-testid="saga-row"][data-outcome="STUCK"]').first()).toBeVisible();
    await expect(page.locator('[data-testid="saga-row"][data-outcome="STUCK"]').first().locator('[data-what="compensationFailed"]')).toBeVisible();
    await page.getByRole('tab', { name: 'Sagas & ledgers' }).click();
    expect(Number((await page.getByTestId('ledger-money-stuck').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(Number((await page.getByTestId('sagas-stuck').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
  });

  test('choreography ends with the same outcomes and ledgers as orchestration', async ({ labPage, lab }) => {
    await labPage.open('?preset=saga-stuck-compensation');
    await lab.seek(60_000);
    const orchestrated = (await lab.report()).sagas;
    await labPage.open('?preset=saga-choreography');
    await lab.seek(60_000);
    const choreographed = (await lab.report()).sagas;
    for (const k of ['completed', 'compensated', 'stuck', 'failedCompensation'] as const) expect(choreographed[k]).toBe(orchestrated[k]);
    expect(choreographed.ledgers).toEqual(orchestrated.ledgers);
  });
});

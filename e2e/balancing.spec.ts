import { expect, test } from './fixtures';

const cases = [
  { id: 'balancer-random', at: 30_000, machine: null },
  { id: 'balancer-p2c', at: 30_000, machine: null },
  { id: 'outlier-ejection', at: 40_000, machine: 'api/2.health', state: 'EJECTED' },
  { id: 'health-check-slow-start', at: 58_000, machine: 'api/1.health', state: 'WARMING' },
  { id: 'panic-threshold', at: 40_000, machine: 'api/0.health', state: 'UNHEALTHY' },
];

test.describe('load-balancing presets in the browser', () => {
  for (const c of cases) {
    test(`${c.id}: per-backend load and health, and its expectations`, async ({ labPage, lab, page, consoleErrors }) => {
      await labPage.open(`?preset=${c.id}`);
      const s = await lab.advance(c.at);
      await page.getByRole('tab', { name: 'Per backend' }).click();
      await expect(page.getByTestId('chart-backends').locator('path.recharts-curve').first()).toBeVisible();
      await page.getByRole('tab', { name: 'Backends' }).click();
      await expect(page.getByTestId('backends').getByRole('row')).not.toHaveCount(0);
      if (c.machine) {
        expect(s.machines[c.machine]).toBe(c.state);
        await expect(labPage.timeline(c.machine).locator(`rect[data-state="${c.state}"]`).first()).toBeVisible();
        await expect(page.getByTestId(`backend-${c.machine.replace('.health', '')}`)).toContainText(c.state!.toLowerCase());
      }
      await lab.seek(s.durationMs);
      const report = await lab.report();
      expect(report.expectations.filter((e) => !e.pass).map((e) => e.message)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }

  test('panic is announced in the log', async ({ labPage, lab }) => {
    await labPage.open('?preset=panic-threshold');
    await lab.advance(25_000);
    await expect(labPage.logLines.filter({ hasText: 'panic: 2 of 6 hosts healthy (33%) < 50%' })).toHaveCount(1);
  });
});

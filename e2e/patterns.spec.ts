/**
 * Each pattern's view, light and dark, saved to e2e/screenshots/pattern-<preset>-<theme>.png to look
 * at: the lab at the moment each preset teaches, on one screen, with the statechart showing the
 * machine the engine reports and no console errors.
 */
import { expect, test } from './fixtures';

/** A preset per pattern, and the simulated time at which it shows what it teaches. */
const views: Array<[preset: string, atMs: number]> = [
  ['outage-with-breaker', 45_000],
  ['retry-storm-budget', 25_000],
  ['bulkhead-isolation', 30_000],
  ['rate-limiter-burst', 25_000],
  ['timeout-fallback', 30_000],
  ['balancer-p2c', 20_000],
  ['outlier-ejection', 40_000],
  ['health-check-slow-start', 45_000],
  ['panic-threshold', 20_000],
  ['saga-stuck-compensation', 30_000],
  ['saga-choreography', 30_000],
];

for (const [preset, atMs] of views) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${preset} at ${atMs / 1000} s, ${theme}`, async ({ page, labPage, lab, consoleErrors }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.addInitScript(() => localStorage.removeItem('faultline.theme'));
      await labPage.open(`?preset=${preset}`);
      const state = await lab.advance(atMs);
      expect(state.simulatedMs).toBe(atMs);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

      // The statechart lights the state the engine reports for the machine it shows.
      // (A scenario without machines, e.g. a balancer without health checks, says so instead.)
      if (Object.keys(state.machines).length === 0 && !preset.startsWith('saga')) {
        await expect(page.getByRole('region', { name: 'Statechart' })).toContainText('This scenario has no machines');
      } else {
        const picker = page.getByTestId('statechart-panel').getByRole('combobox', { name: 'Machine shown' });
        const shown = await picker.inputValue();
        // With only health machines, the one shown is that of the instance the preset's fault hits.
        if (preset === 'outlier-ejection') expect(shown).toBe('api/2.health');
        if (!shown.startsWith('saga:')) {
          expect(state.machines[shown], shown).toBeTruthy();
          await expect(page.getByTestId(`sc-state-${state.machines[shown]}`)).toHaveAttribute('data-current', 'true');
        }
        await expect(page.locator('[data-testid^="sc-state-"][data-current="true"]')).toHaveCount(1);
      }

      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow).toEqual({ x: 0, y: 0 });
      await page.waitForTimeout(400); // let the throttled charts catch up
      await page.screenshot({ path: `e2e/screenshots/pattern-${preset}-${theme}.png` });
      expect(consoleErrors).toEqual([]);
    });
  }
}

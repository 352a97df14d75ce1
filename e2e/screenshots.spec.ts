/**
 * Screens to look at (saved to e2e/screenshots/, not committed), and the layout rules they
 * must keep: one screen without page scroll at 1440×900 and 1280×800, in light and dark.
 */
import { expect, test } from './fixtures';

const sizes = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

for (const size of sizes) {
  for (const theme of ['light', 'dark'] as const) {
    test(`breaker preset mid-outage at ${size.width}×${size.height}, ${theme}`, async ({ page, labPage, lab, consoleErrors }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await page.addInitScript(() => localStorage.removeItem('faultline.theme'));
      await labPage.open('?preset=outage-with-breaker');
      await lab.advance(45_000);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.waitForTimeout(400); // let the throttled charts catch up
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow).toEqual({ x: 0, y: 0 });
      await page.screenshot({ path: `e2e/screenshots/breaker-${size.width}x${size.height}-${theme}.png` });
      expect(consoleErrors).toEqual([]);
    });
  }
}

test('history view and a broken link, for the eye', async ({ page, labPage, lab }) => {
  await labPage.open('?preset=outage-no-breaker');
  await lab.advance(90_000);
  await lab.seek(45_000);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'e2e/screenshots/no-breaker-history.png' });
  await labPage.open('?s=1.broken');
  await page.screenshot({ path: 'e2e/screenshots/broken-link.png' });
});

test('a scenario with a bad field loaded through the API is refused; the current run stays', async ({ labPage, lab, page }) => {
  await labPage.open();
  await lab.advance(5_000);
  const error = await page.evaluate(() =>
    window.faultline!.load({ version: 1, id: 'bad', name: 'bad', durationMs: 1000, workload: { ratePerSec: 10 }, dependencies: [{ id: 'x', pipeline: [{ type: 'retry', maxAttempts: 0 }] }] }).then(
      () => 'loaded',
      (e: Error) => e.message,
    ),
  );
  expect(error).toBe('bad: dependencies[0].pipeline[0].maxAttempts: expected at least 1, got 0');
  await expect(labPage.banner).toContainText('maxAttempts: expected at least 1, got 0');
  const s = await lab.state();
  expect(s).toMatchObject({ scenario: 'outage-with-breaker', liveMs: 5_000 });
});

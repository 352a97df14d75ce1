/** Ad-hoc: load a page, advance, click tabs, screenshot. `npx tsx e2e/support/drive.ts <url> <out.png> <advanceMs> [theme] [w] [h] [tab…]` */
import { chromium } from '@playwright/test';
import { chooseChromium } from './browser';

const [url, out, advance = '40000', theme = 'light', w = '1440', h = '900', ...tabs] = process.argv.slice(2);
const browser = await chromium.launch(chooseChromium().launchOptions);
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: theme as 'light' | 'dark' });
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
await page.waitForFunction(() => window.faultline !== undefined);
await page.evaluate(async () => {
  for (let i = 0; i < 100; i++) {
    try {
      await window.faultline!.state();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
const t0 = Date.now();
const state = await page.evaluate((ms) => window.faultline!.advance(ms), Number(advance));
console.log('advance took', Date.now() - t0, 'ms', JSON.stringify(state));
for (const tab of tabs) await page.getByRole('tab', { name: tab }).click();
await page.waitForTimeout(600);
await page.screenshot({ path: out });
await browser.close();

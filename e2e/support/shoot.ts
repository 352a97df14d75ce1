/** Ad-hoc screenshots for looking at the page: `npx tsx e2e/support/shoot.ts <url> <out.png> [w] [h]`. */
import { chromium } from '@playwright/test';
import { chooseChromium } from './browser';

const [url, out, w = '1440', h = '900', wait = '1500'] = process.argv.slice(2);
const browser = await chromium.launch(chooseChromium().launchOptions);
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
await page.waitForFunction(() => window.faultline !== undefined);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: out });
await browser.close();

import { defineConfig } from '@playwright/test';
import { chooseChromium } from './support/browser';

const browser = chooseChromium();
// Both overridable so that two checkouts (or two people on one machine) can test side by side.
const PORT = Number(process.env.FAULTLINE_E2E_PORT ?? 4173);
const DIST = process.env.FAULTLINE_E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: `../test-results${process.env.FAULTLINE_E2E_PORT ? `-${process.env.FAULTLINE_E2E_PORT}` : ''}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: browser.launchOptions,
    viewport: { width: 1440, height: 900 },
    trace: 'on-first-retry',
  },
  webServer: {
    command: `npx vite build --outDir ${DIST} --emptyOutDir && npx vite preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    cwd: '..',
  },
});

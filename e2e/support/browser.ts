/**
 * Which Chromium the end-to-end tests drive: Playwright's own when it is installed (a developer
 * laptop), else Debian's /usr/bin/chromium (CI machines here cannot download Playwright's
 * browsers), or FAULTLINE_CHROMIUM when set. Detected, never hard-coded.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/** Flags Debian's Chromium needs on a locked-down, GPU-less, offline machine. */
const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserChoice {
  name: string;
  launchOptions: LaunchOptions;
}

export function chooseChromium(): BrowserChoice {
  const override = process.env.FAULTLINE_CHROMIUM;
  if (override) {
    if (!existsSync(override)) throw new Error(`FAULTLINE_CHROMIUM=${override} does not exist`);
    return { name: `FAULTLINE_CHROMIUM (${override})`, launchOptions: { executablePath: override, args: SYSTEM_CHROMIUM_ARGS } };
  }
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return { name: "Playwright's Chromium", launchOptions: {} };
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return { name: `system Chromium (${path})`, launchOptions: { executablePath: path, args: SYSTEM_CHROMIUM_ARGS } };
  }
  throw new Error("No Chromium found: run 'npx playwright install chromium' or install Debian's chromium (sh .ci/ensure-browser)");
}

/**
 * Playwright fixtures: `lab` proxies the page's typed test API (window.faultline) so specs call
 * `await lab.advance(40_000)` instead of writing page.evaluate each time, and `labPage` is the
 * page object for the lab's regions.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { FaultlineApi } from '../src/app/testApi';
import { LabPage } from './pages/labPage';

type Promisified<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never };

/** The test API, called from Node through page.evaluate. */
export type LabApi = Promisified<Omit<FaultlineApi, 'version'>>;

/** Waits for the page to have its API and a loaded scenario. */
export async function waitForLab(page: Page): Promise<void> {
  await page.waitForFunction(() => window.faultline !== undefined);
  await page.evaluate(() => window.faultline!.ready());
}

export function labApi(page: Page): LabApi {
  return new Proxy({} as LabApi, {
    get: (_, name: string) =>
      (...args: unknown[]) =>
        page.evaluate(
          ([method, params]) => (window.faultline as unknown as Record<string, (...a: unknown[]) => unknown>)[method as string](...(params as unknown[])),
          [name, args] as const,
        ),
  });
}

export const test = base.extend<{ lab: LabApi; labPage: LabPage; consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
  },
  lab: async ({ page }, use) => {
    await use(labApi(page));
  },
  labPage: async ({ page }, use) => {
    await use(new LabPage(page));
  },
});

export { expect };

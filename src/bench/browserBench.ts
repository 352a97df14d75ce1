/**
 * Browser figures, measured with Playwright in Chromium against the built app: how long the page
 * takes to run a scenario to the end at max speed, and the longest main-thread task meanwhile.
 */
import { chromium, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { chooseChromium } from '../../e2e/support/browser';
import type { ScenarioInput } from '../sim/scenario/schema';

export interface PageRunResult {
  label: string;
  requests: number;
  wallMs: number[];
  medianWallMs: number;
  longestTaskMs: number;
}

let server: PreviewServer | null = null;

/** Builds the app once and serves it; returns its URL. */
export async function serveApp(): Promise<string> {
  if (!server) {
    // FAULTLINE_NO_BUILD=1 serves dist/ as it is (e.g. an unminified build made for profiling).
    if (!process.env.FAULTLINE_NO_BUILD) await build({ logLevel: 'error' });
    server = await preview({ preview: { port: 4179, strictPort: true, host: '127.0.0.1' }, logLevel: 'error' });
  }
  return 'http://127.0.0.1:4179/';
}

export async function closeApp(): Promise<void> {
  await server?.close();
  server = null;
}

/** Opens a page that records long tasks (PerformanceObserver "longtask"). */
export async function openLab(url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await chromium.launch(chooseChromium().launchOptions);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.faultline !== undefined);
  await page.evaluate(() => window.faultline!.ready());
  return { page, close: () => browser.close() };
}

/** Loads `scenario`, plays at max speed and times the run to the end (wall clock, in the page). */
export async function timePageRun(label: string, scenario: ScenarioInput, runs = 3): Promise<PageRunResult> {
  const url = await serveApp();
  const { page, close } = await openLab(url);
  const wallMs: number[] = [];
  let requests = 0;
  let longest = 0;
  for (let i = 0; i < runs + 1; i++) {
    await page.evaluate((s) => window.faultline!.load(s as Record<string, unknown>), scenario as unknown as Record<string, unknown>);
    await page.getByLabel('Speed').selectOption('max');
    await page.evaluate(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
    });
    const started = Date.now();
    await page.getByRole('button', { name: 'Play' }).click();
    // Polled inside the page (no named helpers: tsx would inject __name into the evaluated code).
    const wall = await page.evaluate(async (t0) => {
      while (!(await window.faultline!.state()).done) await new Promise((r) => setTimeout(r, 5));
      return Date.now() - t0;
    }, started);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
    if (i > 0) {
      // The first run warms the page up (JIT, chart layout); it is not counted.
      wallMs.push(wall);
      longest = Math.max(longest, ...tasks, 0);
    }
    requests = (await page.evaluate(() => window.faultline!.metrics())).totals.generated;
  }
  await close();
  const sorted = [...wallMs].sort((a, b) => a - b);
  return { label, requests, wallMs, medianWallMs: sorted[Math.floor(sorted.length / 2)], longestTaskMs: longest };
}

export interface FrameResult {
  label: string;
  seconds: number;
  medianFps: number;
  p5Fps: number;
  longestTaskMs: number;
  longTasks: number;
  simulatedMs: number;
}

/**
 * Frames per second (from requestAnimationFrame) and long tasks (PerformanceObserver) while the
 * worker runs `scenario` at max speed for `seconds` of wall time.
 */
export async function measureFrames(label: string, scenario: ScenarioInput, seconds = 10, tabs: string[] = []): Promise<FrameResult> {
  const url = await serveApp();
  const { page, close } = await openLab(url);
  await page.evaluate((s) => window.faultline!.load(s as Record<string, unknown>), scenario as unknown as Record<string, unknown>);
  for (const tab of tabs) await page.getByRole('tab', { name: tab }).click();
  await page.getByLabel('Speed').selectOption('max');
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
  });
  await page.getByRole('button', { name: 'Play' }).click();
  // No named helpers inside evaluate: tsx would inject __name into the evaluated code.
  const frames = await page.evaluate(async (ms) => {
    const stamps: number[] = [];
    const start = performance.now();
    for (;;) {
      const t = await new Promise<number>((r) => requestAnimationFrame(r));
      stamps.push(t);
      if (t - start >= ms) return stamps;
    }
  }, seconds * 1000);
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
  const state = await page.evaluate(() => window.faultline!.state());
  await close();
  // Frames per second over each second of wall time.
  const perSecond: number[] = [];
  const t0 = frames[0];
  for (const t of frames) {
    const s = Math.floor((t - t0) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
  }
  const fps = perSecond.slice(0, seconds).sort((a, b) => a - b);
  return {
    label,
    seconds,
    medianFps: fps[Math.floor(fps.length / 2)],
    p5Fps: fps[0],
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.length,
    simulatedMs: state.liveMs,
  };
}

export interface StartSizeResult {
  files: Array<{ url: string; bytes: number; gzipBytes: number }>;
  totalBytes: number;
  totalGzipBytes: number;
}

/**
 * The JavaScript a visitor downloads before the lab is usable: every script the page and its worker
 * fetch until the default scenario is loaded, gzipped (level 9, as a static server would serve it).
 */
export async function measureStartSize(): Promise<StartSizeResult> {
  const { gzipSync } = await import('node:zlib');
  const url = await serveApp();
  const browser = await chromium.launch(chooseChromium().launchOptions);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const bodies: Array<Promise<{ url: string; body: Buffer } | null>> = [];
  // context-level: includes requests made by workers, not only by the page.
  context.on('response', (r) => {
    const u = r.url();
    if (!/\.(m?js)(\?|$)/.test(u)) return;
    bodies.push(r.body().then((body) => ({ url: u, body })).catch(() => null));
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.faultline !== undefined);
  await page.evaluate(() => window.faultline!.ready());
  await page.waitForLoadState('networkidle');
  const files = (await Promise.all(bodies))
    .filter((f): f is { url: string; body: Buffer } => f !== null)
    .map((f) => ({ url: new URL(f.url).pathname, bytes: f.body.length, gzipBytes: gzipSync(f.body, { level: 9 }).length }));
  await browser.close();
  return { files, totalBytes: files.reduce((a, f) => a + f.bytes, 0), totalGzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0) };
}

export interface SeekResult {
  label: string;
  requests: number;
  seeksMs: number[];
  medianMs: number;
  maxMs: number;
}

/**
 * Runs `scenario` to its end, then seeks to past moments (spread over the run) and times each from
 * the call until the page has painted that moment (the test API's seek resolves after the paint).
 */
export async function measureSeeks(label: string, scenario: ScenarioInput, count = 12): Promise<SeekResult> {
  const url = await serveApp();
  const { page, close } = await openLab(url);
  await page.evaluate((s) => window.faultline!.load(s as Record<string, unknown>), scenario as unknown as Record<string, unknown>);
  const end = await page.evaluate(async () => {
    const s = await window.faultline!.state();
    await window.faultline!.advance(s.durationMs);
    return s.durationMs;
  });
  const requests = (await page.evaluate(() => window.faultline!.metrics())).totals.generated;
  // A golden-ratio walk over the run: far jumps and near ones, never the same moment twice.
  const targets = Array.from({ length: count + 1 }, (_, i) => Math.round(((i * 0.6180339887) % 1) * end));
  const seeksMs = await page.evaluate(async (ts) => {
    const out: number[] = [];
    for (const t of ts) {
      const t0 = performance.now();
      await window.faultline!.seek(t);
      out.push(performance.now() - t0);
    }
    return out;
  }, targets);
  await close();
  // The first seek warms up the history views; it is not counted.
  const counted = seeksMs.slice(1);
  const sorted = [...counted].sort((a, b) => a - b);
  return { label, requests, seeksMs: counted, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted[sorted.length - 1] };
}

/**
 * Fault injection and the fault timeline editor: a fault injected from the form or drawn, moved,
 * resized or deleted on the timeline becomes part of the scenario, so the bands on every chart,
 * the run's figures, a fresh load of the scenario and a share link all agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabApi } from './fixtures';
import type { ChartName, LabPage } from './pages/labPage';

const preset = (id: string) => JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8')) as Record<string, unknown>;

type Entry = { type: string; kind?: string; target?: string; atMs: number; durationMs?: number };
const timelineOf = async (lab: LabApi) => (await lab.scenario()).timeline as Entry[];

/** Totals of a fresh load of `scenario`, run to `ms` (what a re-run or another person's page shows). */
async function totalsOfFreshLoad(lab: LabApi, scenario: Record<string, unknown>, ms: number) {
  await lab.load(scenario);
  await lab.advance(ms);
  return (await lab.metrics()).totals;
}

/** `npm run sim -- <file> --json` on a scenario, as printed. */
function cliReport(scenario: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-')), 'edited.json');
  writeFileSync(file, JSON.stringify(scenario));
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', file, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
}

/** Waits until every edit made in the page has been applied (the run re-ran to where it was). */
async function settled(labPage: LabPage): Promise<void> {
  await expect(labPage.faultTimeline).not.toHaveAttribute('aria-busy', 'true');
}

/** The fault bands a chart shades, in simulated ms, read off its x axis (which spans the run). */
async function bandsIn(labPage: LabPage, chart: ChartName, durationMs: number) {
  return labPage.chart(chart).evaluate((figure, d) => {
    const axis = figure.querySelector('.recharts-xAxis line.recharts-cartesian-axis-line');
    if (!axis) throw new Error('no x axis in this chart');
    const x1 = Number(axis.getAttribute('x1'));
    const x2 = Number(axis.getAttribute('x2'));
    const toMs = (x: number) => ((x - x1) / (x2 - x1)) * d;
    return [...figure.querySelectorAll('g.chart-overlay rect')].map((r) => ({
      label: r.querySelector('title')?.textContent ?? '',
      fromMs: Math.round(toMs(Number(r.getAttribute('x')))),
      toMs: Math.round(toMs(Number(r.getAttribute('x')) + Number(r.getAttribute('width')))),
    }));
  }, durationMs);
}

/** The x (px) of simulated time `ms` on a fault lane, and the lane's middle. */
async function laneAt(lane: Locator, ms: number, durationMs: number) {
  const box = (await lane.boundingBox())!;
  return { x: box.x + (ms / durationMs) * box.width, y: box.y + box.height / 2, pxPerMs: box.width / durationMs };
}

async function dragBy(page: Page, bar: Locator, dx: number, where: 'middle' | 'end' = 'middle', release = true) {
  const box = (await bar.boundingBox())!;
  const x = where === 'middle' ? box.x + box.width / 2 : box.x + box.width - 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 8 });
  if (release) await page.mouse.up();
}

const near = (ms: number) => ({ asymmetricMatch: (x: number) => Math.abs(x - ms) <= 600, toString: () => `≈${ms}` });

test.describe('fault injection', () => {
  test('an outage injected from the form at 10 s fails calls that the same run without it does not', async ({ labPage, lab, consoleErrors }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(10_000);
    const form = labPage.faultInjector;
    await form.getByLabel('Target').selectOption('payments');
    await form.getByLabel('Kind').selectOption('outage');
    await form.getByLabel('Duration').fill('10');
    await form.getByRole('button', { name: 'Inject now' }).click();
    await expect(form.getByRole('status')).toContainText('outage (calls refused) on payments from 10.0 s to 20.0 s');

    // It is on the scenario's timeline at the simulated time it was injected, and on the editor.
    const injected = (await timelineOf(lab)).at(-1)!;
    expect(injected).toMatchObject({ type: 'fault', kind: 'outage', target: 'payments', durationMs: 10_000 });
    expect(Math.round(injected.atMs)).toBe(10_000);
    await expect(labPage.faultWindow(1)).toHaveAttribute('aria-label', 'outage on payments');

    await lab.advance(15_000);
    const withOutage = (await lab.metrics()).totals;
    expect(withOutage.failed).toBeGreaterThan(1_500); // ~200 req/s refused for 10 s
    const scenario = await lab.scenario();

    // The same run without it: nothing fails by 25 s (the preset's own fault starts at 30 s).
    await lab.load('outage-no-breaker');
    await lab.advance(25_000);
    expect((await lab.metrics()).totals.failed).toBe(0);

    // And the scenario as it stands (what a link carries) replays the injected run exactly.
    expect(await totalsOfFreshLoad(lab, scenario, 25_000)).toEqual(withOutage);
    expect(consoleErrors).toEqual([]);
  });

  test('the form names the wrong field (0, 10^9, not a number) and injects nothing', async ({ labPage, lab, consoleErrors }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(5_000);
    const form = labPage.faultInjector;
    const inject = form.getByRole('button', { name: 'Inject now' });
    await form.getByLabel('Kind').selectOption('error');
    await form.getByLabel('Failing calls').fill('0');
    await form.getByLabel('Duration').fill('1000000000');
    await inject.click();
    await expect(form.getByRole('alert').filter({ hasText: 'Failing calls' })).toHaveText('Failing calls: must be more than 0 % (0 % changes nothing)');
    await expect(form.getByRole('alert').filter({ hasText: 'Duration' })).toHaveText('Duration: at most 120 s (the whole run is 120 s)');
    await expect(form.getByLabel('Duration')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Duration').fill('0');
    await form.getByLabel('Kind').selectOption('latency');
    await form.getByLabel('Added latency').fill('1e9');
    await form.getByLabel('Jitter').fill('lots');
    await inject.click();
    await expect(form.getByRole('alert')).toHaveText([
      'Added latency: at most 3,600,000 ms',
      'Jitter: enter a number from 0 ms to 3,600,000 ms',
      'Duration: must be more than 0 s',
    ]);
    expect(await timelineOf(lab)).toHaveLength(1); // only the preset's own fault

    // Fixed, it goes through.
    await form.getByLabel('Added latency').fill('300');
    await form.getByLabel('Jitter').fill('50');
    await form.getByLabel('Duration').fill('5');
    await inject.click();
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expect.poll(async () => (await timelineOf(lab)).at(-1)).toMatchObject({ kind: 'latency', addedMs: 300, jitterMs: 50, durationMs: 5_000 });
    expect(consoleErrors).toEqual([]);
  });

  test('a fault is shaded at its place on every chart and on the state timeline', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(10_000);
    await lab.inject({ kind: 'error', target: 'payments', probability: 0.5, durationMs: 12_000 });
    await lab.advance(30_000);
    const charts: Array<[string, string, ChartName]> = [
      ['Throughput charts', 'Throughput', 'throughput'],
      ['Throughput charts', 'Error rate', 'errors'],
      ['Throughput charts', 'Attempts & goodput', 'attempts'],
      ['Latency charts', 'Latency', 'latency'],
      ['Latency charts', 'Concurrency & queue', 'concurrency'],
      ['Latency charts', 'Per backend', 'backends'],
    ];
    for (const [slot, tab, chart] of charts) {
      await page.getByRole('tablist', { name: slot }).getByRole('tab', { name: tab }).click();
      await expect(labPage.chartBands(chart)).toHaveCount(2);
      const bands = await bandsIn(labPage, chart, 120_000);
      expect(bands, chart).toContainEqual({ label: 'error on payments', fromMs: near(10_000), toMs: near(22_000) });
      expect(bands, chart).toContainEqual({ label: 'payments stops answering', fromMs: near(30_000), toMs: near(60_000) });
    }
    // The state timeline marks them above the breaker's states (its x runs 0–1000 over the run).
    const marks = await labPage.timeline('payments.circuitBreaker').locator('rect[fill="var(--fault-strong)"]').evaluateAll((rects) =>
      rects.map((r) => [Math.round(Number(r.getAttribute('x')) * 120), Math.round((Number(r.getAttribute('x')) + Number(r.getAttribute('width'))) * 120)]),
    );
    expect(marks).toEqual([
      [30_000, 60_000],
      [near(10_000), near(22_000)],
    ]);
  });
});

test.describe('fault timeline', () => {
  test('an edit re-runs without blanking the charts: every frame until it is done still draws the throughput', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(50_000);
    await expect(labPage.chartPaths('throughput').first()).toBeVisible();
    await page.waitForTimeout(600); // the charts' throttled redraw has settled
    const frames = await page.evaluate(async () => {
      const out: number[] = [];
      const w = window as unknown as { __sample?: () => void; __stop?: boolean };
      w.__stop = false;
      w.__sample = function () {
        out.push(document.querySelectorAll('[data-testid=chart-throughput] .recharts-area-area').length);
        if (!w.__stop) requestAnimationFrame(w.__sample!);
      };
      requestAnimationFrame(w.__sample);
      await window.faultline!.editFaults({ type: 'move', index: 0, atMs: 40_000 });
      await new Promise((r) => setTimeout(r, 400));
      w.__stop = true;
      return out;
    });
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.filter((n) => n === 0)).toHaveLength(0);
  });

  test('dragging a window 10 s later moves its band at once, then re-runs to the same time: the run matches a fresh load of the edited scenario', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(50_000);
    const before = (await lab.metrics()).totals;
    const bar = labPage.faultWindow(0);
    await expect(bar).toHaveAttribute('aria-label', 'hang on payments');
    const { pxPerMs } = await laneAt(labPage.faultLane('payments'), 0, 120_000);

    // While the mouse is down the bar and every band already show the new place.
    await dragBy(page, bar, 10_000 * pxPerMs, 'middle', false);
    await expect(bar).toHaveAttribute('data-from-ms', '40000');
    await expect.poll(async () => (await bandsIn(labPage, 'throughput', 120_000))[0]).toMatchObject({ fromMs: near(40_000), toMs: near(70_000) });
    await page.mouse.up();
    await settled(labPage);

    const timeline = await timelineOf(lab);
    expect(timeline[0]).toMatchObject({ type: 'fault', kind: 'hang', target: 'payments', atMs: 40_000, durationMs: 30_000 });
    expect(await bandsIn(labPage, 'latency', 120_000)).toEqual([{ label: 'payments stops answering', fromMs: near(40_000), toMs: near(70_000) }]);
    // The shown time is kept, the source says the scenario was edited.
    expect(await lab.state()).toMatchObject({ simulatedMs: 50_000, viewing: 'live' });
    await expect(labPage.scenarioSelect.locator('option:checked')).toHaveText('Payments outage, no circuit breaker (edited)');

    // The run changed: the hang starts 10 s later, so fewer calls have timed out by 50 s...
    const after = (await lab.metrics()).totals;
    expect(after.timedOut).toBeLessThan(before.timedOut);
    expect(after.generated).toBe(before.generated);
    // ...and it is exactly what the CLI makes of the edited scenario, and what a fresh load gives.
    const edited = await lab.scenario();
    await lab.advance(70_000);
    expect(`${JSON.stringify(await lab.report())}\n`).toBe(cliReport(edited));
    expect(await totalsOfFreshLoad(lab, edited, 50_000)).toEqual(after);
  });

  test('resizing its end by dragging, then keys: arrows move and resize, Delete removes; the viewed time stays', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(70_000);
    await lab.seek(45_000);
    const { pxPerMs } = await laneAt(labPage.faultLane('payments'), 0, 120_000);
    const bar = labPage.faultWindow(0);

    await dragBy(page, bar, -20_000 * pxPerMs, 'end');
    await settled(labPage);
    expect((await timelineOf(lab))[0]).toMatchObject({ atMs: 30_000, durationMs: 10_000 });
    expect(await lab.state()).toMatchObject({ simulatedMs: 45_000, liveMs: 70_000, viewing: 'history' });

    await bar.focus();
    await page.keyboard.press('Shift+ArrowRight'); // end +1 s
    await page.keyboard.press('Alt+ArrowLeft'); // start −1 s
    await page.keyboard.press('ArrowRight'); // the window +1 s
    await settled(labPage);
    expect((await timelineOf(lab))[0]).toMatchObject({ atMs: 30_000, durationMs: 12_000 });
    await expect(bar).toHaveAttribute('aria-valuetext', '30.0 s to 42.0 s');
    // The keys were the timeline's: → did not step the simulation.
    expect(await lab.state()).toMatchObject({ simulatedMs: 45_000, liveMs: 70_000 });

    await bar.press('Delete');
    await settled(labPage);
    await expect(labPage.faultWindow(0)).toHaveCount(0);
    await expect(labPage.chartBands('throughput')).toHaveCount(0);
    expect(await timelineOf(lab)).toEqual([]);
    await lab.seek(70_000);
    const totals = (await lab.metrics()).totals;
    // Back to the fault-free run.
    expect(await totalsOfFreshLoad(lab, { ...preset('outage-no-breaker'), timeline: [] }, 70_000)).toEqual(totals);
    expect(totals.timedOut).toBe(0);
  });

  test('drawing on a lane adds a window with the injector’s kind; Add puts one at the shown time; a share link replays the edits', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-no-breaker');
    await lab.advance(20_000);
    const form = labPage.faultInjector;
    await form.getByLabel('Target').selectOption('payments/2');
    await form.getByLabel('Kind').selectOption('error');
    await form.getByLabel('Failing calls').fill('100');
    const lane = labPage.faultLane('payments/2');
    await expect(lane).toBeVisible();
    const from = await laneAt(lane, 5_000, 120_000);
    const to = await laneAt(lane, 15_000, 120_000);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    await settled(labPage);
    const drawn = (await timelineOf(lab))[1];
    expect(drawn).toMatchObject({ type: 'fault', kind: 'error', target: 'payments/2', probability: 1, atMs: near(5_000), durationMs: near(10_000) });
    await expect(labPage.faultWindow(1)).toHaveAttribute('aria-label', 'error 100% on payments/2');
    // A quarter of the calls for 10 s failed.
    expect((await lab.metrics()).totals.failed).toBeGreaterThan(300);

    await form.getByLabel('Kind').selectOption('hang');
    await form.getByLabel('Duration').fill('2');
    await labPage.faultTimeline.getByRole('button', { name: 'Add a fault window at the time shown' }).click();
    await settled(labPage);
    expect((await timelineOf(lab))[2]).toMatchObject({ kind: 'hang', target: 'payments/2', atMs: 20_000, durationMs: 2_000 });
    await lab.advance(5_000);
    const totals = (await lab.metrics()).totals;

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect.poll(() => page.url()).toContain('?s=1.');
    await page.goto(page.url());
    await expect.poll(async () => (await lab.state().catch(() => null))?.simulatedMs).toBe(25_000);
    expect((await lab.metrics()).totals).toEqual(totals);
    await expect(labPage.faultWindow(1)).toHaveAttribute('aria-label', 'error 100% on payments/2');
    await expect(labPage.faultWindow(2)).toHaveAttribute('aria-valuetext', '20.0 s to 22.0 s');
  });
});

test('with windows on several targets the lab still fits one screen at 1280×800, light and dark', async ({ page, labPage, lab, consoleErrors }) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript(() => localStorage.removeItem('faultline.theme'));
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(20_000);
    for (const [target, ms] of [['payments/0', 2_000], ['payments/1', 4_000], ['payments/3', 6_000]] as const) {
      await lab.editFaults({ type: 'add', fault: { kind: 'latency', target, addedMs: 200, jitterMs: 0, atMs: ms, durationMs: 5_000 } });
    }
    await expect(labPage.faultWindow(3)).toBeVisible();
    await expect(labPage.faultTimeline.getByRole('group')).toHaveCount(4);
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    await page.screenshot({ path: `e2e/screenshots/faults-1280x800-${theme}.png` });
  }
  expect(consoleErrors).toEqual([]);
});

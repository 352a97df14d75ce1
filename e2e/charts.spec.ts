/**
 * Charts: one crosshair across every visible chart and the state timeline, and each chart read as
 * a table whose numbers are the run's own (window.faultline.report()).
 */
import type { Locator, Page } from '@playwright/test';
import type { SeriesPoint } from '../src/sim/report';
import { expect, test } from './fixtures';
import type { ChartName, LabPage } from './pages/labPage';

const PRESET = 'outage-with-breaker';
const BREAKER = 'payments.circuitBreaker';
const DURATION_S = 120;

// A crosshair is an SVG line: zero-width boxes are never "visible" to Playwright, so its visibility attribute says whether it shows.

/** Where a chart's plot area lies on screen: its x axis line spans it. */
async function plotArea(labPage: LabPage, name: ChartName) {
  const box = await labPage.chart(name).locator('.recharts-xAxis .recharts-cartesian-axis-line').boundingBox();
  expect(box, `x axis of chart-${name}`).not.toBeNull();
  return box!;
}

/** Fraction of the plot area's width at which a crosshair line stands. */
async function lineFraction(line: Locator, area: { x: number; width: number }): Promise<number> {
  const box = await line.boundingBox();
  expect(box).not.toBeNull();
  return (box!.x + box!.width / 2 - area.x) / area.width;
}

/** Points at a fraction of a chart's time axis, inside its plot area. */
async function pointAt(page: Page, labPage: LabPage, name: ChartName, fraction: number): Promise<void> {
  const area = await plotArea(labPage, name);
  await page.mouse.move(area.x + area.width * fraction, area.y - 15);
}

/** The table's body as text, one array per row (time first). */
const tableCells = (table: Locator): Promise<string[][]> =>
  table.evaluate((el) => [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? '')));

const headers = (table: Locator): Promise<string[]> => table.evaluate((el) => [...el.querySelectorAll('thead th')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));

// The formats the table promises (src/ui/charts/ChartTable.tsx), written out again to check against.
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const rate = (v: number) => (Number.isInteger(v) ? int(v) : v.toFixed(1));
const ms = (v: number | null) => (v === null ? '–' : v >= 100 ? int(v) : v.toFixed(1));
const pct = (n: number, of: number) => (of > 0 ? ((100 * n) / of).toFixed(1) : '–');

/** The breaker's state at time t, from the report's transitions. */
function breakerStateAt(transitions: Array<{ atMs: number; machine: string; to: string; from: string }>, tMs: number): string {
  const own = transitions.filter((tr) => tr.machine === BREAKER);
  const last = own.filter((tr) => tr.atMs <= tMs).pop();
  return last ? last.to : (own[0]?.from ?? 'CLOSED');
}

test.describe('one crosshair across all charts', () => {
  test('pointing at a chart puts a line at the same simulated time on every visible chart and the state timeline, with the values there', async ({ page, labPage, lab, consoleErrors }) => {
    await labPage.open(`?preset=${PRESET}`);
    await lab.advance(40_000);
    const report = await lab.report();
    const points = report.series.points;
    expect(points).toHaveLength(40);
    await expect(labPage.chartPaths('latency').first()).toBeVisible();
    for (const name of ['throughput', 'latency'] as const) await expect(labPage.crosshair(name)).toHaveAttribute('visibility', 'hidden');

    // 35.4 s on the throughput chart: the crosshair snaps to the 35 s bucket, the one the tooltip reads
    // (0.4 s is about 1.5 px here, so the 0.6 px tolerance below tells a snapped line from an unsnapped one).
    await pointAt(page, labPage, 'throughput', 35.4 / DURATION_S);
    const expected = 35 / DURATION_S;
    for (const name of ['throughput', 'latency'] as const) {
      await expect(labPage.crosshair(name)).toHaveAttribute('visibility', 'visible');
      const area = await plotArea(labPage, name);
      expect(Math.abs((await lineFraction(labPage.crosshair(name), area)) - expected) * area.width, `crosshair on chart-${name}`).toBeLessThan(0.6);
    }
    const band = labPage.timeline(BREAKER);
    const bandBox = (await band.boundingBox())!;
    await expect(band.getByTestId('crosshair-line')).toHaveAttribute('visibility', 'visible');
    expect(Math.abs((await lineFraction(band.getByTestId('crosshair-line'), bandBox)) - expected) * bandBox.width).toBeLessThan(0.6);

    // The values at t are readable: the hovered chart's tooltip shows bucket 35, and the timeline the breaker's state then.
    const tooltip = labPage.chart('throughput').locator('.recharts-tooltip-wrapper');
    await expect(tooltip).toContainText('35 s');
    await expect(tooltip).toContainText(`succeeded : ${rate(points[35].succeeded)}/s`);
    await expect(tooltip).toContainText(`rejected : ${rate(points[35].rejected)}/s`);
    await expect(page.getByTestId(`state-at-${BREAKER}`)).toHaveText(breakerStateAt(report.transitions, 35_000));
    await expect(page.getByTestId('state-timeline')).toContainText('at 35.0 s');

    // Leaving the chart takes the crosshair away everywhere.
    await page.mouse.move(5, 5);
    for (const name of ['throughput', 'latency'] as const) await expect(labPage.crosshair(name)).toHaveAttribute('visibility', 'hidden');
    await expect(band.getByTestId('crosshair-line')).toHaveAttribute('visibility', 'hidden');
    await expect(page.getByTestId(`state-at-${BREAKER}`)).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test('pointing at the state timeline moves the line on the other tabs’ charts too', async ({ page, labPage, lab }) => {
    await labPage.open(`?preset=${PRESET}`);
    await lab.advance(40_000);
    await page.getByRole('tab', { name: 'Error rate' }).click();
    await page.getByRole('tab', { name: 'Concurrency & queue' }).click();
    await expect(labPage.chart('errors').locator('.recharts-surface')).toBeVisible();
    await expect(labPage.chart('concurrency').locator('.recharts-surface')).toBeVisible();

    const band = labPage.timeline(BREAKER);
    const box = (await band.boundingBox())!;
    const fraction = 31.5 / DURATION_S; // during the hang, the breaker OPEN
    await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
    for (const name of ['errors', 'concurrency'] as const) {
      await expect(labPage.crosshair(name)).toHaveAttribute('visibility', 'visible');
      const area = await plotArea(labPage, name);
      expect(Math.abs((await lineFraction(labPage.crosshair(name), area)) - fraction) * area.width, `crosshair on chart-${name}`).toBeLessThan(1.5);
    }
    const report = await lab.report();
    await expect(page.getByTestId(`state-at-${BREAKER}`)).toHaveText(breakerStateAt(report.transitions, 31_500));
  });

  test('moving the pointer over one chart changes nothing in another chart’s DOM but its crosshair line (no synced tooltips, no redraws)', async ({ page, labPage, lab }) => {
    await labPage.open(`?preset=${PRESET}`);
    await lab.advance(40_000);
    await expect(labPage.chartPaths('latency').first()).toBeVisible();
    await page.waitForTimeout(700); // the throttled redraws after the advance have landed
    await page.evaluate(() => {
      const target = document.querySelector('[data-testid="chart-latency"] .chart-body')!;
      const seen: string[] = [];
      (window as unknown as { __mutations: string[] }).__mutations = seen;
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          seen.push(el.nodeType === 1 && el.getAttribute('data-testid') === 'crosshair-line' ? 'crosshair' : `${r.type} on <${el.nodeName}${el.nodeType === 1 ? ` class="${el.getAttribute('class')}"` : ''}>`);
        }
      }).observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    for (let f = 0.05; f < 0.33; f += 0.01) await pointAt(page, labPage, 'throughput', f);
    await expect(labPage.crosshair('latency')).toHaveAttribute('visibility', 'visible');
    const seen = await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((m) => m !== 'crosshair')).toEqual([]);
  });
});

test.describe('each chart as a table', () => {
  test('every chart toggles to a table of the numbers it draws, equal to the run’s report', async ({ page, labPage, lab, consoleErrors }) => {
    await labPage.open(`?preset=${PRESET}`);
    await lab.advance(40_000);
    const report = await lab.report();
    const points: SeriesPoint[] = report.series.points;
    expect(report.series.bucketMs).toBe(1000);
    const time = (i: number) => String(i);

    const check = async (tab: string | null, name: ChartName, expectHeaders: string[], row: (p: SeriesPoint, i: number) => string[]) => {
      if (tab) await page.getByRole('tab', { name: tab }).click();
      const toggle = labPage.tableToggle(name);
      await expect(toggle).toHaveAttribute('aria-pressed', 'false');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      const table = labPage.chartTable(name);
      await expect(table).toBeVisible();
      await expect(table.locator('tbody tr')).toHaveCount(points.length);
      expect(await headers(table)).toEqual(['time (s)', ...expectHeaders]);
      expect(await tableCells(table)).toEqual(points.map((p, i) => [time(i), ...row(p, i)]));
      // Live, the latest row is the current one.
      await expect(table.locator('tbody tr[aria-current="time"]')).toHaveText(new RegExp(`^${points.length - 1}`));
      return table;
    };

    await check('Throughput', 'throughput', ['succeeded (/s)', 'fallback (/s)', 'failed (/s)', 'timed out (/s)', 'rejected (/s)'], (p) =>
      [p.succeeded, p.fallback, p.failed, p.timedOut, p.rejected].map(rate),
    );
    await check('Error rate', 'errors', ['error rate (%)', 'failed (%)', 'timed out (%)', 'rejected (%)', 'degraded (fallback) (%)', 'ended (/s)'], (p) => {
      const ended = p.succeeded + p.fallback + p.failed + p.rejected + p.timedOut;
      return [pct(p.failed + p.rejected + p.timedOut, ended), pct(p.failed, ended), pct(p.timedOut, ended), pct(p.rejected, ended), pct(p.fallback, ended), rate(ended)];
    });
    await check('Attempts & goodput', 'attempts', ['attempts (/s)', 'requests (/s)', 'goodput (succeeded) (/s)', 'wasted backend calls (/s)', 'amplification (×)'], (p) => [
      ...[p.attempts, p.generated, p.succeeded, p.wasted].map(rate),
      p.generated > 0 ? (p.attempts / p.generated).toFixed(2) : '–',
    ]);
    await check('Latency', 'latency', ['p50 (ms)', 'p95 (ms)', 'p99 (ms)'], (p) => [ms(p.p50), ms(p.p95), ms(p.p99)]);
    const concurrency = await check(
      'Concurrency & queue',
      'concurrency',
      ['in flight at client (peak)', 'busy at backends (peak)', 'slots (at end)', 'queued at backends (peak)'],
      (p) => [p.inFlightMax, p.busyMax, p.capacity, p.queuedMax].map(int),
    );
    // The hang (30–60 s) holds every slot and fills the queue: the table shows it.
    const rows = await tableCells(concurrency);
    expect(Number(rows[35][2].replace(/,/g, ''))).toBe(Number(rows[35][3]));
    expect(Number(rows[35][4].replace(/,/g, ''))).toBeGreaterThan(0);

    // Per backend: routed calls per second of each instance add up to what the balancer routed there.
    await page.getByRole('tab', { name: 'Per backend' }).click();
    await labPage.tableToggle('backends').click();
    const backendTable = labPage.chartTable('backends');
    await expect(backendTable.locator('tbody tr')).toHaveCount(points.length);
    expect(await headers(backendTable)).toEqual(['time (s)', ...report.backends.map((b) => `${b.id} (/s)`)]);
    const backendRows = await tableCells(backendTable);
    report.backends.forEach((b, k) => expect(backendRows.reduce((sum, r) => sum + Number(r[k + 1].replace(/,/g, '')), 0), b.id).toBe(b.routed));

    // A table stays a table while its tab is hidden, and toggles back to the chart.
    await page.getByRole('tab', { name: 'Latency' }).click();
    await expect(labPage.tableToggle('latency')).toHaveAttribute('aria-pressed', 'true');
    await labPage.tableToggle('latency').click();
    await expect(labPage.chartTable('latency')).toHaveCount(0);
    await expect(labPage.chartPaths('latency').first()).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('the row at the crosshair is highlighted and in view, and pointing at a row moves the crosshair on the other charts', async ({ page, labPage, lab }) => {
    await labPage.open(`?preset=${PRESET}`);
    await lab.advance(40_000);
    await labPage.tableToggle('throughput').click();
    const table = labPage.chartTable('throughput');
    await expect(table.locator('tbody tr')).toHaveCount(40);

    // The crosshair on the latency chart at 12 s marks row 12 of the throughput table and scrolls it into view.
    const current = table.locator('tbody tr[aria-current="time"]');
    // Pointed again until it holds: the plot may still settle after the table opened (a busy machine).
    await expect(async () => {
      await pointAt(page, labPage, 'latency', 12.2 / DURATION_S);
      await expect(current).toHaveCount(1);
      await expect(current.locator('th')).toHaveText('12', { timeout: 1_000 });
    }).toPass();
    await expect(current).toBeInViewport();
    const scroller = labPage.chart('throughput').locator('.chart-table-scroll');
    const [rowBox, scrollBox] = [(await current.boundingBox())!, (await scroller.boundingBox())!];
    expect(rowBox.y).toBeGreaterThanOrEqual(scrollBox.y);
    expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(scrollBox.y + scrollBox.height + 1);

    // Pointing at row 30 puts the crosshair at 30 s on the latency chart and the timeline.
    await table.locator('tbody tr').nth(30).hover();
    await expect(current.locator('th')).toHaveText('30');
    await expect(labPage.crosshair('latency')).toHaveAttribute('visibility', 'visible');
    const area = await plotArea(labPage, 'latency');
    expect(Math.abs((await lineFraction(labPage.crosshair('latency'), area)) - 30 / DURATION_S) * area.width).toBeLessThan(1.5);
    await expect(page.getByTestId('state-timeline')).toContainText('at 30.0 s');
    // ...and the fault timeline's lane, at the same fraction of the run.
    const lane = (await labPage.faultLane('payments').boundingBox())!;
    const mark = (await labPage.faultLane('payments').getByTestId('fault-crosshair').boundingBox())!;
    expect(Math.abs((mark.x - lane.x) / lane.width - 30 / DURATION_S) * lane.width).toBeLessThan(2);

    // Looking at the past, the table ends at the shown time.
    await page.mouse.move(5, 5);
    await lab.seek(20_500);
    await expect(table.locator('tbody tr')).toHaveCount(21);
    await expect(current.locator('th')).toHaveText('20');
  });
});

test('live, a table follows the newest row while scrolled to the bottom, and leaves a reader who scrolled up alone', async ({ labPage, lab }) => {
  await labPage.open(`?preset=${PRESET}`);
  await lab.advance(20_000);
  await labPage.tableToggle('throughput').click();
  const table = labPage.chartTable('throughput');
  const scroller = labPage.chart('throughput').locator('.chart-table-scroll');
  const gapBelow = () => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
  await expect(table.locator('tbody tr')).toHaveCount(20);
  await expect.poll(gapBelow).toBeLessThanOrEqual(1);

  await lab.advance(10_000);
  await expect(table.locator('tbody tr')).toHaveCount(30);
  await expect(table.locator('tbody tr[aria-current="time"] th')).toHaveText('29');
  await expect.poll(gapBelow).toBeLessThanOrEqual(1);

  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  await lab.advance(10_000);
  await expect(table.locator('tbody tr')).toHaveCount(40);
  await expect(table.locator('tbody tr[aria-current="time"] th')).toHaveText('39');
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
});

test.describe('for the eye', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 800 },
  ]) {
    for (const theme of ['light', 'dark'] as const) {
      test(`crosshair and a table at ${size.width}×${size.height}, ${theme}: one screen, saved to e2e/screenshots`, async ({ page, labPage, lab, consoleErrors }) => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: theme });
        await page.addInitScript(() => localStorage.removeItem('faultline.theme'));
        await labPage.open(`?preset=${PRESET}`);
        await lab.advance(45_000);
        await page.getByRole('tab', { name: 'Error rate' }).click();
        await page.getByRole('tab', { name: 'Concurrency & queue' }).click();
        await labPage.tableToggle('concurrency').click();
        await expect(labPage.chartTable('concurrency').locator('tbody tr')).toHaveCount(45);
        await pointAt(page, labPage, 'errors', 33 / DURATION_S);
        await expect(labPage.crosshair('errors')).toHaveAttribute('visibility', 'visible');
        await expect(labPage.chartTable('concurrency').locator('tbody tr[aria-current="time"] th')).toHaveText('33');
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight,
        }));
        expect(overflow).toEqual({ x: 0, y: 0 });
        await page.screenshot({ path: `e2e/screenshots/charts-${size.width}x${size.height}-${theme}.png` });
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});

/**
 * The lab page (issue 7): the layout at both screen sizes, the topology's moving requests and
 * live figures, the live statechart of a breaker, a backend's health machine and a saga (the lit
 * state, the counts, the flash, the rule on hover), the inspector's edits surviving a
 * seek-and-resume, and the keyboard. Each check compares the page with the engine's own account
 * (lab.state(), lab.metrics(), lab.report()), never with numbers copied from a screenshot.
 */
import type { Locator, Page } from '@playwright/test';
import type { RunReport } from '../src/sim/report';
import { expect, test, type LabApi } from './fixtures';

const BREAKER = 'payments.circuitBreaker';

/** The statechart's states and arrows, by test id. */
const chart = (page: Page) => ({
  panel: page.getByTestId('statechart-panel'),
  state: (s: string) => page.getByTestId(`sc-state-${s}`),
  edge: (from: string, to: string) => page.getByTestId(`sc-edge-${from}-${to}`),
  edges: page.locator('[data-testid^="sc-edge-"]'),
  lit: page.locator('[data-testid^="sc-state-"][data-current="true"]'),
  tooltip: page.getByRole('tooltip'),
});

/**
 * Points at an arrow as a reader would: at its label, or, unlabelled, at the middle of its line
 * (the centre of a curved arrow's box can lie on a state box).
 */
async function hoverEdge(page: Page, from: string, to: string): Promise<void> {
  const edge = chart(page).edge(from, to);
  const label = edge.locator('.sc-edge-label');
  if ((await label.count()) > 0) return label.hover();
  const at = await edge.locator('.sc-edge-hit').evaluate((el) => {
    const path = el as SVGPathElement;
    const m = path.getPointAtLength(path.getTotalLength() / 2);
    const ctm = path.getScreenCTM()!;
    return { x: m.x * ctm.a + m.y * ctm.c + ctm.e, y: m.x * ctm.b + m.y * ctm.d + ctm.f };
  });
  await page.mouse.move(at.x, at.y);
}

/** Every arrow drawn, as [from, to, count]. */
async function drawnCounts(page: Page): Promise<Array<[string, string, number]>> {
  return page.locator('[data-testid^="sc-edge-"]').evaluateAll((els) =>
    els.map((el) => {
      const [from, to] = (el.getAttribute('aria-label') ?? '').split(' on ')[0].split(' to ');
      return [from, to, Number(el.getAttribute('data-count'))] as [string, string, number];
    }),
  );
}

/** How often the report's transition list has machine `m` go from → to. */
const taken = (report: RunReport, m: string | RegExp, from: string, to: string): number =>
  report.transitions.filter((t) => (typeof m === 'string' ? t.machine === m : m.test(t.machine)) && t.from === from && t.to === to).length;

/** Machine state the page reports, and the one the statechart lights, agree; returns it. */
async function expectLitState(page: Page, lab: LabApi, machine: string): Promise<string> {
  const s = await lab.state();
  const state = s.machines[machine];
  expect(state, `${machine} in lab.state()`).toBeTruthy();
  await expect(chart(page).lit).toHaveCount(1);
  await expect(chart(page).state(state)).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId(`badge-${machine}`)).toHaveText(state.replace(/_/g, ' '));
  return state;
}

/** Whether two boxes overlap by more than a pixel each way. */
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height;

/** Labels of the statechart lying on a state box or on one another (what makes a chart unreadable). */
async function statechartClashes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const labels = [...document.querySelectorAll('.sc-edge-label')].map((el) => ({ name: el.closest('[data-testid]')!.getAttribute('data-testid')!, r: box(el) }));
    const states = [...document.querySelectorAll('.sc-state .sc-box')].map((el) => ({ name: el.closest('[data-testid]')!.getAttribute('data-testid')!, r: box(el) }));
    const out: string[] = [];
    const hit = (a: DOMRect, b: DOMRect) => a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height;
    labels.forEach((l, i) => {
      for (const s of states) if (hit(l.r, s.r)) out.push(`${l.name} on ${s.name}`);
      for (const o of labels.slice(i + 1)) if (hit(l.r, o.r)) out.push(`${l.name} on ${o.name}`);
    });
    return out;
  });
}

/** Controls without an accessible name, from the page's accessibility tree. */
async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^- (button|combobox|textbox|slider|tab|checkbox|spinbutton|radio|menuitem|link|switch)\b/.test(l) && !/^- \w+ "/.test(l));
}

test.describe('the lab page', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 800 },
  ]) {
    for (const theme of ['light', 'dark'] as const) {
      test(`layout at ${size.width}×${size.height}, ${theme}: one screen, every region in view, readable diagram and chart, named controls`, async ({
        page,
        labPage,
        lab,
        consoleErrors,
      }) => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: theme });
        await page.addInitScript(() => localStorage.removeItem('faultline.theme'));
        await labPage.open('?preset=outage-with-breaker');
        await lab.advance(40_000);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

        // No page scroll, in either direction.
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight,
        }));
        expect(overflow).toEqual({ x: 0, y: 0 });

        // The regions are on screen, side by side where the design puts them.
        const regions: Record<string, Locator> = {
          topology: page.getByTestId('topology'),
          statechart: chart(page).panel,
          inspector: page.getByRole('region', { name: 'Inspector' }),
          throughput: labPage.chart('throughput'),
          latency: labPage.chart('latency'),
          slider: labPage.timeSlider,
          play: labPage.playButton,
        };
        const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
        for (const [name, loc] of Object.entries(regions)) {
          await expect(loc, name).toBeInViewport({ ratio: 1 });
          boxes[name] = (await loc.boundingBox())!;
        }
        expect(overlaps(boxes.topology, boxes.statechart)).toBe(false);
        expect(boxes.topology.x + boxes.topology.width).toBeLessThanOrEqual(boxes.statechart.x);
        expect(boxes.inspector.x + boxes.inspector.width).toBeLessThanOrEqual(boxes.topology.x);
        expect(boxes.topology.height).toBeGreaterThan(150);

        // The diagram's labels are whole: the client, the balancer's algorithm, each backend.
        await expect(page.getByTestId('topo-client').locator('text').first()).toHaveText('client');
        await expect(page.getByTestId('topo-balancer:payments').locator('text').first()).toHaveText('round robin');
        await expect(page.getByTestId('topo-dep:payments').locator('text').first()).toHaveText('payments');
        for (let i = 0; i < 4; i++) await expect(page.getByTestId(`topo-backend:payments/${i}`).locator('text').first()).toHaveText(`#${i}`);
        // No text of the diagram is cut short.
        expect(await page.getByTestId('topology').locator('text').allTextContents()).not.toContainEqual(expect.stringContaining('…'));

        // The breaker's chart: every state drawn, no label on a box or another label.
        for (const s of ['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN']) await expect(chart(page).state(s)).toBeVisible();
        expect(await statechartClashes(page)).toEqual([]);
        // Text stays readable: the chart is drawn at 90 % of its size (77 % on the smaller screen) at the least.
        const scale = await page.locator('.sc-svg').evaluate((svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width);
        expect(scale).toBeGreaterThanOrEqual(size.width === 1440 ? 0.9 : 0.77);

        expect(await unnamedControls(page)).toEqual([]);
        expect(consoleErrors).toEqual([]);
      });
    }
  }

  test('topology: requests move along the edges, drawn in their outcome’s colour, and never more than a sample', async ({ page, labPage, lab, consoleErrors }) => {
    await labPage.open('?preset=outage-with-breaker');
    const topo = page.getByTestId('topology');

    /**
     * Plays at 1× for a while and reads the moving dots off the canvas: solid pixels in each
     * outcome's colour (the theme's, read from the page), the most dots at once, and whether the
     * drawing changed between frames.
     */
    const watch = async () => {
      await lab.play();
      await expect(topo).not.toHaveAttribute('data-moving', '0');
      const seen = await page.evaluate(async () => {
        const canvas = document.querySelector<HTMLCanvasElement>('.topology-canvas')!;
        const root = document.querySelector<HTMLElement>('[data-testid="topology"]')!;
        const probe = document.createElement('canvas').getContext('2d')!;
        const style = getComputedStyle(root);
        const hex: Record<string, string> = {};
        for (const [outcome, v] of [
          ['success', '--c-ok'],
          ['failure', '--c-fail'],
          ['timeout', '--c-timeout'],
          ['rejected', '--c-reject'],
          ['fallback', '--c-degraded'],
        ]) {
          probe.fillStyle = style.getPropertyValue(v).trim();
          hex[probe.fillStyle] = outcome;
        }
        const ctx = canvas.getContext('2d')!;
        const pixels: Record<string, number> = {};
        const colors = new Set<string>();
        let moving = 0;
        let frames = 0;
        let changed = 0;
        let previous = '';
        for (let i = 0; i < 24; i++) {
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 40)));
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let sum = 0;
          for (let p = 0; p < data.length; p += 4) {
            if (data[p + 3] !== 255) continue;
            sum = (sum * 31 + p) % 1_000_003;
            const key = `#${[data[p], data[p + 1], data[p + 2]].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
            const outcome = hex[key];
            if (outcome) pixels[outcome] = (pixels[outcome] ?? 0) + 1;
          }
          const signature = String(sum);
          if (previous && signature !== previous) changed++;
          previous = signature;
          frames++;
          moving = Math.max(moving, Number(root.dataset.moving));
          for (const c of (root.dataset.colors ?? '').split(',').filter(Boolean)) colors.add(c);
        }
        return { pixels, colors: [...colors].sort(), moving, frames, changed };
      });
      await lab.pause();
      return seen;
    };

    // Before the outage every request succeeds: every dot is in the success colour.
    await labPage.speedSelect.selectOption('1');
    const before = await watch();
    const m1 = await lab.metrics();
    expect(m1.totals.failed + m1.totals.rejected + m1.totals.timedOut).toBe(0);
    expect(before.colors).toEqual(['success']);
    expect(before.pixels.success).toBeGreaterThan(0);
    expect(Object.keys(before.pixels)).toEqual(['success']);
    // The dots move (the drawing changes frame to frame) and are a sample: at most 80 at once for 200 requests a second.
    expect(before.changed).toBeGreaterThan(before.frames / 2);
    expect(before.moving).toBeGreaterThan(0);
    expect(before.moving).toBeLessThanOrEqual(80);

    // With the breaker open (payments hangs from 30 s), calls are turned away at the breaker: orange dots, no green ones.
    await lab.advance(33_000 - (await lab.state()).liveMs);
    expect((await lab.state()).machines[BREAKER]).toBe('OPEN');
    await expect(topo).toHaveAttribute('data-moving', '0', { timeout: 5_000 });
    const r0 = await lab.metrics();
    const open = await watch();
    const r1 = await lab.metrics();
    expect(r1.totals.rejected).toBeGreaterThan(r0.totals.rejected);
    expect(r1.totals.succeeded).toBe(r0.totals.succeeded);
    expect(open.colors).toContain('rejected');
    expect(open.colors).not.toContain('success');
    expect(open.pixels.rejected).toBeGreaterThan(0);
    expect(open.pixels.success ?? 0).toBe(0);
    // Every colour drawn is an outcome that happened in the window.
    const grew: Record<string, number> = {
      success: r1.totals.succeeded - r0.totals.succeeded,
      failure: r1.totals.failed - r0.totals.failed,
      timeout: r1.totals.timedOut - r0.totals.timedOut,
      rejected: r1.totals.rejected - r0.totals.rejected,
      fallback: r1.totals.fallback - r0.totals.fallback,
    };
    for (const c of open.colors) expect(grew[c], c).toBeGreaterThan(0);

    // Each node shows its live load, queue and health, and the pool's figures are its backends' (the
    // diagram redraws its figures a few times a second: read them until they agree).
    const s = await lab.advance(7_000);
    const sums = async () => {
      const labels = await Promise.all([0, 1, 2, 3].map((i) => page.getByTestId(`topo-backend:payments/${i}`).getAttribute('aria-label')));
      let busy = 0;
      let queued = 0;
      for (const label of labels) {
        const m = /(\d+) of 8 busy, queue (\d+), (healthy|warming|unhealthy|ejected)/.exec(label ?? '');
        if (!m) return `unexpected backend label: ${label}`;
        busy += Number(m[1]);
        queued += Number(m[2]);
      }
      const dep = (await page.getByTestId('topo-dep:payments').getAttribute('aria-label')) ?? '';
      return dep.includes(`breaker ${s.machines[BREAKER]}; ${busy} of 32 busy, queue ${queued}`) ? 'agree' : `${dep} vs ${busy} busy, ${queued} queued`;
    };
    await expect.poll(sums).toBe('agree');
    await expect(page.getByTestId('topo-balancer:payments')).toHaveAttribute('aria-label', 'balancer payments: round robin, 4 of 4 healthy');
    expect(consoleErrors).toEqual([]);
  });

  test('a backend’s health shows on its node and in its own statechart', async ({ page, labPage, lab, consoleErrors }) => {
    await labPage.open('?preset=outlier-ejection');
    await page.getByTestId('topo-backend:api/2').click();
    await expect(chart(page).panel.getByRole('combobox', { name: 'Machine shown' })).toHaveValue('api/2.health');
    const s = await lab.advance(40_000);
    expect(s.machines['api/2.health']).toBe('EJECTED');
    await expectLitState(page, lab, 'api/2.health');
    await expect(page.getByTestId('topo-backend:api/2')).toHaveAttribute('aria-label', /ejected/);
    await expect(page.getByTestId('topo-backend:api/2').locator('rect[data-health]')).toHaveAttribute('data-health', 'EJECTED');
    await expect(page.getByTestId('topo-balancer:api')).toHaveAttribute('aria-label', /4 of 5 healthy/);

    // Each arrow's count is the number of times the report says the machine took it.
    const report = await lab.report();
    const drawn = await drawnCounts(page);
    expect(drawn.length).toBeGreaterThan(5);
    for (const [from, to, n] of drawn) expect(n, `${from}→${to}`).toBe(taken(report, 'api/2.health', from, to));
    const ejections = taken(report, 'api/2.health', 'HEALTHY', 'EJECTED');
    expect(ejections).toBeGreaterThanOrEqual(2);

    // Hovering an arrow explains its rule with the current numbers.
    await hoverEdge(page, 'EJECTED', 'HEALTHY');
    await expect(chart(page).tooltip).toContainText(`EJECTED → HEALTHY ${taken(report, 'api/2.health', 'EJECTED', 'HEALTHY')} time`);
    await expect(chart(page).tooltip).toContainText(`ejected ${ejections}× so far`);
    await expect(chart(page).tooltip).toContainText(/SWEEP if at a sweep once the ejection is over \((\d+(\.\d+)? s left|over)\)/);
    expect(consoleErrors).toEqual([]);
  });

  test('the breaker’s statechart: the lit state, counts equal to the report, the latest transition flashing, the rule on hover', async ({
    page,
    labPage,
    lab,
    consoleErrors,
  }) => {
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(45_000);
    await expectLitState(page, lab, BREAKER);

    let report = await lab.report();
    for (const [from, to, n] of await drawnCounts(page)) expect(n, `${from}→${to}`).toBe(taken(report, BREAKER, from, to));
    expect(taken(report, BREAKER, 'CLOSED', 'OPEN')).toBe(1);
    expect(taken(report, BREAKER, 'OPEN', 'HALF_OPEN')).toBeGreaterThanOrEqual(2);
    await expect(chart(page).edge('CLOSED', 'OPEN')).toHaveAttribute('data-count', '1');
    // FORCE (a command from any state) is not drawn until taken; the chart says so.
    await expect(chart(page).edge('OPEN', 'CLOSED')).toHaveCount(0);
    await expect(page.getByTestId('sc-caption')).toContainText('FORCE');

    // Step to the next transition: its arrow flashes and its count goes up by one.
    const log = report.transitions.filter((t) => t.machine === BREAKER);
    const before = log.length;
    await labPage.stepTransitionButton.click();
    await expect.poll(async () => (await lab.report()).transitions.filter((t) => t.machine === BREAKER).length).toBe(before + 1);
    report = await lab.report();
    const latest = report.transitions.filter((t) => t.machine === BREAKER).at(-1)!;
    const edge = chart(page).edge(latest.from, latest.to);
    await expect(edge).toHaveAttribute('data-count', String(taken(report, BREAKER, latest.from, latest.to)));
    await expect(edge.locator('.sc-edge-flash')).toHaveCount(1);
    await expect(page.locator('.sc-edge-flash')).toHaveCount(1);
    await expectLitState(page, lab, BREAKER);

    // Hover: the rule behind the guard, in words, with the numbers the breaker decides on now.
    await hoverEdge(page, 'CLOSED', 'OPEN');
    const tip = chart(page).tooltip;
    await expect(tip).toContainText('CLOSED → OPEN 1 time so far');
    await expect(tip).toContainText(/always if opens when a rate reaches its threshold/);
    const figures = await page.getByTestId('statechart-figures').textContent();
    // The same rate as the panel's figures, or, with too few calls yet (a dash there), the reason.
    const rate = /failure rate (\d+(?:\.\d)?)%/.exec(figures ?? '')?.[1];
    if (rate === undefined) {
      expect(figures).toContain('failure rate –');
      await expect(tip).toContainText(/\d+ calls? < minimum \d+: rates not computed yet/);
    } else await expect(tip).toContainText(`failure rate ${Number(rate)}%`);
    // Keyboard focus shows the same explanation; Escape hides it.
    await page.mouse.move(0, 0);
    await expect(tip).toHaveCount(0);
    await chart(page).edge('OPEN', 'HALF_OPEN').focus();
    await expect(tip).toContainText(/PERMIT\.REQUESTED if the first call strictly after the (5 s wait|wait in OPEN \(5 s\)) takes a trial permit/);
    await page.keyboard.press('Escape');
    await expect(tip).toHaveCount(0);

    // Looking back, the chart shows the machine as it was then.
    const past = await lab.seek(32_000); // the breaker trips at 31.06 s
    expect(past.machines[BREAKER]).toBe('OPEN');
    await expect(chart(page).state('OPEN')).toHaveAttribute('data-current', 'true');
    await expect(chart(page).edge('CLOSED', 'OPEN')).toHaveAttribute('data-count', '1');
    await expect(chart(page).edge('OPEN', 'HALF_OPEN')).toHaveAttribute('data-count', '0');
    await lab.seek(20_000);
    await expect(chart(page).state('CLOSED')).toHaveAttribute('data-current', 'true');
    await expect(chart(page).edge('CLOSED', 'OPEN')).toHaveAttribute('data-count', '0');
    expect(consoleErrors).toEqual([]);
  });

  test('a saga’s statechart counts every instance’s transitions', async ({ page, labPage, lab, consoleErrors }) => {
    await labPage.open('?preset=saga-payment-failure');
    await expect(chart(page).panel.getByRole('combobox', { name: 'Machine shown' })).toHaveValue('saga:order');
    await lab.advance(30_000);
    const report = await lab.report();
    const order = report.sagas.bySaga.find((s) => s.id === 'order')!;
    expect(order.compensated).toBeGreaterThan(0);
    const count = async (from: string, to: string) => Number(await chart(page).edge(from, to).getAttribute('data-count'));
    expect(await count('EXECUTING', 'COMMITTED')).toBe(order.completed);
    expect(await count('EXECUTING', 'COMPENSATING')).toBe(taken(report, /^order#/, 'EXECUTING', 'COMPENSATING'));
    expect((await count('EXECUTING', 'COMPENSATED')) + (await count('COMPENSATING', 'COMPENSATED'))).toBe(order.compensated);
    expect((await count('EXECUTING', 'STUCK')) + (await count('COMPENSATING', 'STUCK'))).toBe(order.stuck);
    // Sagas are running, so the coordinators' chart lights EXECUTING or COMPENSATING, as its badge says.
    const badge = (await page.getByTestId('badge-saga:order').textContent())!;
    expect(['EXECUTING', 'COMPENSATING']).toContain(badge);
    await expect(chart(page).state(badge)).toHaveAttribute('data-current', 'true');
    await expect(chart(page).lit).toHaveCount(1);
    // Final states have a double border; the chart reads cleanly.
    await expect(chart(page).state('COMMITTED').locator('.sc-box-final')).toHaveCount(1);
    expect(await statechartClashes(page)).toEqual([]);

    // The rule behind a saga's arrow, with this saga's figures.
    await hoverEdge(page, 'EXECUTING', 'COMPENSATING');
    await expect(chart(page).tooltip).toContainText(`${await count('EXECUTING', 'COMPENSATING')} times so far`);
    await hoverEdge(page, 'EXECUTING', 'STUCK');
    await expect(chart(page).tooltip).toContainText('the pivot (createShipment) already succeeded');

    // Selecting the saga's node shows its figures in the inspector.
    await page.getByTestId('topo-saga:order').click();
    await expect(page.getByTestId('inspector-figures')).toContainText(`committed${order.completed.toLocaleString('en-US')}`);
    expect(consoleErrors).toEqual([]);
  });

  test('inspector: a click selects a node and shows its figures; an edit while paused joins the timeline and survives a seek-and-resume', async ({
    page,
    labPage,
    lab,
    consoleErrors,
  }) => {
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(10_000);
    const inspector = page.getByRole('region', { name: 'Inspector' });

    // A dependency: its figures, its policies and its configuration.
    await page.getByTestId('topo-dep:payments').click();
    await expect(page.getByTestId('topo-dep:payments')).toHaveAttribute('aria-pressed', 'true');
    await expect(inspector.getByRole('heading')).toContainText('payments');
    const depFigures = page.getByTestId('inspector-figures');
    await expect(depFigures).toContainText('backends up4 / 4');
    await expect(depFigures).toContainText(/busy\d+ \/ 32/);
    await expect(inspector.getByLabel('concurrency', { exact: true })).toHaveValue('8');
    await expect(inspector.getByRole('group', { name: 'Configuration of payments' })).toBeVisible();
    // Its first machine is shown in the statechart.
    await expect(chart(page).panel.getByRole('combobox', { name: 'Machine shown' })).toHaveValue(BREAKER);

    // A bad value is refused with a reason, and nothing joins the timeline.
    await inspector.getByLabel('concurrency', { exact: true }).fill('0');
    await inspector.getByRole('button', { name: 'Apply concurrency' }).click();
    await expect(inspector.getByRole('alert')).toHaveText('expected at least 1');

    // The client: double the traffic at 10 s, while paused.
    await page.getByTestId('topo-client').click();
    await expect(page.getByTestId('inspector-figures')).toContainText(`requests${(await lab.metrics()).totals.generated.toLocaleString('en-US')}`);
    const rate = inspector.getByLabel('ratePerSec', { exact: true });
    await expect(rate).toHaveValue('200');
    await rate.fill('400');
    await inspector.getByRole('button', { name: 'Apply ratePerSec' }).click();
    await expect(inspector.getByRole('status')).toContainText('ratePerSec = 400 from 10.0 s');
    const timeline = page.getByRole('region', { name: 'Scenario details' });
    await expect(timeline.getByText(/10\.0 s\s*set workload ratePerSec = 400/)).toBeVisible();
    await expect(rate).toHaveValue('400');
    expect((await lab.state()).playing).toBe(false);

    await lab.advance(10_000);
    const edited = await lab.metrics();
    // 10 s at 200/s then 10 s at 400/s, give or take Poisson noise.
    expect(edited.totals.generated).toBeGreaterThan(5_000);

    // Seek back before the edit, resume: the re-run replays the edit at the same time.
    await lab.seek(5_000);
    await page.getByRole('button', { name: 'Resume from here' }).click();
    await expect(labPage.playButton).toHaveAccessibleName('Pause');
    await lab.pause();
    await lab.seek(20_000);
    expect((await lab.metrics()).totals).toEqual(edited.totals);
    await expect(timeline.getByText(/10\.0 s\s*set workload ratePerSec = 400/)).toBeVisible();
    await expect(rate).toHaveValue('400');

    // Without the edit the same seed gives fewer requests: the edit, not chance, made the difference.
    await lab.load('outage-with-breaker');
    await lab.advance(20_000);
    expect((await lab.metrics()).totals.generated).toBeLessThan(edited.totals.generated - 1_500);
    expect(consoleErrors).toEqual([]);
  });

  test('the layout holds still: seeking and playing move no panel (a shift re-lays out every chart)', async ({ page, labPage, lab }) => {
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(120_000);
    const boxes = () =>
      page.evaluate(() => [...document.querySelectorAll('.center > *, .statechart-body')].map((el) => `${el.className} ${Math.round(el.getBoundingClientRect().y)}+${Math.round(el.getBoundingClientRect().height)}`));
    const first = await boxes();
    // Moments with short and long figures: before any traffic, mid-outage, the end.
    for (const t of [500, 8_000, 45_000, 90_000, 120_000]) {
      await lab.seek(t);
      expect(await boxes(), `at ${t} ms`).toEqual(first);
    }
  });

  test('keyboard: space plays and pauses, → steps to the next event, shift+→ to the next transition; nodes select with Enter', async ({
    page,
    labPage,
    lab,
    consoleErrors,
  }) => {
    await labPage.open('?preset=outage-with-breaker');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect(labPage.playButton).toHaveAccessibleName('Pause');
    expect((await lab.state()).playing).toBe(true);
    await page.keyboard.press('Space');
    await expect(labPage.playButton).toHaveAccessibleName('Play');
    const paused = await lab.state();
    expect(paused.playing).toBe(false);

    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await lab.state()).liveMs).toBeGreaterThan(paused.liveMs);
    const stepped = (await lab.state()).liveMs;
    // One event: requests arrive 200 a second, so the next event is at most a few ms away.
    expect(stepped - paused.liveMs).toBeLessThan(100);

    await page.keyboard.press('Shift+ArrowRight');
    await expect(labPage.badge(BREAKER)).toHaveText('OPEN');
    expect((await lab.state()).liveMs).toBeGreaterThan(30_000);
    await expect(page.locator('.sc-edge-flash')).toHaveCount(1);
    await expect(chart(page).edge('CLOSED', 'OPEN').locator('.sc-edge-flash')).toHaveCount(1);

    // A node takes the focus; Enter selects it, and space on it selects rather than plays.
    const node = page.getByTestId('topo-backend:payments/1');
    await node.focus();
    await page.keyboard.press('Enter');
    await expect(node).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toContainText('payments/1');
    await page.getByTestId('topo-client').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('topo-client')).toHaveAttribute('aria-pressed', 'true');
    expect((await lab.state()).playing).toBe(false);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('topo-client')).toHaveAttribute('aria-pressed', 'false');
    expect(consoleErrors).toEqual([]);
  });
});

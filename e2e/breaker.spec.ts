import { expect, test } from './fixtures';

const BREAKER = 'payments.circuitBreaker';

test.describe('the breaker preset in the browser', () => {
  test('opens during the outage and recovers, in the badge, the timeline, the log and both charts', async ({ labPage, lab, consoleErrors }) => {
    await labPage.open();
    const start = await lab.state();
    expect(start.scenario).toBe('outage-with-breaker');
    await expect(labPage.badge(BREAKER)).toHaveText('CLOSED');

    const open = await lab.advance(33_000);
    expect(open.machines[BREAKER]).toBe('OPEN');
    await expect(labPage.badge(BREAKER)).toHaveText('OPEN');
    await expect(labPage.trips(BREAKER)).toHaveText('1 trip');
    await expect(labPage.timeline(BREAKER).locator('rect[data-state="OPEN"]')).toHaveCount(1);
    await expect(labPage.logLines.filter({ hasText: 'CLOSED → OPEN' })).toContainText(/failure rate 50% ≥ 50% \(10 of 20 failed\)/);
    await expect(labPage.chartPaths('throughput').first()).toBeVisible();
    await expect(labPage.chartPaths('latency').first()).toBeVisible();

    const probing = await lab.advance(4_000);
    expect(probing.machines[BREAKER]).toMatch(/OPEN|HALF_OPEN/);
    await expect(labPage.logLines.filter({ hasText: 'OPEN → HALF_OPEN' }).first()).toContainText('trial permit');

    const recovered = await lab.advance(33_000); // 70 s: the outage ended at 60 s
    expect(recovered.machines[BREAKER]).toBe('CLOSED');
    await expect(labPage.badge(BREAKER)).toHaveText('CLOSED');
    await expect(labPage.timeline(BREAKER).locator('rect[data-state="HALF_OPEN"]').first()).toBeVisible();
    await expect(labPage.logLines.filter({ hasText: 'HALF_OPEN → CLOSED' })).toHaveCount(1);
    // The timeline redraws a few times a second: wait for it to catch up with the run.
    await expect.poll(async () => Number((await labPage.trips(BREAKER).textContent())?.split(' ')[0])).toBeGreaterThanOrEqual(4);

    const m = await lab.metrics();
    expect(m.totals.rejected).toBeGreaterThan(4000);
    expect(m.totals.generated).toBe(m.totals.succeeded + m.totals.fallback + m.totals.failed + m.totals.rejected + m.totals.timedOut + m.totals.inFlight);
    expect(consoleErrors).toEqual([]);
  });

  test('play, pause and speed run the simulation on its own clock', async ({ labPage, lab, page }) => {
    await labPage.open();
    await labPage.speedSelect.selectOption('max');
    await labPage.playButton.click();
    await expect(labPage.playButton).toHaveAccessibleName('Pause');
    await expect.poll(async () => (await lab.state()).liveMs).toBeGreaterThan(5_000);
    await page.keyboard.press('Space');
    await expect(labPage.playButton).toHaveAccessibleName('Play');
    const paused = (await lab.state()).liveMs;
    await page.waitForTimeout(300);
    expect((await lab.state()).liveMs).toBe(paused);
  });

  test('step to the next event and to the next transition', async ({ labPage, lab }) => {
    await labPage.open();
    await labPage.stepEventButton.click();
    await expect.poll(async () => (await lab.state()).liveMs).toBeGreaterThan(0);
    const afterEvent = (await lab.state()).liveMs;
    expect(afterEvent).toBeLessThan(100);
    await labPage.stepTransitionButton.click();
    await expect(labPage.badge(BREAKER)).toHaveText('OPEN');
    const s = await lab.state();
    expect(s.liveMs).toBeGreaterThan(30_000);
    expect(s.liveMs).toBeLessThan(32_000);
    await expect(labPage.logLines.last()).toContainText('CLOSED → OPEN');
  });

  test('dragging the time slider back shows the past; resuming re-runs to it deterministically', async ({ labPage, lab, page }) => {
    await labPage.open();
    await lab.advance(70_000);
    const live = await lab.metrics();
    const past = await lab.seek(35_000);
    expect(past.viewing).toBe('history');
    expect(past.machines[BREAKER]).toBe('OPEN');
    await expect(labPage.badge(BREAKER)).toHaveText('OPEN');
    await expect(page.getByTestId('history-tag')).toBeVisible();
    await expect(labPage.simTime).toHaveText('35.0 s');
    const pastMetrics = await lab.metrics();
    expect(pastMetrics.totals.generated).toBeLessThan(live.totals.generated);

    // The slider itself moves the view, too.
    await labPage.timeSlider.fill('20000');
    await expect(labPage.badge(BREAKER)).toHaveText('CLOSED');
    await expect(labPage.simTime).toHaveText('20.0 s');

    await page.getByRole('button', { name: 'Resume from here' }).click();
    await expect(labPage.playButton).toHaveAccessibleName('Pause');
    const resumed = await lab.pause();
    expect(resumed.viewing).toBe('live');
    expect(resumed.liveMs).toBeGreaterThanOrEqual(20_000);
    // Deterministic: running on to 70 s again gives the totals seen before.
    await lab.seek(70_000);
    expect((await lab.metrics()).totals).toEqual(live.totals);
  });

  test('changing the seed and resetting', async ({ labPage, lab }) => {
    await labPage.open();
    await lab.advance(10_000);
    const a = await lab.metrics();
    await labPage.seedInput.fill('7');
    await labPage.seedInput.press('Enter');
    await expect.poll(async () => (await lab.state()).seed).toBe(7);
    expect((await lab.state()).liveMs).toBe(0);
    await lab.advance(10_000);
    const b = await lab.metrics();
    expect(b.totals.generated).not.toBe(a.totals.generated);
    await labPage.resetButton.click();
    await expect.poll(async () => (await lab.state()).liveMs).toBe(0);
    expect((await lab.state()).seed).toBe(7);
  });
});

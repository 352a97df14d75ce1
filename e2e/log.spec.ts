/** The log: filter by component and kind; clicking a line shows the run at that moment. */
import { expect, test } from './fixtures';

test.describe('the transition and event log', () => {
  test('filters by component, by dependency and by kind', async ({ labPage, lab, page, consoleErrors }) => {
    await labPage.open('?preset=panic-threshold');
    await lab.advance(90_000);
    const report = await lab.report();
    const machines = [...new Set(report.transitions.map((t) => t.machine))];
    expect(machines.length).toBeGreaterThan(1);
    const one = machines[0];

    const component = page.getByRole('combobox', { name: 'Log component' });
    await component.selectOption(one);
    const lines = labPage.logLines;
    await expect(lines.first()).toBeVisible();
    const shown = await lines.locator('td:nth-child(2)').allTextContents();
    expect(new Set(shown)).toEqual(new Set([one]));
    const expected = report.transitions.filter((t) => t.machine === one).length + report.events.filter((e) => e.target === one).length;
    expect(shown.length).toBe(Math.min(400, expected));

    // A dependency with everything in it (its instances and their health machines).
    const dep = one.split(/[./]/)[0];
    await component.selectOption(`dep:${dep}`);
    const inDep = await lines.locator('td:nth-child(2)').allTextContents();
    expect(inDep.length).toBeGreaterThan(shown.length);
    for (const id of inDep) expect(id === dep || id.startsWith(`${dep}.`) || id.startsWith(`${dep}/`)).toBe(true);

    await page.getByRole('combobox', { name: 'Log kind' }).selectOption('event');
    const kinds = await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['event']));

    await page.getByRole('combobox', { name: 'Log kind' }).selectOption('transition');
    await component.selectOption('');
    await expect(page.getByTestId('log-count')).toHaveText(/\d/);
    expect(new Set(await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))))).toEqual(new Set(['transition']));
    expect(consoleErrors).toEqual([]);
  });

  test('clicking a line (or Enter on it) shows the run at that moment', async ({ labPage, lab, page }) => {
    await labPage.open('?preset=outage-with-breaker');
    await lab.advance(45_000);
    const opened = labPage.logLines.filter({ hasText: 'CLOSED → OPEN' }).first();
    const at = Number(await opened.getAttribute('data-at'));
    expect(at).toBeGreaterThan(30_000);
    await opened.click();
    await expect.poll(async () => (await lab.state()).simulatedMs).toBe(at);
    const s = await lab.state();
    expect(s.viewing).toBe('history');
    expect(s.machines['payments.circuitBreaker']).toBe('OPEN');
    expect(s.liveMs).toBe(45_000);
    // The clicked line is the newest shown, and marked as the current moment.
    await expect(labPage.logLines.last()).toHaveAttribute('data-at', String(at));
    await expect(labPage.logLines.last()).toHaveAttribute('aria-current', 'time');

    // Keyboard: focus an earlier line and press Enter.
    await page.getByRole('combobox', { name: 'Log kind' }).selectOption('event');
    const event = labPage.logLines.first();
    const eventAt = Number(await event.getAttribute('data-at'));
    await event.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lab.state()).simulatedMs).toBe(eventAt);
    expect((await lab.state()).machines['payments.circuitBreaker']).toBe('CLOSED');
  });
});

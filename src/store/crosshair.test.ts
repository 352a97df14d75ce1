import { afterEach, describe, expect, it } from 'vitest';
import { clearCrosshair, crosshairStore, nearestRow, setCrosshair } from './crosshair';

afterEach(() => setCrosshair(null, null));

describe('crosshair', () => {
  it('is shared: whoever sets it, every subscriber hears the time once', () => {
    const heard: Array<number | null> = [];
    const stop = crosshairStore.subscribe((s) => heard.push(s.tMs));
    setCrosshair(12_000, 'chart-throughput');
    setCrosshair(12_000, 'chart-throughput');
    setCrosshair(30_000, 'state-timeline');
    stop();
    // Outside a browser there is no animation frame to wait for: each change lands at once, repeats are dropped.
    expect(heard).toEqual([12_000, 30_000]);
    expect(crosshairStore.getState()).toEqual({ tMs: 30_000, source: 'state-timeline' });
  });

  it('is cleared only by the chart that set it (leaving one chart for another keeps the other’s)', () => {
    setCrosshair(5_000, 'chart-latency');
    clearCrosshair('chart-throughput');
    expect(crosshairStore.getState().tMs).toBe(5_000);
    clearCrosshair('chart-latency');
    expect(crosshairStore.getState()).toEqual({ tMs: null, source: null });
  });

  it('snaps to the nearest row, within the rows there are', () => {
    expect(nearestRow(35_400, 1000, 40)).toBe(35);
    expect(nearestRow(35_500, 1000, 40)).toBe(36);
    expect(nearestRow(90_000, 1000, 40)).toBe(39);
    expect(nearestRow(-5, 1000, 40)).toBe(0);
    expect(nearestRow(7_000, 2000, 40)).toBe(4);
    expect(nearestRow(1_000, 1000, 0)).toBe(-1);
  });
});

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../sim/report';
import { ChartTable, fmtMs, fmtRate } from './ChartTable';
import { downsampleSeries } from './downsample';
import { errorRateRow } from './ErrorRateChart';

const point = (tMs: number, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  tMs,
  generated: 0,
  succeeded: 0,
  fallback: 0,
  failed: 0,
  rejected: 0,
  timedOut: 0,
  attempts: 0,
  backendCalls: 0,
  wasted: 0,
  inFlight: 0,
  inFlightMax: 0,
  sagasCommitted: 0,
  sagasCompensated: 0,
  sagasStuck: 0,
  busy: 0,
  busyMax: 0,
  queued: 0,
  queuedMax: 0,
  capacity: 0,
  p50: null,
  p95: null,
  p99: null,
  ...over,
});

describe('error rate (DESIGN.md: (failed + rejected + timedOut) ÷ requests ended; fallback is degraded, not an error)', () => {
  it('counts failures, rejections and timeouts over every request that ended, fallback apart', () => {
    const row = errorRateRow(point(7000, { succeeded: 50, fallback: 10, failed: 20, rejected: 15, timedOut: 5 }), 1000);
    expect(row).toEqual({ t: 7, errorRate: 40, failed: 20, timedOut: 5, rejected: 15, degraded: 10, ended: 100 });
  });

  it('is no number when nothing ended, and ended is per second in wider buckets', () => {
    expect(errorRateRow(point(0), 1000).errorRate).toBeNull();
    expect(errorRateRow(point(0, { succeeded: 30 }), 2000).ended).toBe(15);
  });
});

describe('downsampling the new gauges', () => {
  it('keeps the last busy, queued and capacity of a merged group and the peak of their maxima', () => {
    const points = [point(0, { busy: 3, busyMax: 9, queued: 1, queuedMax: 4, capacity: 10 }), point(1000, { busy: 2, busyMax: 5, queued: 0, queuedMax: 7, capacity: 5 })];
    const [m] = downsampleSeries(points, 1000, 1).points;
    expect(m).toMatchObject({ busy: 2, busyMax: 9, queued: 0, queuedMax: 7, capacity: 5 });
  });
});

describe('a chart as a table', () => {
  it('has a caption, a time column and one column per series with its unit, and a row per drawn point', () => {
    const html = renderToStaticMarkup(
      createElement(ChartTable, {
        title: 'Latency',
        unit: 'p50 / p95 / p99, ms',
        id: 'chart-latency',
        cursorMs: null,
        bucketMs: 1000,
        columns: [
          { key: 'p50', label: 'p50', unit: 'ms', format: fmtMs },
          { key: 'p99', label: 'p99', unit: 'ms', format: fmtMs },
        ],
        rows: [
          { t: 0, p50: 12.34, p99: 1234.5 },
          { t: 1, p50: null, p99: null },
        ],
      }),
    );
    expect(html).toContain('<table class="chart-table" aria-label="Latency as a table">');
    expect(html).toContain('<caption class="sr-only">Latency: p50 / p95 / p99, ms</caption>');
    expect(html).toMatch(/<th scope="col">time \(s\)<\/th><th scope="col">p50 <span class="chart-table-unit">\(ms\)<\/span><\/th>/);
    expect(html).toContain('<tr><th scope="row">0</th><td>12.3</td><td>1,235</td></tr>');
    expect(html).toContain('<tr><th scope="row">1</th><td>–</td><td>–</td></tr>');
  });

  it('prints rates exactly when whole and to a tenth otherwise', () => {
    expect(fmtRate(1234)).toBe('1,234');
    expect(fmtRate(12.25)).toBe('12.3');
  });
});

/** Calls routed to each backend per simulated second: how the balancer spreads the load. */
import { memo, useMemo } from 'react';
import { Line } from 'recharts';
import type { BackendPoint } from '../../sim/report';
import { fmtRate, type TableColumn } from './ChartTable';
import { TimeChart } from './TimeChart';
import type { FaultBand } from './faultBands';

/** Distinguishable line colours (Okabe–Ito, its black as the text colour so it shows in the dark theme too, then a few more). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', 'var(--fg)', '#8c564b', '#7f7f7f', '#17becf', '#bcbd22'];

interface Props {
  /** [backend id, its points] for the backends to draw. */
  backends: ReadonlyArray<[string, readonly BackendPoint[]]>;
  bucketMs: number;
  durationMs: number;
  bands: readonly FaultBand[];
  cursorMs: number | null;
  shownUntil: number;
}

export const BackendLoadChart = memo(function BackendLoadChart({ backends, bucketMs, durationMs, bands, cursorMs, shownUntil }: Props) {
  const shown = useMemo(() => backends.slice(0, PALETTE.length), [backends]);
  const data = useMemo(() => {
    const perSec = 1000 / bucketMs;
    const n = Math.max(0, ...shown.map(([, p]) => p.length));
    const rows: Array<Record<string, number>> = [];
    for (let i = 0; i < n; i++) {
      const t = i * bucketMs;
      if (t >= shownUntil) break;
      const row: Record<string, number> = { t: t / 1000 };
      for (const [id, points] of shown) if (points[i]) row[id] = points[i].routed * perSec;
      rows.push(row);
    }
    return rows;
  }, [shown, bucketMs, shownUntil]);
  const ids = shown.map(([id]) => id).join(' ');
  const columns = useMemo<TableColumn[]>(() => (ids ? ids.split(' ').map((id) => ({ key: id, label: id, unit: '/s' })) : []), [ids]);
  const legend = useMemo(() => (ids ? ids.split(' ').map((id, i) => ({ label: id, color: PALETTE[i] })) : []), [ids]);
  return (
    <TimeChart
      kind="line"
      title="Per-backend load"
      unit={`calls routed per simulated second${backends.length > shown.length ? ` (first ${shown.length} of ${backends.length})` : ''}`}
      testId="chart-backends"
      data={data}
      columns={columns}
      bucketMs={bucketMs}
      durationMs={durationMs}
      bands={bands}
      cursorMs={cursorMs}
      legend={legend}
      formatter={(v, name) => [`${fmtRate(Number(v))}/s`, name]}
    >
      {shown.map(([id], i) => (
        <Line key={id} type="linear" dataKey={id} stroke={PALETTE[i]} strokeWidth={1.3} dot={false} activeDot={false} isAnimationActive={false} />
      ))}
    </TimeChart>
  );
});

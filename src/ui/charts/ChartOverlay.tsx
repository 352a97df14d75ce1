/**
 * Fault windows and the shown-time cursor drawn straight into a chart's plot area. Cheaper than
 * Recharts' ReferenceArea (which costs tens of ms per redraw here), and the x scale is known: the
 * axis always spans [0, duration].
 */
import { usePlotArea } from 'recharts';
import type { FaultBand } from './faultBands';

interface Props {
  bands: readonly FaultBand[];
  durationMs: number;
  cursorMs: number | null;
}

export function ChartOverlay({ bands, durationMs, cursorMs }: Props) {
  const area = usePlotArea();
  if (!area || durationMs <= 0) return null;
  const x = (ms: number) => area.x + (Math.min(Math.max(ms, 0), durationMs) / durationMs) * area.width;
  return (
    <g className="chart-overlay" pointerEvents="none">
      {bands.map((b, i) => (
        <rect key={i} x={x(b.fromMs)} y={area.y} width={Math.max(1, x(b.toMs) - x(b.fromMs))} height={area.height} fill="var(--fault)" fillOpacity={0.55}>
          <title>{b.label}</title>
        </rect>
      ))}
      {cursorMs !== null && <line x1={x(cursorMs)} x2={x(cursorMs)} y1={area.y} y2={area.y + area.height} stroke="var(--fg)" strokeDasharray="3 3" />}
    </g>
  );
}

/**
 * Fault windows, the shown-time cursor and the crosshair drawn straight into a chart's plot area.
 * Cheaper than Recharts' ReferenceArea (which costs tens of ms per redraw here), and the x scale
 * is known: the axis always spans [0, duration]. The crosshair line moves by setting its
 * attributes from the crosshair store, so a pointer move re-renders nothing.
 */
import { createContext, useContext, useEffect, useLayoutEffect, useRef } from 'react';
import { DefaultZIndexes, usePlotArea, ZIndexLayer } from 'recharts';
import { crosshairStore } from '../../store/crosshair';
import type { FaultBand } from './faultBands';

/** Where a chart's plot area lies in its SVG (px), written by the overlay for the frame's pointer handler. */
export interface PlotGeometry {
  x: number;
  width: number;
}

export const PlotGeometryContext = createContext<PlotGeometry | null>(null);

interface Props {
  bands: readonly FaultBand[];
  durationMs: number;
  cursorMs: number | null;
}

export function ChartOverlay({ bands, durationMs, cursorMs }: Props) {
  const area = usePlotArea();
  const geometry = useContext(PlotGeometryContext);
  const line = useRef<SVGLineElement>(null);
  const placement = useRef({ area, durationMs });
  placement.current = { area, durationMs };

  const place = () => {
    const el = line.current;
    const { area: a, durationMs: d } = placement.current;
    const t = crosshairStore.getState().tMs;
    if (!el) return;
    if (t === null || !a || d <= 0 || t < 0 || t > d) {
      el.setAttribute('visibility', 'hidden');
      return;
    }
    const x = String(a.x + (t / d) * a.width);
    el.setAttribute('x1', x);
    el.setAttribute('x2', x);
    el.setAttribute('visibility', 'visible');
  };

  useLayoutEffect(() => {
    if (geometry && area) {
      geometry.x = area.x;
      geometry.width = area.width;
    }
    place();
  });
  // Subscribed once: place() reads the area and duration from a ref.
  useEffect(() => crosshairStore.subscribe(place), []);

  if (!area || durationMs <= 0) return null;
  const x = (ms: number) => area.x + (Math.min(Math.max(ms, 0), durationMs) / durationMs) * area.width;
  return (
    <>
      <g className="chart-overlay" pointerEvents="none">
        {bands.map((b, i) => (
          <rect key={i} x={x(b.fromMs)} y={area.y} width={Math.max(1, x(b.toMs) - x(b.fromMs))} height={area.height} fill="var(--fault)" fillOpacity={0.55}>
            <title>{b.label}</title>
          </rect>
        ))}
        {cursorMs !== null && <line x1={x(cursorMs)} x2={x(cursorMs)} y1={area.y} y2={area.y + area.height} stroke="var(--fg)" strokeDasharray="3 3" />}
      </g>
      {/* Above the series (areas and lines paint over zIndex 0, where the fault bands belong). */}
      <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
        <line
          ref={(el) => {
            line.current = el;
            place();
          }}
          className="crosshair-line" data-testid="crosshair-line"
          y1={area.y}
          y2={area.y + area.height}
          visibility="hidden"
          pointerEvents="none"
        />
      </ZIndexLayer>
    </>
  );
}

/**
 * Each machine's state over simulated time as a coloured band (SVG), from the transitions in
 * the log, with fault windows above and the shown time marked. Trips (entries into OPEN) are counted.
 * The shared crosshair crosses every band, and each row reads out its machine's state there;
 * pointing at a band moves the crosshair on the charts too.
 */
import { memo, useEffect, useMemo, useRef, type PointerEvent, type RefObject } from 'react';
import { useStore } from 'zustand';
import { clearCrosshair, crosshairStore, setCrosshair } from '../store/crosshair';
import type { LogLine } from '../sim/recorder/transitionLog';
import type { MachineInfo } from '../sim/scenario/machines';
import type { FaultBand } from './charts/faultBands';
import { stateColor } from './colors';
import { fmtSimTime } from './format';
import './charts/charts.css';

interface Props {
  machines: readonly MachineInfo[];
  log: readonly LogLine[];
  logVersion: number;
  initialStates: Record<string, string>;
  durationMs: number;
  /** Data exists up to here. */
  liveMs: number;
  /** The time shown (a marker). */
  shownMs: number;
  bands: readonly FaultBand[];
}

interface Segment {
  from: number;
  to: number;
  state: string;
}

/** The state counted as a "trip" of each kind of machine. */
const BAD_STATE: Record<MachineInfo['kind'], string[]> = {
  circuitBreaker: ['OPEN', 'FORCED_OPEN'],
  bulkhead: ['FULL'],
  rateLimiter: ['EXHAUSTED', 'EMPTY'],
  retryBudget: ['RETRIES_REFUSED'],
  backendHealth: ['UNHEALTHY', 'EJECTED'],
};

/** How a machine's entries into a "bad" state are named beside its timeline. */
const TRIP_WORD: Record<MachineInfo['kind'], string> = {
  circuitBreaker: 'trip',
  bulkhead: 'full',
  rateLimiter: 'exhausted',
  retryBudget: 'refusing',
  backendHealth: 'out',
};

const WIDTH = 1000;
const ROW = 16;
const TOP = 8;

/** Segments of one machine's states up to `endMs`. */
export function segmentsOf(machine: string, log: readonly LogLine[], endMs: number, fallback: string): Segment[] {
  const transitions = log.filter((l) => l.machine === machine && l.from);
  const out: Segment[] = [];
  let state = transitions.length ? transitions[0].from : fallback;
  let from = 0;
  for (const t of transitions) {
    if (t.atMs > endMs) break;
    out.push({ from, to: t.atMs, state });
    state = t.to;
    from = t.atMs;
  }
  out.push({ from, to: endMs, state });
  return out.filter((s) => s.to > s.from || s === out[out.length - 1]);
}

/**
 * Whether a fault on `target` (a dependency, or one instance as dep/i) bears on a machine: an
 * instance's machine (dep/i.health) sees faults on its dependency or on itself; a dependency's
 * machine (dep.circuitBreaker) sees faults on the dependency or any of its instances; a machine of
 * neither shape sees all.
 */
export function faultTouches(target: string, machineId: string): boolean {
  const owner = machineId.slice(0, Math.max(0, machineId.lastIndexOf('.')));
  if (!owner) return true;
  const slash = owner.indexOf('/');
  if (slash >= 0) return target === owner || target === owner.slice(0, slash);
  return target === owner || target.startsWith(`${owner}/`);
}

export const StateTimeline = memo(function StateTimeline({ machines, log, logVersion, initialStates, durationMs, liveMs, shownMs, bands }: Props) {
  const rows = useMemo(
    () =>
      machines.map((m) => {
        const segments = segmentsOf(m.id, log, shownMs, initialStates[m.id] ?? 'CLOSED');
        const bad = BAD_STATE[m.kind];
        const trips = segments.filter((s, i) => bad.includes(s.state) && (i === 0 || !bad.includes(segments[i - 1].state))).length;
        return { machine: m, segments, trips, tripWord: TRIP_WORD[m.kind] };
      }),
    // logVersion changes whenever the (mutable) log grows.
    [machines, log, logVersion, shownMs, initialStates],
  );
  const x = (ms: number) => (durationMs > 0 ? (ms / durationMs) * WIDTH : 0);
  const section = useRef<HTMLElement>(null);
  useCrosshairLines(section, durationMs);
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width <= 0 || durationMs <= 0) return;
    const f = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    setCrosshair(f * durationMs, 'state-timeline');
  };
  const onPointerLeave = () => clearCrosshair('state-timeline');
  if (machines.length === 0) {
    return (
      <section className="panel timeline" aria-label="State timeline" data-testid="state-timeline">
        <h2>State timeline</h2>
        <p className="muted">This scenario has no stateful policies (no breaker, bulkhead, rate limiter or retry budget): nothing to chart here.</p>
      </section>
    );
  }
  return (
    <section ref={section} className={`panel timeline${rows.length > 2 ? ' dense' : ''}`} aria-label="State timeline" data-testid="state-timeline">
      <h2>
        State timeline <span className="muted">up to {fmtSimTime(shownMs)}</span> <CrosshairTime />
      </h2>
      {rows.map(({ machine, segments, trips, tripWord }, row) => (
        <div key={machine.id} className="timeline-row">
          <div className="timeline-label">
            <span className="mono">{machine.id}</span>
            <span className="timeline-figures">
              <StateAtCrosshair machine={machine.id} segments={segments} />
              <span className="muted" data-testid={`trips-${machine.id}`}>
                {machine.kind === 'circuitBreaker' ? `${trips} ${trips === 1 ? 'trip' : 'trips'}` : trips > 0 ? `${trips}× ${tripWord}` : ''}
              </span>
            </span>
          </div>
          <svg
            viewBox={`0 0 ${WIDTH} ${ROW + TOP}`}
            preserveAspectRatio="none"
            className="timeline-svg"
            role="img"
            aria-label={`${machine.id} states: ${segments.map((s) => `${s.state} from ${fmtSimTime(s.from)}`).join(', ')}`}
            data-testid={`timeline-${machine.id}`}
            onPointerMove={onPointerMove}
            onPointerLeave={onPointerLeave}
          >
            {bands.filter((b) => faultTouches(b.target, machine.id)).map((b, i) => (
              <rect key={`f${i}`} x={x(b.fromMs)} y={0} width={Math.max(1, x(b.toMs) - x(b.fromMs))} height={TOP - 4} fill="var(--fault-strong)" />
            ))}
            <rect x={0} y={TOP} width={WIDTH} height={ROW} fill="var(--track)" />
            {segments.map((s, i) => (
              <rect key={i} x={x(s.from)} y={TOP} width={Math.max(0.8, x(s.to) - x(s.from))} height={ROW} fill={stateColor(s.state)} data-state={s.state}>
                <title>{`${s.state}: ${fmtSimTime(s.from)} – ${fmtSimTime(s.to)}`}</title>
              </rect>
            ))}
            {liveMs > shownMs && <rect x={x(shownMs)} y={TOP} width={x(liveMs) - x(shownMs)} height={ROW} fill="var(--track)" opacity={0.6} />}
            <line x1={x(shownMs)} x2={x(shownMs)} y1={0} y2={ROW + TOP} stroke="var(--fg)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
            <line className="crosshair-line" data-testid="crosshair-line" y1={0} y2={ROW + TOP} vectorEffect="non-scaling-stroke" visibility="hidden" pointerEvents="none" />
          </svg>
          {row === rows.length - 1 && <StateLegend states={[...new Set(rows.flatMap((r) => r.segments.map((s) => s.state)))]} />}
        </div>
      ))}
    </section>
  );
});

/** Moves the crosshair line of every row without re-rendering the rows (there may be thousands of segments). */
function useCrosshairLines(section: RefObject<HTMLElement | null>, durationMs: number): void {
  const duration = useRef(durationMs);
  duration.current = durationMs;
  useEffect(() => {
    const place = () => {
      const t = crosshairStore.getState().tMs;
      const d = duration.current;
      const show = t !== null && d > 0 && t >= 0 && t <= d;
      const x = show ? String((t / d) * WIDTH) : '0';
      for (const line of section.current?.querySelectorAll<SVGLineElement>('line.crosshair-line') ?? []) {
        line.setAttribute('x1', x);
        line.setAttribute('x2', x);
        line.setAttribute('visibility', show ? 'visible' : 'hidden');
      }
    };
    place();
    return crosshairStore.subscribe(place);
  });
}

/** The crosshair's time in the heading, while there is one. */
function CrosshairTime() {
  const t = useStore(crosshairStore, (s) => s.tMs);
  return t === null ? null : <span className="muted timeline-at">· at {fmtSimTime(t)}</span>;
}

/** A machine's state at the crosshair, beside its name (nothing past the shown time). */
function StateAtCrosshair({ machine, segments }: { machine: string; segments: readonly Segment[] }) {
  const t = useStore(crosshairStore, (s) => s.tMs);
  if (t === null || segments.length === 0 || t > segments[segments.length - 1].to) return null;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].from <= t) lo = mid;
    else hi = mid - 1;
  }
  const state = segments[lo].state;
  return (
    <span className="timeline-at" data-testid={`state-at-${machine}`}>
      <i className="timeline-at-dot" style={{ background: stateColor(state) }} /> <b>{state}</b>
    </span>
  );
}

function StateLegend({ states }: { states: string[] }) {
  return (
    <div className="legend">
      {states.map((s) => (
        <span key={s} className="legend-item">
          <i style={{ background: stateColor(s) }} /> {s}
        </span>
      ))}
      <span className="legend-item">
        <i style={{ background: 'var(--fault-strong)' }} /> fault window
      </span>
    </div>
  );
}

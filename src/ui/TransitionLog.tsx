/**
 * The transition and event log: when, which machine, from → to, and why. Newest at the bottom.
 * Filter it by component (one machine or target, or a dependency with everything in it) and by
 * kind; click a line (or Enter on it) to show the run as it was at that moment.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { LogLine } from '../sim/recorder/transitionLog';
import { logIndexAfter } from '../store/history';
import { stateColor } from './colors';
import { useController } from './controllerContext';

interface Props {
  log: readonly LogLine[];
  logVersion: number;
  shownMs: number;
  dropped: number;
}

/** Lines drawn at most (the newest matching ones up to the shown time). */
const MAX_ROWS = 400;

type Kind = 'all' | 'transition' | 'event';

/** The log's filters: kept outside the log so they can sit in the tab row above it. */
export const logFilterStore = createStore<{ component: string; kind: Kind; components: string[] }>(() => ({ component: '', kind: 'all', components: [] }));

/**
 * The group a component belongs to: its dependency ("payments" for payments.circuitBreaker,
 * payments/0, payments/0.health) or its saga ("order" for the instance order#12).
 */
export function dependencyOf(component: string): string {
  const cut = component.search(/[./#]/);
  return cut > 0 ? component.slice(0, cut) : component;
}

/** Whether a line belongs to the chosen component: "" is every line, "dep:<id>" a whole dependency. */
export function matchesComponent(line: LogLine, component: string): boolean {
  if (component === '') return true;
  if (component.startsWith('dep:')) return dependencyOf(line.machine) === component.slice(4);
  return line.machine === component;
}

/** The newest `max` lines before `end` that pass the filters, oldest first. */
export function filteredRows(log: readonly LogLine[], end: number, component: string, kind: Kind, max: number): { rows: LogLine[]; hidden: number } {
  if (component === '' && kind === 'all') {
    const start = Math.max(0, end - max);
    return { rows: log.slice(start, end), hidden: start };
  }
  const rows: LogLine[] = [];
  let hidden = 0;
  for (let i = end - 1; i >= 0; i--) {
    const l = log[i];
    if ((kind === 'transition' && !l.from) || (kind === 'event' && l.from) || !matchesComponent(l, component)) continue;
    if (rows.length < max) rows.push(l);
    else hidden++;
  }
  return { rows: rows.reverse(), hidden };
}

/** Every component named in the log so far; scanned incrementally as the (mutable) log grows. */
function useComponents(log: readonly LogLine[], logVersion: number): string[] {
  const seen = useRef<{ log: readonly LogLine[]; scanned: number; ids: Set<string> }>({ log, scanned: 0, ids: new Set() });
  return useMemo(() => {
    let s = seen.current;
    if (s.log !== log || s.scanned > log.length) s = seen.current = { log, scanned: 0, ids: new Set() };
    for (let i = s.scanned; i < log.length; i++) s.ids.add(log[i].machine);
    s.scanned = log.length;
    return [...s.ids].sort();
    // logVersion changes whenever the (mutable) log grows.
  }, [log, logVersion]);
}

export const TransitionLog = memo(function TransitionLog({ log, logVersion, shownMs, dropped }: Props) {
  const c = useController();
  const component = useStore(logFilterStore, (s) => s.component);
  const kind = useStore(logFilterStore, (s) => s.kind);
  const components = useComponents(log, logVersion);
  useEffect(() => {
    if (logFilterStore.getState().components !== components) logFilterStore.setState({ components });
  }, [components]);
  const end = logIndexAfter(log, shownMs);
  // Recomputed only when the visible range or the filters change, not on every snapshot.
  const { rows, hidden } = useMemo(() => filteredRows(log, end, component, kind, MAX_ROWS), [log, logVersion, end, component, kind]);
  const filtered = component !== '' || kind !== 'all';
  const earlier = hidden + (filtered ? 0 : dropped);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keep the newest line in view; only when lines change (reading scrollHeight forces a layout).
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [rows]);
  const seekTo = (l: LogLine) => void c.seek(l.atMs);
  return (
    <section className="panel log" aria-label="Transition log" data-testid="transition-log">
      <div className="log-scroll" ref={scroller}>
        <table>
          <thead>
            <tr>
              <th scope="col">time</th>
              <th scope="col">machine / target</th>
              <th scope="col">transition</th>
              <th scope="col">
                why
                <span className="muted log-count" data-testid="log-count">
                  {rows.length === 0 ? (filtered ? 'no line matches' : 'none yet') : earlier > 0 ? `last ${rows.length}; ${earlier.toLocaleString('en-US')} earlier not shown` : `${rows.length} ${rows.length === 1 ? 'line' : 'lines'}`}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr
                key={l.seq}
                data-testid="log-line"
                data-kind={l.from ? 'transition' : 'event'}
                data-at={l.atMs}
                className="seekable"
                tabIndex={0}
                aria-current={l.atMs === shownMs ? 'time' : undefined}
                title="Show the run at this moment"
                onClick={() => seekTo(l)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    e.stopPropagation();
                    seekTo(l);
                  }
                }}
              >
                <td className="mono num">{(l.atMs / 1000).toFixed(3)} s</td>
                <td className="mono">{l.machine}</td>
                <td className="mono">
                  {l.from ? (
                    <>
                      <span style={{ color: stateColor(l.from) }}>{l.from}</span> → <span style={{ color: stateColor(l.to) }}>{l.to}</span>
                    </>
                  ) : (
                    <span className="muted">event</span>
                  )}
                </td>
                <td>{l.cause}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

/** The log's filters (component, kind), shown in the tab row above the log. */
export function LogFilters() {
  const { component, kind, components } = useStore(logFilterStore);
  const dependencies = useMemo(() => [...new Set(components.map(dependencyOf))].filter((d) => components.some((id) => id !== d && dependencyOf(id) === d)), [components]);
  // Saga instances (order#12) come and go by the thousand: they are offered by saga, not one by one.
  const singles = useMemo(() => components.filter((id) => !id.includes('#')), [components]);
  return (
    <div className="log-filters" role="group" aria-label="Log filters">
      <label className="field compact">
        <span>component</span>
        <select aria-label="Log component" value={component} onChange={(e) => logFilterStore.setState({ component: e.target.value })}>
          <option value="">all</option>
          {dependencies.map((d) => (
            <option key={`dep:${d}`} value={`dep:${d}`}>
              {d} ({components.some((id) => id.startsWith(`${d}#`)) ? 'every saga' : 'everything'})
            </option>
          ))}
          {singles.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>show</span>
        <select aria-label="Log kind" value={kind} onChange={(e) => logFilterStore.setState({ kind: e.target.value as Kind })}>
          <option value="all">transitions and events</option>
          <option value="transition">transitions</option>
          <option value="event">events</option>
        </select>
      </label>
    </div>
  );
}

/**
 * The live statechart of the selected machine (or the scenario's first), drawn from the
 * machine's definition, with its state badge, its live figures and the library it follows.
 */
import { memo, useEffect, useState } from 'react';
import type { PolicyFigures } from '../sim/report';
import type { MachineInfo } from '../sim/scenario/machines';
import type { Scenario } from '../sim/scenario/schema';
import type { InspectedMachine } from '../sim/machines/graphTypes';
import type { LogLine } from '../sim/recorder/transitionLog';
import { shownMs } from '../store/history';
import { useLab, useRun } from '../store/hooks';
import { graphKey, type BreakerFigures } from '../worker/protocol';
import { stateColor } from './colors';
import { useController } from './controllerContext';
import { figuresOf } from './machineFigures';
import { Statechart } from './statechart/Statechart';

interface Props {
  scenario: Scenario | null;
  machines: readonly MachineInfo[];
  breakers: readonly BreakerFigures[];
  policies: Record<string, PolicyFigures>;
  states: Record<string, string>;
  history: boolean;
}

/** A machine's chart as it was at time t: the state then, and the transitions (and the latest) taken by then. */
export function atViewedTime(live: InspectedMachine, log: readonly LogLine[], t: number, state: string): InspectedMachine {
  const counts: Record<string, number> = {};
  let last: LogLine | null = null;
  for (const l of log) {
    if (l.atMs > t) break;
    if (l.machine !== live.id || !l.from) continue;
    const key = `${l.from}→${l.to}`;
    counts[key] = (counts[key] ?? 0) + 1;
    last = l;
  }
  return { ...live, state, counts, last: last && { from: last.from, to: last.to, atMs: last.atMs, cause: last.cause } };
}

export const StatechartPanel = memo(function StatechartPanel({ scenario, machines, breakers, policies, states, history }: Props) {
  const c = useController();
  const selected = useLab((s) => s.selected);
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useEffect(() => {
    const el = body;
    if (!el) return;
    // Lay the chart out for the space it has, so its text stays readable (Statechart draws it a
    // little smaller where it would be crowded).
    const ro = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width > 0 && height > 0) setSize((prev) => (prev && prev.w === Math.round(width) && prev.h === Math.round(height) ? prev : { w: Math.round(width), h: Math.round(height) }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [body]);
  const graphs = useRun((r) => r.graphs);
  const log = useRun((r) => r.log);
  // The log is appended in place: its version says when it changed.
  useRun((r) => r.logVersion);
  const logDropped = useRun((r) => r.logDropped) ?? 0;
  const shown = useRun(shownMs) ?? 0;
  const inspected = useRun((r) => r.inspected) ?? null;
  const options = [
    ...machines.map((m) => ({ id: m.id, kind: m.kind, states: m.states as readonly string[] })),
    ...(scenario?.sagas ?? []).map((s) => ({ id: `saga:${s.id}`, kind: 'sagaCoordinator', states: ['EXECUTING', 'COMPENSATING', 'COMMITTED', 'COMPENSATED', 'STUCK'] as readonly string[] })),
  ];
  const shownId = c.machineFor(selected) ?? inspected?.id ?? c.defaultMachine() ?? options[0]?.id;
  const machine = options.find((o) => o.id === shownId);
  if (!machine) {
    return (
      <section className="panel statechart-panel" aria-label="Statechart">
        <h2>Statechart</h2>
        <p className="muted small">This scenario has no machines: no breaker, bulkhead, rate limiter, retry budget, health checks or saga.</p>
      </section>
    );
  }
  const graph = graphs?.[graphKey(machine)];
  const current = inspected && inspected.id === machine.id ? inspected : null;
  // Looking back, the chart shows the machine as it was: its state, and the transitions taken by then (from the log).
  const live = current && history && !machine.id.startsWith('saga:') && logDropped === 0 ? atViewedTime(current, log ?? [], shown, states[machine.id] ?? current.state) : current;
  // The badge shows the state at the viewed time; the statechart the worker's live view.
  const state = machine.id.startsWith('saga:') ? (live?.state ?? '…') : (states[machine.id] ?? live?.state ?? '…');
  const info = machines.find((m) => m.id === machine.id);
  const { figures, library } = info ? figuresOf(info, breakers, policies) : { figures: [], library: 'Temporal-style saga orchestration' };
  return (
    <section className="panel statechart-panel" aria-label="Statechart" data-testid="statechart-panel">
      <div className="statechart-head">
        <select aria-label="Machine shown" value={machine.id} onChange={(e) => c.select(e.target.value)}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.id.startsWith('saga:') ? `${o.id.slice(5)} (saga coordinators)` : o.id}
            </option>
          ))}
        </select>
        {/* The library the machine follows, in the head row so the chart keeps the height. */}
        <span className="muted small cite" title={`Semantics: ${library}. Hover or focus an arrow for the rule behind it, with the current numbers.`}>
          {library} · hover an arrow for its rule
        </span>
        <span className="badge" style={{ background: stateColor(state) }} data-testid={`badge-${machine.id}`} role="status" aria-label={`${machine.id} is ${state}`}>
          {state.replace(/_/g, ' ')}
        </span>
      </div>
      <p className="statechart-figures small" data-testid="statechart-figures" title={history ? undefined : figures.map(([label, value]) => `${label} ${value}`).join(' · ')}>
        {!history &&
          figures.map(([label, value]) => (
            <span key={label}>
              {label} <b>{value}</b>
            </span>
          ))}
        {history && <span className="muted">as at the viewed time (figures resume when live)</span>}
      </p>
      <div className="statechart-body" ref={setBody}>
        {graph ? <Statechart graph={graph} inspected={live} width={size?.w} height={size?.h} /> : <p className="muted small">loading…</p>}
      </div>
    </section>
  );
});

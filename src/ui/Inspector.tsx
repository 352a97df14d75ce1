/**
 * The inspector: what the selected node is, its live figures, and its configuration. An edit is
 * a `set` command on the scenario's timeline at the current simulated time, so a re-run, a
 * resumed seek and a share link replay it.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../sim/scenario/schema';
import type { TimelineEntry } from '../sim/scenario/timeline';
import { shownMs } from '../store/history';
import { useLab, useRun } from '../store/hooks';
import type { Totals } from '../sim/recorder/outcomeStats';
import type { SagasReport } from '../sim/report';
import type { BackendFigures, KnobInfo } from '../worker/protocol';
import { isUp } from './topology/figures';
import { backendConcurrency } from './topology/layout';
import { useController } from './controllerContext';
import { fmtInt, fmtSimTime } from './format';

/** The `set` target and a title for a selection. */
export function targetOf(selected: string, scenario: Scenario | null): { target: string | null; title: string; kind: string } {
  if (selected === 'client') return { target: 'workload', title: 'Client', kind: 'workload' };
  if (selected.startsWith('dep:')) return { target: selected.slice(4), title: selected.slice(4), kind: 'dependency (backend pool)' };
  if (selected.startsWith('backend:')) return { target: selected.slice(8), title: selected.slice(8), kind: 'backend instance' };
  if (selected.startsWith('balancer:')) {
    const dep = scenario?.dependencies.find((d) => d.id === selected.slice(9));
    return { target: null, title: `${selected.slice(9)} balancer`, kind: dep ? `balancer: ${dep.balancer.algorithm}` : 'balancer' };
  }
  if (selected.startsWith('saga:')) return { target: null, title: selected.slice(5), kind: 'saga' };
  if (selected.endsWith('.health')) return { target: selected.slice(0, -'.health'.length), title: selected, kind: 'backend health' };
  const dot = selected.lastIndexOf('.');
  if (dot > 0) return { target: selected, title: selected, kind: `${selected.slice(dot + 1)} policy` };
  return { target: null, title: selected, kind: '' };
}

/** Set commands at or before `ms` (runs on every store update, so no allocation). */
function setsBefore(entries: readonly TimelineEntry[], ms: number): number {
  let n = 0;
  for (const e of entries) if (e.type === 'set' && e.atMs <= ms) n++;
  return n;
}

function KnobField({ knob, onApply, disabled }: { knob: KnobInfo; onApply: (value: number | boolean | string) => void; disabled: boolean }) {
  const [text, setText] = useState(String(knob.value ?? ''));
  const [problem, setProblem] = useState('');
  useEffect(() => setText(String(knob.value ?? '')), [knob.value]);
  const id = `knob-${knob.name}`;
  const apply = () => {
    let value: number | boolean | string;
    if (knob.type === 'boolean') value = text === 'true';
    else if (knob.type === 'enum') value = text;
    else {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) return setProblem('expected a number');
      if (knob.type === 'integer' && !Number.isInteger(n)) return setProblem('expected a whole number');
      if (knob.min !== undefined && n < knob.min) return setProblem(`expected at least ${knob.min}`);
      if (knob.max !== undefined && n > knob.max) return setProblem(`expected at most ${knob.max.toLocaleString('en-US')}`);
      value = n;
    }
    setProblem('');
    onApply(value);
  };
  const changed = text !== String(knob.value ?? '');
  return (
    <div className="knob" title={knob.description}>
      <label htmlFor={id} className="knob-name">
        {knob.name}
      </label>
      {knob.type === 'boolean' || knob.type === 'enum' ? (
        <select id={id} value={text} disabled={disabled} onChange={(e) => setText(e.target.value)}>
          {(knob.type === 'boolean' ? ['true', 'false'] : knob.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          inputMode="decimal"
          value={text}
          disabled={disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
        />
      )}
      <button type="button" onClick={apply} disabled={disabled || !changed} aria-label={`Apply ${knob.name}`}>
        Apply
      </button>
      {problem && (
        <span className="knob-problem" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
      {knob.min !== undefined && knob.max !== undefined && <span className="knob-range muted">{`${knob.min.toLocaleString('en-US')}–${knob.max.toLocaleString('en-US')}`}</span>}
    </div>
  );
}

type Figure = [label: string, value: string];

/** The live figures of a selected node, from the latest snapshot. */
export function selectionFigures(
  selected: string,
  scenario: Scenario | null,
  backends: readonly BackendFigures[],
  totals: Totals | undefined,
  depTotals: Record<string, Totals>,
  sagas: SagasReport | null,
): Figure[] {
  const pool = (depId: string) => {
    const bs = backends.filter((b) => b.id.slice(0, b.id.lastIndexOf('/')) === depId);
    const dep = scenario?.dependencies.find((d) => d.id === depId);
    let slots = 0;
    for (let i = 0; i < (dep?.backends.count ?? 0); i++) slots += backendConcurrency(dep!, i);
    return {
      busy: `${fmtInt(bs.reduce((a, b) => a + b.busy, 0))} / ${fmtInt(slots)}`,
      queued: fmtInt(bs.reduce((a, b) => a + b.queued, 0)),
      up: `${bs.filter((b) => isUp(b.health)).length} / ${bs.length}`,
      routed: fmtInt(bs.reduce((a, b) => a + b.routed, 0)),
    };
  };
  if (selected === 'client' && totals) {
    return [
      ['requests', fmtInt(totals.generated)],
      ['in flight', fmtInt(totals.inFlight)],
      ['attempts', fmtInt(totals.attempts)],
    ];
  }
  if (selected.startsWith('dep:')) {
    const id = selected.slice(4);
    const p = pool(id);
    const t = depTotals[id];
    return [['busy', p.busy], ['queue', p.queued], ['backends up', p.up], ...(t ? [['requests', fmtInt(t.generated)] as Figure] : [])];
  }
  if (selected.startsWith('balancer:')) {
    const p = pool(selected.slice(9));
    return [
      ['backends up', p.up],
      ['routed', p.routed],
      ['busy', p.busy],
      ['queue', p.queued],
    ];
  }
  if (selected.startsWith('backend:')) {
    const id = selected.slice(8);
    const b = backends.find((x) => x.id === id);
    const depId = id.slice(0, id.lastIndexOf('/'));
    const dep = scenario?.dependencies.find((d) => d.id === depId);
    const slots = dep ? backendConcurrency(dep, Number(id.slice(depId.length + 1))) : undefined;
    if (!b) return [];
    return [
      ['busy', slots === undefined ? fmtInt(b.busy) : `${fmtInt(b.busy)} / ${fmtInt(slots)}`],
      ['queue', fmtInt(b.queued)],
      ['served', fmtInt(b.served)],
      ['health', b.health.toLowerCase().replace(/_/g, ' ')],
    ];
  }
  if (selected.startsWith('saga:')) {
    const f = sagas?.bySaga.find((x) => x.id === selected.slice(5));
    if (!f) return [];
    return [
      ['started', fmtInt(f.started)],
      ['committed', fmtInt(f.completed)],
      ['compensated', fmtInt(f.compensated)],
      ['stuck', fmtInt(f.stuck)],
    ];
  }
  return [];
}

function SelectionFigures({ selected, scenario, backends }: { selected: string; scenario: Scenario | null; backends: readonly BackendFigures[] }) {
  const totals = useRun((r) => r.totals);
  const depTotals = useRun((r) => r.depTotals) ?? {};
  const sagas = useRun((r) => r.sagas) ?? null;
  const figures = selectionFigures(selected, scenario, backends, totals, depTotals, sagas);
  if (figures.length === 0) return null;
  return (
    <dl className="figures inspector-figures" data-testid="inspector-figures">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Inspector() {
  const c = useController();
  const selected = useLab((s) => s.selected);
  const scenario = useRun((r) => r.scenario) ?? null;
  const status = useRun((r) => r.status);
  // Looking back, an edit applies at the viewed time (the run is re-run to it first).
  const atMs = useRun(shownMs) ?? 0;
  const generation = useRun((r) => r.generation);
  const liveEntries = useRun((r) => r.liveEntries.length) ?? 0;
  // How many set commands the live run has passed: a knob's current value changes as it passes one.
  const setsPassed = useRun((r) => setsBefore(r.scenario?.timeline ?? [], r.simMs) + setsBefore(r.liveEntries, r.simMs)) ?? 0;
  const backends = useRun((r) => r.backends);
  const [knobs, setKnobs] = useState<KnobInfo[]>([]);
  const [note, setNote] = useState('');
  const info = selected ? targetOf(selected, scenario) : null;

  // The note about the last edit stays until another node is selected (the refetch after the edit must not clear it).
  useEffect(() => setNote(''), [selected]);
  useEffect(() => {
    if (!info?.target || status !== 'ready') {
      setKnobs([]);
      return;
    }
    let live = true;
    void c.knobs(info.target).then((k) => live && setKnobs(k));
    return () => {
      live = false;
    };
    // Refetch when the selection, the run or its commands change (current values move).
  }, [c, info?.target, status, generation, liveEntries, setsPassed]);

  if (!selected || !info) {
    return (
      <section className="panel inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="muted small">Click a node of the topology (the client, a dependency, a backend) to see its figures and change its configuration.</p>
      </section>
    );
  }
  const dep = selected.startsWith('dep:') ? scenario?.dependencies.find((d) => d.id === selected.slice(4)) : undefined;
  const apply = async (knob: string, value: number | boolean | string) => {
    try {
      const entry = await c.command({ type: 'set', target: info.target, knob, value });
      setNote(`${knob} = ${String(value)} from ${fmtSimTime(entry.atMs)}; it is on the timeline, so a re-run or a shared link replays it.`);
      setKnobs(await c.knobs(info.target!));
    } catch (err) {
      setNote(`Not applied: ${(err as Error).message}`);
    }
  };
  return (
    <section className="panel inspector" aria-label="Inspector" data-testid="inspector">
      <div className="inspector-head">
        <h2>
          <span className="mono">{info.title}</span> <span className="muted">{info.kind}</span>
        </h2>
        <button type="button" className="close" aria-label="Close the inspector" onClick={() => c.select(null)}>
          ×
        </button>
      </div>
      <SelectionFigures selected={selected} scenario={scenario} backends={backends ?? []} />
      {dep && (
        <div className="inspector-policies">
          <span className="muted small">policies:</span>
          {dep.pipeline.length === 0 && <span className="muted small"> none</span>}
          {dep.pipeline.map((p, i) => (
            <button key={`${p.type}-${i}`} type="button" className="chip" onClick={() => c.select(`${dep.id}.${p.type}`)}>
              {p.type}
            </button>
          ))}
        </div>
      )}
      {info.target ? (
        <div className="knobs" role="group" aria-label={`Configuration of ${info.title}`}>
          {knobs.length === 0 && <p className="muted small">loading the configuration…</p>}
          {knobs.map((k) => (
            <KnobField key={`${info.target}-${k.name}`} knob={k} disabled={status !== 'ready'} onApply={(v) => void apply(k.name, v)} />
          ))}
          <p className="muted small">Changes apply at the current simulated time ({fmtSimTime(atMs)}) and join the scenario's timeline.</p>
        </div>
      ) : (
        <p className="muted small">{selected.startsWith('balancer:') ? 'The algorithm is fixed for a run: edit the scenario to change it.' : 'Nothing to configure here while the run goes.'}</p>
      )}
      {note && (
        <p className="inspector-note small" role="status">
          {note}
        </p>
      )}
    </section>
  );
}

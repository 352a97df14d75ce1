/** What the scenario is, what to notice, and its fault windows. */
import { memo } from 'react';
import { faultWindows } from '../app/faultEdits';
import type { Scenario } from '../sim/scenario/schema';
import type { TimelineEntry } from '../sim/scenario/timeline';
import { describeFault } from '../sim/faultText';
import { timelineOf } from './charts/faultBands';
import { useController } from './controllerContext';
import { commitFaultEdit, faultUi, selectFault, useFaultUi } from './faults/faultUiStore';
import { fmtSimTime } from './format';
import { PipelineEditor } from './PipelineEditor';

interface Props {
  scenario: Scenario | null;
  liveEntries: readonly TimelineEntry[];
  seed: number | undefined;
}

export const ScenarioPanel = memo(function ScenarioPanel({ scenario, liveEntries, seed }: Props) {
  if (!scenario) return <section className="panel scenario">Loading…</section>;
  const entries = [...scenario.timeline, ...liveEntries];
  const commands = entries.filter((e) => e.type !== 'fault');
  return (
    <section className="panel scenario" aria-label="Scenario details">
      <h1 data-testid="scenario-name">{scenario.name}</h1>
      <p className="muted small">
        <span className="mono">{scenario.id}</span> · seed {seed ?? scenario.seed} · {fmtSimTime(scenario.durationMs)} simulated ·{' '}
        {scenario.workload.ratePerSec} req/s {scenario.workload.arrivals}
      </p>
      {scenario.description && <p>{scenario.description}</p>}
      {scenario.notice && (
        <div className="notice">
          <h2>What to notice</h2>
          <p>{scenario.notice}</p>
        </div>
      )}
      <h2>Faults</h2>
      <FaultList scenario={scenario} liveEntries={liveEntries} />
      {commands.length > 0 && (
        <>
          <h2>Commands</h2>
          <ul className="fault-list">
            {commands.map((e, i) => (
              <li key={i}>
                <span className="mono">{fmtSimTime(e.atMs)}</span> {e.type === 'set' ? `set ${e.target} ${e.knob} = ${String(e.value)}` : e.type === 'force' ? `force ${e.machine} to ${e.state}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Pipelines</h2>
      <PipelineEditor dependencies={scenario.dependencies} />
    </section>
  );
});

/**
 * The fault windows as they stand (a drag in the fault timeline shows here too): click one to
 * select it there, × deletes it (an edit of the scenario, like the timeline's Delete).
 */
function FaultList({ scenario, liveEntries }: { scenario: Scenario; liveEntries: readonly TimelineEntry[] }) {
  const c = useController();
  const draft = useFaultUi((s) => s.draft);
  const selected = useFaultUi((s) => s.selected);
  const timeline = draft ?? timelineOf(scenario, liveEntries);
  const windows = faultWindows(timeline);
  if (windows.length === 0) return <p className="muted">none: inject one, or draw one on the fault timeline</p>;
  const remove = (index: number) => {
    const base = faultUi.getState().draft ?? timeline;
    selectFault(null);
    void commitFaultEdit(c, { type: 'delete', index }, base.filter((_, i) => i !== index));
  };
  return (
    <ul className="fault-list">
      {windows.map(({ index, fault: f }) => (
        <li key={index} className={index === selected ? 'selected' : undefined} data-testid={`fault-item-${index}`}>
          <button type="button" className="fault-item" onClick={() => selectFault(index === selected ? null : index)} aria-pressed={index === selected}>
            <span className="mono">
              {fmtSimTime(f.atMs)}–{fmtSimTime(f.atMs + f.durationMs)}
            </span>{' '}
            {describeFault(f)} on <span className="mono">{f.target}</span>
            {draft === null && index >= scenario.timeline.length && <span className="muted"> (live)</span>}
          </button>
          <button type="button" className="fault-delete" onClick={() => remove(index)} aria-label={`Delete ${f.kind} on ${f.target} at ${fmtSimTime(f.atMs)}`} title="Delete this fault window">
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

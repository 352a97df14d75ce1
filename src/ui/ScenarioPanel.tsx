/** What the scenario is, what to notice, and its fault windows. */
import { memo } from 'react';
import type { Scenario } from '../sim/scenario/schema';
import type { TimelineEntry } from '../sim/scenario/timeline';
import { describeFault } from '../sim/faultText';
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
  const faults = entries.filter((e) => e.type === 'fault');
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
      {faults.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul className="fault-list">
          {faults.map((f, i) =>
            f.type === 'fault' ? (
              <li key={i}>
                <span className="mono">
                  {fmtSimTime(f.atMs)}–{fmtSimTime(f.atMs + f.durationMs)}
                </span>{' '}
                {describeFault(f)} on <span className="mono">{f.target}</span>
              </li>
            ) : null,
          )}
        </ul>
      )}
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

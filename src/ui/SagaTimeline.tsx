/**
 * The newest saga instances, one row each: every step and compensation as a mark at its time,
 * and how the saga ended. Steps read left to right; compensations (newest first) follow a failure.
 */
import { memo } from 'react';
import type { SagaTrace } from '../sim/sagas/sagaRunner';
import { fmtSimTime } from './format';

const MARK: Record<SagaTrace['events'][number]['what'], { color: string; label: string }> = {
  done: { color: 'var(--c-ok)', label: 'done' },
  failed: { color: 'var(--c-fail)', label: 'failed' },
  compensated: { color: 'var(--c-degraded)', label: 'compensated' },
  compensationFailed: { color: 'var(--c-timeout)', label: 'compensation failed' },
};

const OUTCOME_COLOR: Record<string, string> = { COMMITTED: 'var(--c-ok)', COMPENSATED: 'var(--c-degraded)', STUCK: 'var(--c-timeout)' };

interface Props {
  traces: readonly SagaTrace[];
  shownMs: number;
}

export const SagaTimeline = memo(function SagaTimeline({ traces, shownMs }: Props) {
  // The newest instances that had started by the shown time, one or two of each outcome so a
  // stuck or compensated saga is always in view next to a committed one.
  const visible = traces.filter((t) => t.startedAt <= shownMs);
  const newest = (outcome: SagaTrace['outcome'], n: number) => visible.filter((t) => t.outcome === outcome).slice(-n);
  const picked = [...newest('STUCK', 2), ...newest('COMPENSATED', 2), ...newest('COMMITTED', 1), ...newest(null, 1)];
  const rows = picked.sort((a, b) => a.instance - b.instance);
  // Marks are placed over 92% of the track so the last one stays inside it.
  const span = Math.max(1, ...rows.map((t) => (t.endedAt ?? shownMs) - t.startedAt)) / 0.92;
  return (
    <section className="panel saga-timeline" aria-label="Saga timeline" data-testid="saga-timeline">
      <h2>
        Recent sagas <span className="muted">steps and compensations, each row from its start (longest {Math.round(span * 0.92)} ms)</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">No saga has started yet.</p>
      ) : (
        rows.map((t) => (
          <div key={`${t.saga}#${t.instance}`} className="saga-row" data-testid="saga-row" data-outcome={t.outcome ?? 'RUNNING'}>
            <span className="mono small saga-id">
              {t.saga}#{t.instance}
            </span>
            <div className="saga-track" role="img" aria-label={`${t.saga}#${t.instance}: ${t.events.map((e) => `${e.step} ${MARK[e.what].label}`).join(', ')}; ${t.outcome ?? 'running'}`}>
              {t.events.map((e, i) => (
                <span
                  key={i}
                  className="saga-mark"
                  data-what={e.what}
                  style={{ left: `${(100 * (e.atMs - t.startedAt)) / span}%`, background: MARK[e.what].color }}
                  title={`${fmtSimTime(e.atMs)} ${e.step}: ${MARK[e.what].label}${e.detail ? ` (${e.detail})` : ''}`}
                >
                  {e.step.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ')[0]}
                </span>
              ))}
            </div>
            <span className="saga-outcome small" style={{ color: OUTCOME_COLOR[t.outcome ?? ''] ?? 'var(--fg-muted)' }}>
              {t.outcome?.toLowerCase() ?? 'running'}
            </span>
          </div>
        ))
      )}
      <div className="legend">
        {Object.values(MARK).map((m) => (
          <span key={m.label} className="legend-item">
            <i style={{ background: m.color }} /> {m.label}
          </span>
        ))}
      </div>
    </section>
  );
});

/** Each breaker's state as a badge, with its live figures (resilience4j's metrics). */
import { memo } from 'react';
import type { BreakerFigures } from '../worker/protocol';
import { stateColor } from './colors';
import { fmtInt } from './format';

interface Props {
  breakers: readonly BreakerFigures[];
  states: Record<string, string>;
  history: boolean;
}

export const MachinePanel = memo(function MachinePanel({ breakers, states, history }: Props) {
  if (breakers.length === 0) return null;
  return (
    <section className="panel machines" aria-label="Circuit breakers">
      {breakers.map((b) => {
        const state = states[b.id] ?? b.state;
        return (
          <div key={b.id} className="machine-card">
            <div className="machine-head">
              <span className="mono">{b.id}</span>
              <span className="badge" style={{ background: stateColor(state) }} data-testid={`badge-${b.id}`} role="status" aria-label={`${b.id} is ${state}`}>
                {state.replace('_', ' ')}
              </span>
            </div>
            {!history && (
              <dl className="figures">
                <div>
                  <dt>failure rate</dt>
                  <dd>{b.failureRate < 0 ? '–' : `${b.failureRate.toFixed(1)}%`}</dd>
                  <dd className="sub">{b.failureRate < 0 ? `${b.windowCalls} calls, below the minimum` : `of ${b.windowCalls} calls`}</dd>
                </div>
                <div>
                  <dt>slow-call rate</dt>
                  <dd>{b.slowCallRate < 0 ? '–' : `${b.slowCallRate.toFixed(1)}%`}</dd>
                </div>
                <div>
                  <dt>opened</dt>
                  <dd>{b.openings}×</dd>
                </div>
                <div>
                  <dt>not permitted</dt>
                  <dd>{fmtInt(b.notPermitted)}</dd>
                </div>
              </dl>
            )}
            {history && <p className="muted small">figures show the live run; the badge shows the viewed time</p>}
          </div>
        );
      })}
      <p className="muted small cite">Circuit breaker semantics: resilience4j CircuitBreakerStateMachine.</p>
    </section>
  );
});

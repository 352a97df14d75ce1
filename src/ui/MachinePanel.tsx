/** Each breaker's state as a badge, with its live figures (resilience4j's metrics). */
import { memo } from 'react';
import type { Scenario } from '../sim/scenario/schema';
import type { BreakerFigures } from '../worker/protocol';
import { stateColor } from './colors';
import { fmtInt } from './format';

interface Props {
  breakers: readonly BreakerFigures[];
  scenario: Scenario | null;
  states: Record<string, string>;
  history: boolean;
}

export const MachinePanel = memo(function MachinePanel({ breakers, scenario, states, history }: Props) {
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
            <BreakerRule scenario={scenario} id={b.id} />
          </div>
        );
      })}
      <p className="muted small cite">Circuit breaker semantics: resilience4j CircuitBreakerStateMachine.</p>
    </section>
  );
});

/** The breaker's configuration in one sentence, so the learner can predict what it will do. */
function BreakerRule({ scenario, id }: { scenario: Scenario | null; id: string }) {
  const dep = scenario?.dependencies.find((d) => `${d.id}.circuitBreaker` === id);
  const p = dep?.pipeline.find((x) => x.type === 'circuitBreaker');
  if (!p || p.type !== 'circuitBreaker') return null;
  const cmp = p.tripComparison === 'above' ? '>' : '≥';
  const window = p.slidingWindowType === 'COUNT_BASED' ? `the last ${p.slidingWindowSize} calls` : `the last ${p.slidingWindowSize} s`;
  const min = p.slidingWindowType === 'COUNT_BASED' ? Math.min(p.minimumNumberOfCalls, p.slidingWindowSize) : p.minimumNumberOfCalls;
  const wait = p.waitDurationInOpenStateMs / 1000;
  return (
    <p className="rule small" data-testid={`rule-${id}`}>
      Opens when the failure rate is {cmp} {p.failureRateThreshold}% (or calls slower than {p.slowCallDurationThresholdMs / 1000} s are {cmp}{' '}
      {p.slowCallRateThreshold}%) over {window}, once {min} calls are in. OPEN waits {wait} s
      {p.waitIntervalMultiplier > 1 ? ` (×${p.waitIntervalMultiplier} per reopening)` : ''}, then{' '}
      {p.automaticTransitionFromOpenToHalfOpenEnabled ? 'a timer moves it to HALF_OPEN' : 'the next call moves it to HALF_OPEN'} with{' '}
      {p.permittedNumberOfCallsInHalfOpenState} trial {p.permittedNumberOfCallsInHalfOpenState === 1 ? 'call' : 'calls'}; extra calls are rejected.
    </p>
  );
}

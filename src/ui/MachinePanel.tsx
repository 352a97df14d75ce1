/**
 * Every machine of the scenario as a card: its state as a badge and its live figures, with the
 * library whose rules it follows (resilience4j, cockatiel, Envoy, gRPC).
 */
import { memo } from 'react';
import type { PolicyFigures } from '../sim/report';
import type { MachineInfo } from '../sim/scenario/machines';
import type { Scenario } from '../sim/scenario/schema';
import type { BreakerFigures } from '../worker/protocol';
import { stateColor } from './colors';
import { fmtInt } from './format';

interface Props {
  machines: readonly MachineInfo[];
  breakers: readonly BreakerFigures[];
  policies: Record<string, PolicyFigures>;
  scenario: Scenario | null;
  states: Record<string, string>;
  history: boolean;
}

type Figure = [label: string, value: string, sub?: string];

function figuresOf(m: MachineInfo, breakers: readonly BreakerFigures[], policies: Record<string, PolicyFigures>): { figures: Figure[]; library: string } {
  const p = policies[m.dependency] ?? {};
  switch (m.kind) {
    case 'circuitBreaker': {
      const b = breakers.find((x) => x.id === m.id);
      if (!b) return { figures: [], library: 'resilience4j' };
      return {
        library: 'resilience4j CircuitBreaker',
        figures: [
          ['failure rate', b.failureRate < 0 ? '–' : `${b.failureRate.toFixed(1)}%`, b.failureRate < 0 ? `${b.windowCalls} calls, below the minimum` : `of ${b.windowCalls} calls`],
          ['slow-call rate', b.slowCallRate < 0 ? '–' : `${b.slowCallRate.toFixed(1)}%`],
          ['opened', `${b.openings}×`],
          ['not permitted', fmtInt(b.notPermitted)],
        ],
      };
    }
    case 'bulkhead': {
      const b = p.bulkhead;
      if (!b) return { figures: [], library: '' };
      const library = b.kind === 'queue' ? 'cockatiel bulkhead' : b.kind === 'threadPool' ? 'resilience4j ThreadPoolBulkhead' : 'resilience4j SemaphoreBulkhead';
      const figures: Figure[] = [
        ['in use', `${b.inUse} / ${b.capacity}`, b.threads !== undefined ? `${b.threads} threads` : undefined],
        ['waiting', `${b.queued}${b.queueCapacity > 0 ? ` / ${b.queueCapacity}` : ''}`],
        ['rejected', fmtInt(b.rejected)],
        ['waited', fmtInt(b.waited)],
      ];
      return { library, figures };
    }
    case 'rateLimiter': {
      const r = p.rateLimiter;
      if (!r) return { figures: [], library: '' };
      return {
        library: r.kind === 'tokenBucket' ? 'Envoy local rate limit (token bucket)' : 'resilience4j RateLimiter',
        figures: [
          [r.kind === 'tokenBucket' ? 'tokens' : 'permits left', fmtInt(r.available)],
          ['permitted', fmtInt(r.permitted)],
          ['rejected', fmtInt(r.rejected)],
          ['waited', fmtInt(r.waited)],
        ],
      };
    }
    case 'backendHealth':
      return { figures: [], library: 'HAProxy health checks, Envoy outlier detection' };
    case 'retryBudget': {
      const b = p.retryBudget;
      const retry = p.retry;
      if (!b) return { figures: [], library: '' };
      return {
        library: b.kind === 'grpc' ? 'gRPC retry throttling' : 'Envoy retry budget',
        figures: [
          b.kind === 'grpc' ? ['tokens', String(b.tokens)] : ['retries in flight', `${b.activeRetries}`, `of ${b.active} attempts`],
          ['retries', fmtInt(retry?.retries ?? 0)],
          ['refused', fmtInt(b.refused)],
          ['gave up', fmtInt(retry?.exhausted ?? 0), 'all attempts used'],
        ],
      };
    }
  }
}

export const MachinePanel = memo(function MachinePanel({ machines: all, breakers, policies, scenario, states, history }: Props) {
  // Backend health machines show in the Backends panel and on the timeline, not as cards.
  const machines = all.filter((m) => m.kind !== 'backendHealth');
  if (machines.length === 0) return null;
  const compact = machines.length > 1;
  return (
    <section className={`panel machines${compact ? ' compact' : ''}`} aria-label="Machines">
      {machines.map((m) => {
        const state = states[m.id] ?? '…';
        const { figures, library } = figuresOf(m, breakers, policies);
        return (
          <div key={m.id} className="machine-card" data-testid={`machine-${m.id}`}>
            <div className="machine-head">
              <span className="mono">{m.id}</span>
              <span className="badge" style={{ background: stateColor(state) }} data-testid={`badge-${m.id}`} role="status" aria-label={`${m.id} is ${state}`}>
                {state.replace(/_/g, ' ')}
              </span>
            </div>
            {!history && (
              <dl className="figures">
                {figures.map(([label, value, sub]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                    {sub && !compact && <dd className="sub">{sub}</dd>}
                  </div>
                ))}
              </dl>
            )}
            {!compact && m.kind === 'circuitBreaker' && <BreakerRule scenario={scenario} id={m.id} />}
            <p className="muted small cite">{history ? 'figures show the live run; the badge shows the viewed time · ' : ''}Semantics: {library}.</p>
          </div>
        );
      })}
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

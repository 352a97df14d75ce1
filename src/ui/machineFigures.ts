/** Each machine's live figures in a few numbers, and the library whose rules it follows. */
import type { PolicyFigures } from '../sim/report';
import type { MachineInfo } from '../sim/scenario/machines';
import type { BreakerFigures } from '../worker/protocol';
import { fmtInt } from './format';

type Figure = [label: string, value: string, sub?: string];

/** A machine's live figures and the library whose rules it follows. */
export function figuresOf(m: MachineInfo, breakers: readonly BreakerFigures[], policies: Record<string, PolicyFigures>): { figures: Figure[]; library: string } {
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


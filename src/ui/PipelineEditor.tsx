/** Each dependency's policy pipeline, outermost first, with controls to reorder it. */
import { memo } from 'react';
import type { Policy } from '../sim/scenario/policies';
import type { Dependency } from '../sim/scenario/topology';
import { useController } from './controllerContext';

const LABELS: Record<Policy['type'], string> = {
  retry: 'retry',
  circuitBreaker: 'circuit breaker',
  rateLimiter: 'rate limiter',
  timeout: 'timeout',
  bulkhead: 'bulkhead',
  fallback: 'fallback',
};

function detail(p: Policy): string {
  switch (p.type) {
    case 'timeout':
      return `${p.timeoutMs} ms`;
    case 'retry':
      return `${p.maxAttempts} ${p.countsFirstCall ? 'attempts' : 'retries'}${p.jitter !== 'none' ? `, ${p.jitter} jitter` : ''}${p.budget ? `, ${p.budget.kind} budget` : ''}`;
    case 'circuitBreaker':
      return `${p.failureRateThreshold}% of ${p.slidingWindowSize}`;
    case 'bulkhead':
      return p.kind === 'semaphore' ? `${p.maxConcurrentCalls} slots` : p.kind === 'queue' ? `${p.limit} + queue ${p.queue}` : `${p.coreThreadPoolSize}–${p.maxThreadPoolSize} threads`;
    case 'rateLimiter':
      return p.kind === 'fixedWindow' ? `${p.limitForPeriod}/${p.limitRefreshPeriodMs} ms` : `${p.maxTokens} tokens`;
    case 'fallback':
      return p.source;
  }
}

export const PipelineEditor = memo(function PipelineEditor({ dependencies }: { dependencies: readonly Dependency[] }) {
  const c = useController();
  return (
    <div className="pipelines" aria-label="Pipelines">
      {dependencies.map((d) => (
        <div key={d.id} className="pipeline">
          <div className="pipeline-head">
            <span className="mono">{d.id}</span>
            <span className="muted small">
              {d.backends.count} × {d.backends.concurrency} slots, queue {d.backends.queueLength}
            </span>
          </div>
          {d.pipeline.length === 0 ? (
            <p className="muted small">no policies: calls go straight to the backends</p>
          ) : (
            <ol className="pipeline-list" aria-label={`${d.id} pipeline, outermost first`}>
              {d.pipeline.map((p, i) => (
                <li key={`${p.type}-${i}`} data-testid={`policy-${d.id}-${i}`}>
                  <span className="policy-name">{LABELS[p.type]}</span>
                  <span className="muted small">{detail(p)}</span>
                  <span className="policy-move">
                    <button type="button" aria-label={`Move ${LABELS[p.type]} of ${d.id} out (earlier)`} disabled={i === 0} onClick={() => void c.movePolicy(d.id, i, -1).catch(() => {})}>
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`Move ${LABELS[p.type]} of ${d.id} in (later)`}
                      disabled={i === d.pipeline.length - 1}
                      onClick={() => void c.movePolicy(d.id, i, 1).catch(() => {})}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              ))}
              <li className="pipeline-call muted small">→ backend call</li>
            </ol>
          )}
        </div>
      ))}
      <p className="muted small">Outermost first (resilience4j order: retry → circuit breaker → rate limiter → timeout → bulkhead). Moving a policy restarts the run.</p>
    </div>
  );
});

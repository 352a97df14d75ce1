/** Builds a dependency's handler chain from its pipeline, innermost (the backend call) first. */
import type { SimClock } from '../clock';
import { BreakerComponent } from '../components/breakerComponent';
import { BulkheadComponent, type PolicyHooks } from '../components/bulkheadComponent';
import { RateLimiterComponent } from '../components/rateLimiterComponent';
import { RetryBudgetComponent } from '../components/retryBudgetComponent';
import type { BreakerConfig } from '../machines/circuitBreakerMachine';
import { Stream, streamFor, type Random } from '../random';
import type { BulkheadPolicy, CircuitBreakerPolicy, FallbackPolicy, Policy, RateLimiterPolicy, RetryPolicy, TimeoutPolicy } from '../scenario/policies';
import { breakerStage } from './breakerStage';
import { bulkheadStage } from './bulkheadStage';
import { fallbackStage, type FallbackCounters } from './fallbackStage';
import { rateLimiterStage } from './rateLimiterStage';
import { retryStage, type RetryCounters } from './retryStage';
import { timeoutStage, type TimeoutSettings } from './timeoutStage';
import type { Handler, RequestState } from './types';

/** What the engine provides to the stages it builds. */
export interface PipelineContext {
  clock: SimClock;
  random: Random;
  depId: string;
  depIndex: number;
  cancelOnTimeout: () => boolean;
  onRetry: (req: RequestState) => void;
  onTransition: (machine: string, from: string, to: string, cause: string) => void;
  onNotice: (machine: string, text: string) => void;
}

/** Live components of one dependency's pipeline, for commands, snapshots and reports. */
export interface PipelineParts {
  handler: Handler;
  /** The policies as they stand (live knob changes replace entries), in pipeline order. */
  policies: Policy[];
  breaker?: BreakerComponent;
  bulkhead?: BulkheadComponent;
  rateLimiter?: RateLimiterComponent;
  retryBudget?: RetryBudgetComponent;
  retry?: RetryCounters;
  fallback?: FallbackCounters;
  /** Timeout settings in pipeline order, mutable by live commands. */
  timeouts: TimeoutSettings[];
  /** Every long-lived machine component, for stopping. */
  machines: Array<{ id: string; state: string; stop(): void }>;
}

/** The breaker machine's config from a scenario policy (same knob names). */
export function toBreakerConfig(p: CircuitBreakerPolicy): BreakerConfig {
  const { type: _type, ...config } = p;
  return config;
}

export function buildPipeline(pipeline: readonly Policy[], inner: Handler, ctx: PipelineContext): PipelineParts {
  const parts: PipelineParts = { handler: inner, policies: pipeline.map((p) => ({ ...p }) as Policy), timeouts: [], machines: [] };
  const hooksFor = (id: string): PolicyHooks => ({
    onTransition: (from, to, cause) => ctx.onTransition(id, from, to, cause),
    onNotice: (text) => ctx.onNotice(id, text),
  });
  let handler = inner;
  for (let i = pipeline.length - 1; i >= 0; i--) {
    const index = i;
    const policy = parts.policies[i];
    const current = <T extends Policy>() => parts.policies[index] as T;
    switch (policy.type) {
      case 'timeout': {
        const settings: TimeoutSettings = {
          timeoutMs: policy.timeoutMs,
          get cancelOnTimeout() {
            return ctx.cancelOnTimeout();
          },
        };
        parts.timeouts.unshift(settings);
        handler = timeoutStage(handler, settings, ctx.clock, () => {});
        break;
      }
      case 'circuitBreaker': {
        const id = `${ctx.depId}.circuitBreaker`;
        const hooks = hooksFor(id);
        const breaker = new BreakerComponent(id, toBreakerConfig(policy), ctx.clock, hooks.onTransition, hooks.onNotice);
        parts.breaker = breaker;
        parts.machines.push(breaker);
        handler = breakerStage(handler, breaker, ctx.clock);
        break;
      }
      case 'bulkhead': {
        const bulkhead = new BulkheadComponent(`${ctx.depId}.bulkhead`, policy, ctx.clock, hooksFor(`${ctx.depId}.bulkhead`));
        parts.bulkhead = bulkhead;
        parts.machines.push(bulkhead);
        handler = bulkheadStage(handler, bulkhead);
        break;
      }
      case 'rateLimiter': {
        const limiter = new RateLimiterComponent(`${ctx.depId}.rateLimiter`, policy, ctx.clock, hooksFor(`${ctx.depId}.rateLimiter`));
        parts.rateLimiter = limiter;
        parts.machines.push(limiter);
        handler = rateLimiterStage(handler, limiter);
        break;
      }
      case 'retry': {
        const counters: RetryCounters = { retries: 0, exhausted: 0, refusedByBudget: 0 };
        parts.retry = counters;
        if (policy.budget) {
          const id = `${ctx.depId}.retryBudget`;
          parts.retryBudget = new RetryBudgetComponent(id, policy.budget, ctx.clock, hooksFor(id).onTransition);
          parts.machines.push(parts.retryBudget);
        }
        handler = retryStage(
          handler,
          current<RetryPolicy>,
          ctx.clock,
          ctx.random,
          streamFor(Stream.retryJitter, ctx.depIndex),
          parts.retryBudget,
          counters,
          { onRetry: ctx.onRetry },
        );
        break;
      }
      case 'fallback': {
        const counters: FallbackCounters = { served: 0, cacheMisses: 0 };
        parts.fallback = counters;
        handler = fallbackStage(handler, current<FallbackPolicy>, ctx.clock, ctx.random, streamFor(Stream.fallback, ctx.depIndex), counters);
        break;
      }
    }
  }
  parts.handler = handler;
  return parts;
}

/**
 * Applies a live knob change to policy `index` of a pipeline: the stage reads the new value on
 * its next call, and a machine gets it as an update.
 */
export function updatePolicy(parts: PipelineParts, index: number, knob: string, value: unknown): void {
  const next = { ...parts.policies[index], [knob]: value } as Policy;
  parts.policies[index] = next;
  switch (next.type) {
    case 'timeout': {
      const nth = parts.policies.slice(0, index).filter((p) => p.type === 'timeout').length;
      parts.timeouts[nth].timeoutMs = (next as TimeoutPolicy).timeoutMs;
      break;
    }
    case 'circuitBreaker':
      parts.breaker?.updateConfig(toBreakerConfig(next));
      break;
    case 'bulkhead':
      parts.bulkhead?.update(next as BulkheadPolicy);
      break;
    case 'rateLimiter':
      parts.rateLimiter?.update(next as RateLimiterPolicy);
      break;
    case 'retry':
    case 'fallback':
      break; // read per call
  }
}

/** Builds a dependency's handler chain from its pipeline, innermost (the backend call) first. */
import type { SimClock } from '../clock';
import { BreakerComponent } from '../components/breakerComponent';
import type { BreakerConfig } from '../machines/circuitBreakerMachine';
import type { CircuitBreakerPolicy, Policy } from '../scenario/policies';
import { breakerStage } from './breakerStage';
import { timeoutStage, type TimeoutSettings } from './timeoutStage';
import type { Handler } from './types';

/** What the engine provides to the stages it builds. */
export interface PipelineContext {
  clock: SimClock;
  depId: string;
  cancelOnTimeout: () => boolean;
  onTimeout: () => void;
  onTransition: (machine: string, from: string, to: string, cause: string) => void;
  onNotice: (machine: string, text: string) => void;
}

/** Live components of one dependency's pipeline, for commands and reports. */
export interface PipelineParts {
  handler: Handler;
  breaker?: BreakerComponent;
  /** Timeout settings in pipeline order, mutable by live commands. */
  timeouts: TimeoutSettings[];
}

/** The breaker machine's config from a scenario policy (same knob names). */
export function toBreakerConfig(p: CircuitBreakerPolicy): BreakerConfig {
  const { type: _type, ...config } = p;
  return config;
}

export function buildPipeline(pipeline: readonly Policy[], inner: Handler, ctx: PipelineContext): PipelineParts {
  const parts: PipelineParts = { handler: inner, timeouts: [] };
  let handler = inner;
  for (let i = pipeline.length - 1; i >= 0; i--) {
    const policy = pipeline[i];
    switch (policy.type) {
      case 'timeout': {
        const settings: TimeoutSettings = {
          timeoutMs: policy.timeoutMs,
          get cancelOnTimeout() {
            return ctx.cancelOnTimeout();
          },
        };
        parts.timeouts.unshift(settings);
        handler = timeoutStage(handler, settings, ctx.clock, ctx.onTimeout);
        break;
      }
      case 'circuitBreaker': {
        const id = `${ctx.depId}.circuitBreaker`;
        const breaker = new BreakerComponent(
          id,
          toBreakerConfig(policy),
          ctx.clock,
          (from, to, cause) => ctx.onTransition(id, from, to, cause),
          (text) => ctx.onNotice(id, text),
        );
        parts.breaker = breaker;
        handler = breakerStage(handler, breaker, ctx.clock);
        break;
      }
      default:
        throw new Error(`policy "${policy.type}" is not implemented by this engine`);
    }
  }
  parts.handler = handler;
  return parts;
}

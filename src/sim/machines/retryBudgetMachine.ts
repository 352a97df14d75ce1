/**
 * Retry budgets, the shared state that stops retries from multiplying load:
 *  - Envoy's retry_budget: concurrent retries may be at most budgetPercent of the active
 *    requests (original attempts and retries in flight), but always at least minRetryConcurrency.
 *  - gRPC retry throttling: a token bucket that starts full; a failed attempt takes 1 token, a
 *    success adds tokenRatio; retries are allowed only while tokens > maxTokens / 2.
 */
import { assign, setup } from 'xstate';
import type { RetryPolicy } from '../scenario/policies';

export type BudgetConfig = NonNullable<RetryPolicy['budget']>;

export interface RetryBudgetContext {
  config: BudgetConfig;
  /** Attempts in flight (first attempts and retries). */
  active: number;
  /** Retries in flight. */
  activeRetries: number;
  /** gRPC tokens. */
  tokens: number;
  cause: string;
}

export type RetryBudgetEvent =
  | { type: 'ATTEMPT.STARTED'; retry: boolean }
  /** `retryable`: the attempt failed with an outcome the retry policy retries (gRPC counts only those as failures). */
  | { type: 'ATTEMPT.ENDED'; retry: boolean; result: 'success' | 'retryable' | 'other' };

/** Envoy: how many retries may be in flight with `active` attempts in flight. */
export function envoyRetryLimit(config: Extract<BudgetConfig, { kind: 'envoy' }>, active: number): number {
  return Math.max(config.minRetryConcurrency, Math.floor((config.budgetPercent * active) / 100));
}

/** Whether the budget allows one more retry now. */
export function retryAllowed(ctx: Pick<RetryBudgetContext, 'config' | 'active' | 'activeRetries' | 'tokens'>): boolean {
  const c = ctx.config;
  if (c.kind === 'envoy') return ctx.activeRetries < envoyRetryLimit(c, ctx.active);
  return ctx.tokens > c.maxTokens / 2;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function describe(ctx: RetryBudgetContext, allowed: boolean): string {
  const c = ctx.config;
  if (c.kind === 'envoy') {
    const limit = envoyRetryLimit(c, ctx.active);
    return allowed
      ? `retries in flight ${ctx.activeRetries} < limit ${limit} (max(${c.minRetryConcurrency}, ${c.budgetPercent}% of ${ctx.active} active)) (Envoy retry_budget)`
      : `retries in flight ${ctx.activeRetries} reached the limit ${limit} (max(${c.minRetryConcurrency}, ${c.budgetPercent}% of ${ctx.active} active)); further retries are skipped (Envoy retry_budget)`;
  }
  return allowed
    ? `tokens ${round(ctx.tokens)} > ${c.maxTokens / 2} (half of ${c.maxTokens}); retries allowed (gRPC retry throttling)`
    : `tokens ${round(ctx.tokens)} ≤ ${c.maxTokens / 2} (half of ${c.maxTokens}); retries throttled until successes refill them (gRPC retry throttling)`;
}

export const retryBudgetMachine = setup({
  types: {
    context: {} as RetryBudgetContext,
    events: {} as RetryBudgetEvent,
    input: {} as { config: BudgetConfig },
  },
  guards: {
    retriesAllowed: ({ context }) => retryAllowed(context),
    retriesRefused: ({ context }) => !retryAllowed(context),
  },
  actions: {
    count: assign(({ context, event }) => {
      const c = context.config;
      if (event.type === 'ATTEMPT.STARTED') {
        return { active: context.active + 1, activeRetries: context.activeRetries + (event.retry ? 1 : 0) };
      }
      let tokens = context.tokens;
      if (c.kind === 'grpc') {
        if (event.result === 'retryable') tokens = Math.max(0, tokens - 1);
        else if (event.result === 'success') tokens = Math.min(c.maxTokens, tokens + c.tokenRatio);
      }
      return { active: context.active - 1, activeRetries: context.activeRetries - (event.retry ? 1 : 0), tokens };
    }),
  },
}).createMachine({
  id: 'retryBudget',
  context: ({ input }) => ({
    config: input.config,
    active: 0,
    activeRetries: 0,
    tokens: input.config.kind === 'grpc' ? input.config.maxTokens : 0,
    cause: 'initial state',
  }),
  initial: 'RETRIES_ALLOWED',
  on: {
    'ATTEMPT.STARTED': { actions: 'count' },
    'ATTEMPT.ENDED': { actions: 'count' },
  },
  states: {
    RETRIES_ALLOWED: {
      always: { guard: 'retriesRefused', target: 'RETRIES_REFUSED', actions: assign({ cause: ({ context }) => describe(context, false) }) },
    },
    RETRIES_REFUSED: {
      always: { guard: 'retriesAllowed', target: 'RETRIES_ALLOWED', actions: assign({ cause: ({ context }) => describe(context, true) }) },
    },
  },
});



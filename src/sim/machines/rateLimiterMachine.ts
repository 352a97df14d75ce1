/**
 * Rate limiter with the semantics of resilience4j's AtomicRateLimiter (fixed cycles) and of
 * Envoy's local rate limit (a timer-filled token bucket).
 *
 * Fixed window: the permissions are refreshed lazily from the simulated clock on each request,
 * exactly as AtomicRateLimiter.calculateNextState does; a caller that cannot have a permit now
 * reserves one of a coming cycle if its wait fits in timeoutDuration (permissions go negative);
 * any other caller is rejected at once, as reservePermission (the non-blocking path of
 * resilience4j's asynchronous decorators) does; the blocking acquirePermission would park for
 * timeoutDuration before failing.
 * The only timer is EXHAUSTED's wait for the next cycle, so the visible state follows the cycles
 * even when no call comes. Token bucket: fills on the fillInterval grid from time 0, driven by
 * `after` on the simulated clock; a request takes a token or is denied at once. A full bucket
 * times no fill (it would add nothing), so an idle limiter costs nothing.
 *
 * The component reads each request's outcome (`permits.lastWaitMs`, `permits.lastGrantAt`) from
 * the snapshot. The counts are one mutable object changed in place by plain actions, as in
 * bulkheadMachine.ts: every request passes through here, and an `assign` per request would copy
 * the context on the engine's hottest path.
 */
import { assign, enqueueActions, not, setup } from 'xstate';
import type { RateLimiterPolicy } from '../scenario/policies';
import { fmtMs } from './breakerCauses';

/** Visible states: the first two for fixedWindow, the last two for tokenBucket. */
export const RATE_LIMITER_STATE_NAMES = ['PERMITS_AVAILABLE', 'EXHAUSTED', 'TOKENS_AVAILABLE', 'EMPTY'] as const;
export type RateLimiterStateName = (typeof RATE_LIMITER_STATE_NAMES)[number];

type FixedWindowPolicy = Extract<RateLimiterPolicy, { kind: 'fixedWindow' }>;
type TokenBucketPolicy = Extract<RateLimiterPolicy, { kind: 'tokenBucket' }>;

/** The limiter's counts (changed in place: see the file comment). */
export interface PermitCounts {
  /** Fixed window: AtomicRateLimiter's State (activeCycle, activePermissions) as of the last refresh. */
  cycle: number;
  /** Negative when waiting callers have reserved permits of coming cycles. */
  permissions: number;
  /** Token bucket. */
  tokens: number;
  /** Token bucket: the next fill happens at nextFillIndex × fillInterval. */
  nextFillIndex: number;
  /** Tokens the latest fill added (for the cause). */
  lastFillAdded: number;
  /** Outcome of the latest request: 0 granted now, > 0 granted after that wait, -1 rejected. */
  lastWaitMs: number;
  /** When the latest request's permit is granted (now, or at the start of a coming cycle). */
  lastGrantAt: number;
  permitted: number;
  rejected: number;
  /** Requests that had to wait for a reserved permit. */
  waited: number;
}

export interface RateLimiterContext {
  config: RateLimiterPolicy;
  /** Simulated now: the fixed window and the fill grid are computed from it. */
  now: () => number;
  permits: PermitCounts;
  /** Why the latest transition happened, in words. */
  cause: string;
}

export type RateLimiterEvent =
  | { type: 'CALL.REQUESTED' }
  | { type: 'WAIT.ENDED' }
  | { type: 'CONFIG.UPDATED'; config: RateLimiterPolicy };

export type RateLimiterEmitted = { type: 'notice'; text: string };

export interface RateLimiterInput {
  config: RateLimiterPolicy;
  now: () => number;
}

/** The cycle (or fill interval) `now` falls in; they start at time 0. */
export function cycleAt(now: number, periodMs: number): number {
  return Math.floor(now / periodMs);
}

/** AtomicRateLimiter's lazy refresh: every elapsed cycle adds limitForPeriod, never above it (no carry-over). */
export function refreshedPermissions(permissions: number, fromCycle: number, toCycle: number, limit: number): number {
  if (toCycle === fromCycle) return permissions;
  const p = permissions + (toCycle - fromCycle) * limit;
  return p < limit ? p : limit;
}

/** Whole cycles after the next one before a caller finds a permit: the ones reserved ahead of it use the next cycles' permits first. */
export function fullCyclesToWait(permissions: number, limit: number): number {
  const missing = -(permissions + limit - 1);
  return missing > 0 ? Math.ceil(missing / limit) : 0;
}

/** One permit request (AtomicRateLimiter.reservePermission): the next State and when the permit is granted, or -1 when the wait would exceed the timeout. */
export function reservePermit(
  state: { cycle: number; permissions: number },
  c: FixedWindowPolicy,
  now: number,
): { cycle: number; permissions: number; grantAt: number } {
  const cycle = cycleAt(now, c.limitRefreshPeriodMs);
  const permissions = refreshedPermissions(state.permissions, state.cycle, cycle, c.limitForPeriod);
  if (permissions >= 1) return { cycle, permissions: permissions - 1, grantAt: now };
  const grantAt = (cycle + 1 + fullCyclesToWait(permissions, c.limitForPeriod)) * c.limitRefreshPeriodMs;
  // Only a caller that can wait long enough reserves; the others leave the permissions alone.
  if (grantAt - now <= c.timeoutDurationMs) return { cycle, permissions: permissions - 1, grantAt };
  return { cycle, permissions, grantAt: -1 };
}

/** The token bucket after one fill. */
export function filledTokens(tokens: number, c: TokenBucketPolicy): number {
  const t = tokens + c.tokensPerFill;
  return t < c.maxTokens ? t : c.maxTokens;
}

/** Puts the counts in their starting state for a config: a full cycle's permits, a full bucket. */
function startAfresh(p: PermitCounts, config: RateLimiterPolicy, now: number): void {
  if (config.kind === 'fixedWindow') {
    p.cycle = cycleAt(now, config.limitRefreshPeriodMs);
    p.permissions = config.limitForPeriod;
  } else {
    p.tokens = config.maxTokens;
    p.nextFillIndex = cycleAt(now, config.fillIntervalMs) + 1;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the limiter is now in `state`, with the numbers. */
export function describeRateLimiter(c: RateLimiterPolicy, p: PermitCounts, state: RateLimiterStateName): string {
  if (c.kind === 'fixedWindow') {
    const start = p.cycle * c.limitRefreshPeriodMs;
    const end = start + c.limitRefreshPeriodMs;
    if (state === 'PERMITS_AVAILABLE') {
      const reserved = c.limitForPeriod - p.permissions;
      const taken = reserved > 0 ? ` (${reserved} already reserved)` : '';
      return `cycle from ${fmtMs(start)} began: ${plural(p.permissions, 'permit')} of ${c.limitForPeriod} left${taken}`;
    }
    const ahead = p.permissions < 0 ? `; ${plural(-p.permissions, 'permit')} of coming cycles reserved` : '';
    if (c.timeoutDurationMs === 0) {
      return `all ${plural(c.limitForPeriod, 'permit')} of the cycle ending at ${fmtMs(end)} used; callers are rejected until then (timeoutDuration 0)${ahead}`;
    }
    return `all ${plural(c.limitForPeriod, 'permit')} of the cycle ending at ${fmtMs(end)} used; callers wait up to ${fmtMs(c.timeoutDurationMs)} for a permit of a coming cycle${ahead}`;
  }
  if (state === 'TOKENS_AVAILABLE') return `fill added ${plural(p.lastFillAdded, 'token')}: ${p.tokens} of ${c.maxTokens} in the bucket`;
  return `bucket empty (max ${c.maxTokens}); requests are denied until the next fill of ${plural(c.tokensPerFill, 'token')} (every ${fmtMs(c.fillIntervalMs)})`;
}

/** A notice for a changed knob whose effect is not immediate or not obvious, else undefined. */
export function describeRateLimiterUpdate(from: RateLimiterPolicy, to: RateLimiterPolicy): string | undefined {
  if (from.kind !== to.kind) {
    return `rate limiter kind ${from.kind} → ${to.kind}: it starts afresh with a full ${to.kind === 'fixedWindow' ? 'cycle' : 'bucket'}; callers already waiting keep their reserved time`;
  }
  if (from.kind === 'fixedWindow' && to.kind === 'fixedWindow') {
    const parts: string[] = [];
    if (to.limitForPeriod !== from.limitForPeriod) parts.push(`limitForPeriod ${to.limitForPeriod} applies from the next cycle (resilience4j changeLimitForPeriod)`);
    if (to.limitRefreshPeriodMs !== from.limitRefreshPeriodMs) parts.push(`cycles are now ${fmtMs(to.limitRefreshPeriodMs)} long, counted from time 0`);
    if (to.timeoutDurationMs !== from.timeoutDurationMs) parts.push(`timeoutDuration ${fmtMs(to.timeoutDurationMs)} applies to callers arriving from now on`);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (from.kind === 'tokenBucket' && to.kind === 'tokenBucket' && to.fillIntervalMs !== from.fillIntervalMs) {
    return `fills now every ${fmtMs(to.fillIntervalMs)}, counted from time 0`;
  }
  return undefined;
}

/** Moves to `to`, noting why. */
const moveTo = (to: RateLimiterStateName) => ({ target: to, actions: { type: 'noteCause' as const, params: { state: to } } });

/** The rate limiter machine; see the file comment for the split of work with the component. */
export const rateLimiterMachine = setup({
  types: {
    context: {} as RateLimiterContext,
    events: {} as RateLimiterEvent,
    input: {} as RateLimiterInput,
    emitted: {} as RateLimiterEmitted,
  },
  guards: {
    fixedWindowConfigured: ({ context }) => context.config.kind === 'fixedWindow',
    permitLeftInCycle: ({ context }) => context.permits.permissions >= 1,
    tokenLeft: ({ context }) => context.permits.tokens >= 1,
    bucketFull: ({ context }) => context.config.kind === 'tokenBucket' && context.permits.tokens >= context.config.maxTokens,
    kindChanged: ({ context, event }) => event.type === 'CONFIG.UPDATED' && event.config.kind !== context.config.kind,
  },
  actions: {
    reservePermit: ({ context: { config: c, permits: p, now } }) => {
      if (c.kind !== 'fixedWindow') return;
      const t = now();
      const next = reservePermit(p, c, t);
      p.cycle = next.cycle;
      p.permissions = next.permissions;
      p.lastGrantAt = next.grantAt;
      if (next.grantAt < 0) {
        p.lastWaitMs = -1;
        p.rejected++;
      } else if (next.grantAt > t) {
        p.lastWaitMs = next.grantAt - t;
        p.waited++;
      } else {
        p.lastWaitMs = 0;
        p.permitted++;
      }
    },
    // The same lazy refresh a request would do, at the cycle boundary.
    refreshCycle: ({ context: { config: c, permits: p, now } }) => {
      if (c.kind !== 'fixedWindow') return;
      const cycle = cycleAt(now(), c.limitRefreshPeriodMs);
      p.permissions = refreshedPermissions(p.permissions, p.cycle, cycle, c.limitForPeriod);
      p.cycle = cycle;
    },
    endWait: ({ context }) => {
      context.permits.permitted++;
    },
    takeToken: ({ context: { config: c, permits: p, now } }) => {
      if (c.kind !== 'tokenBucket') return;
      // A full bucket skipped its fills; the next one is the first grid point after now.
      if (p.tokens >= c.maxTokens) p.nextFillIndex = cycleAt(now(), c.fillIntervalMs) + 1;
      p.tokens--;
      p.lastWaitMs = 0;
      p.lastGrantAt = now();
      p.permitted++;
    },
    denyRequest: ({ context: { permits: p } }) => {
      p.lastWaitMs = -1;
      p.lastGrantAt = -1;
      p.rejected++;
    },
    fillBucket: ({ context: { config: c, permits: p } }) => {
      if (c.kind !== 'tokenBucket') return;
      const tokens = filledTokens(p.tokens, c);
      p.lastFillAdded = tokens - p.tokens;
      p.tokens = tokens;
      p.nextFillIndex++;
    },
    retune: enqueueActions(({ context: { config: from, permits: p, now }, event, enqueue }) => {
      if (event.type !== 'CONFIG.UPDATED') return;
      const to = event.config;
      // AtomicRateLimiter keeps its State across changeLimitForPeriod/changeTimeoutDuration; a new
      // period re-bases the stored cycle so the next refresh counts cycles of the new length.
      if (to.kind === 'fixedWindow' && from.kind === 'fixedWindow' && to.limitRefreshPeriodMs !== from.limitRefreshPeriodMs) {
        p.cycle = cycleAt(now(), to.limitRefreshPeriodMs);
      }
      if (to.kind === 'tokenBucket' && from.kind === 'tokenBucket') {
        if (p.tokens > to.maxTokens) p.tokens = to.maxTokens;
        if (to.fillIntervalMs !== from.fillIntervalMs) p.nextFillIndex = cycleAt(now(), to.fillIntervalMs) + 1;
      }
      enqueue.assign({ config: to });
      const notice = describeRateLimiterUpdate(from, to);
      if (notice !== undefined) enqueue.emit({ type: 'notice', text: notice });
    }),
    startAfresh: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'CONFIG.UPDATED') return;
      startAfresh(context.permits, event.config, context.now());
      enqueue.assign({ config: event.config });
      const notice = describeRateLimiterUpdate(context.config, event.config);
      if (notice !== undefined) enqueue.emit({ type: 'notice', text: notice });
    }),
    noteCause: assign(({ context }, params: { state: RateLimiterStateName }) => ({
      cause: describeRateLimiter(context.config, context.permits, params.state),
    })),
  },
  delays: {
    untilNextCycle: ({ context: { config: c, permits: p, now } }) =>
      c.kind === 'fixedWindow' ? (p.cycle + 1) * c.limitRefreshPeriodMs - now() : 0,
    untilNextFill: ({ context: { config: c, permits: p, now } }) => (c.kind === 'tokenBucket' ? p.nextFillIndex * c.fillIntervalMs - now() : 0),
  },
}).createMachine({
  id: 'rateLimiter',
  context: ({ input }) => {
    const permits: PermitCounts = {
      cycle: 0,
      permissions: 0,
      tokens: 0,
      nextFillIndex: 1,
      lastFillAdded: 0,
      lastWaitMs: 0,
      lastGrantAt: 0,
      permitted: 0,
      rejected: 0,
      waited: 0,
    };
    startAfresh(permits, input.config, input.now());
    return { config: input.config, now: input.now, permits, cause: 'initial state' };
  },
  initial: 'initializing',
  on: {
    'WAIT.ENDED': { actions: 'endWait' },
  },
  states: {
    initializing: {
      always: [{ guard: 'fixedWindowConfigured', target: 'fixedWindow' }, { target: 'tokenBucket' }],
    },
    fixedWindow: {
      initial: 'sorting',
      on: {
        'CALL.REQUESTED': { actions: 'reservePermit' },
        'CONFIG.UPDATED': [
          { guard: 'kindChanged', target: 'initializing', actions: 'startAfresh' },
          // Through `sorting`, so EXHAUSTED re-arms its timer for a changed period.
          { target: '.sorting', actions: 'retune' },
        ],
      },
      states: {
        sorting: {
          always: [{ guard: 'permitLeftInCycle', ...moveTo('PERMITS_AVAILABLE') }, moveTo('EXHAUSTED')],
        },
        PERMITS_AVAILABLE: {
          tags: ['permitting'],
          always: { guard: not('permitLeftInCycle'), ...moveTo('EXHAUSTED') },
        },
        EXHAUSTED: {
          tags: ['waiting'],
          // Re-entered at each cycle start while permits stay reserved ahead, so the timer re-arms.
          after: { untilNextCycle: { target: 'EXHAUSTED', reenter: true, actions: 'refreshCycle' } },
          always: { guard: 'permitLeftInCycle', ...moveTo('PERMITS_AVAILABLE') },
        },
      },
    },
    tokenBucket: {
      initial: 'sorting',
      on: {
        'CONFIG.UPDATED': [
          { guard: 'kindChanged', target: 'initializing', actions: 'startAfresh' },
          // Through `sorting`, so the fill timer re-arms for a changed interval.
          { target: '.sorting', actions: 'retune' },
        ],
      },
      states: {
        sorting: {
          always: [{ guard: 'tokenLeft', ...moveTo('TOKENS_AVAILABLE') }, moveTo('EMPTY')],
        },
        TOKENS_AVAILABLE: {
          tags: ['permitting'],
          initial: 'sorting',
          always: { guard: not('tokenLeft'), ...moveTo('EMPTY') },
          states: {
            sorting: { always: [{ guard: 'bucketFull', target: 'full' }, { target: 'refilling' }] },
            // No fill is timed: it would add nothing.
            full: { on: { 'CALL.REQUESTED': { target: 'refilling', actions: 'takeToken' } } },
            refilling: {
              on: { 'CALL.REQUESTED': { actions: 'takeToken' } },
              after: { untilNextFill: { target: 'sorting', actions: 'fillBucket' } },
            },
          },
        },
        EMPTY: {
          tags: ['rejecting'],
          on: { 'CALL.REQUESTED': { actions: 'denyRequest' } },
          after: {
            untilNextFill: { target: 'TOKENS_AVAILABLE', actions: ['fillBucket', { type: 'noteCause', params: { state: 'TOKENS_AVAILABLE' } }] },
          },
        },
      },
    },
  },
});

export type RateLimiterMachine = typeof rateLimiterMachine;

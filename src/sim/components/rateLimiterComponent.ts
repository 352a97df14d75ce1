/**
 * A dependency's rate limiter: the XState actor plus the engine-facing API. The machine decides
 * and counts; this class holds the callers waiting for a reserved permit (functions are not data)
 * and calls each back on the simulated clock when its permit's cycle begins.
 */
import { createActor, type Actor, type StateValue } from 'xstate';
import type { ScheduledEvent, SimClock } from '../clock';
import { cycleAt, RATE_LIMITER_STATE_NAMES, rateLimiterMachine, refreshedPermissions, type RateLimiterMachine } from '../machines/rateLimiterMachine';
import type { RateLimiterPolicy } from '../scenario/policies';
import type { PolicyHooks } from './bulkheadComponent';

/** A rate limiter's counts for snapshots and reports. */
export interface RateLimiterFigures {
  kind: 'fixedWindow' | 'tokenBucket';
  /** Permits left in the current cycle (negative: permits of coming cycles already reserved, as resilience4j reports) or tokens in the bucket. */
  available: number;
  permitted: number;
  rejected: number;
  waited: number;
}

/** The machine's visible states (the first two for fixedWindow, the last two for tokenBucket). */
export const RATE_LIMITER_STATES: readonly string[] = RATE_LIMITER_STATE_NAMES;

const nothingToWithdraw = (): void => {};

/** The visible state: the kind's child (its own children are bookkeeping, e.g. whether the bucket is full). */
function visibleState(value: StateValue): string {
  const inKind = typeof value === 'string' ? value : (value.fixedWindow ?? value.tokenBucket);
  if (typeof inKind === 'string') return inKind;
  for (const name in inKind) return name;
  return '';
}

/** Rate limiter component: the engine's handle on one rate limiter machine. */
export class RateLimiterComponent {
  private readonly actor: Actor<RateLimiterMachine>;
  /** Grants scheduled for callers waiting for a reserved permit. */
  private readonly waits = new Set<ScheduledEvent>();
  state: string;

  constructor(
    readonly id: string,
    policy: RateLimiterPolicy,
    private readonly clock: SimClock,
    hooks: PolicyHooks,
  ) {
    this.actor = createActor(rateLimiterMachine, { id, clock, input: { config: policy, now: () => clock.now } });
    this.state = policy.kind === 'fixedWindow' ? 'PERMITS_AVAILABLE' : 'TOKENS_AVAILABLE';
    let last = 'initializing';
    this.actor.subscribe((snap) => {
      const value = visibleState(snap.value);
      if (value === last) return;
      if (last !== 'initializing') hooks.onTransition(last, value, snap.context.cause);
      last = value;
      this.state = value;
    });
    this.actor.on('notice', (e) => hooks.onNotice(e.text));
    this.actor.start();
  }

  /** Asks for a permit: granted() now or after the reserved wait, else rejected() at once; the returned function withdraws a caller still waiting (its reserved permit stays used, as in resilience4j). */
  acquire(granted: () => void, rejected: () => void): () => void {
    this.actor.send({ type: 'CALL.REQUESTED' });
    const p = this.actor.getSnapshot().context.permits;
    if (p.lastWaitMs === 0) {
      granted();
      return nothingToWithdraw;
    }
    if (p.lastWaitMs < 0) {
      rejected();
      return nothingToWithdraw;
    }
    const wait = this.clock.schedule(p.lastGrantAt, () => {
      this.waits.delete(wait);
      this.actor.send({ type: 'WAIT.ENDED' });
      granted();
    });
    this.waits.add(wait);
    return () => {
      if (this.waits.delete(wait)) this.clock.clearTimeout(wait);
    };
  }

  /** Current counts; a fixed window's permits are refreshed to now without changing the machine (resilience4j getAvailablePermissions). */
  figures(): RateLimiterFigures {
    const { config: c, permits: p } = this.actor.getSnapshot().context;
    const available =
      c.kind === 'fixedWindow' ? refreshedPermissions(p.permissions, p.cycle, cycleAt(this.clock.now, c.limitRefreshPeriodMs), c.limitForPeriod) : p.tokens;
    return { kind: c.kind, available, permitted: p.permitted, rejected: p.rejected, waited: p.waited };
  }

  /** Applies changed knobs (same field names as the policy); callers already waiting keep their reserved time. */
  update(policy: RateLimiterPolicy): void {
    this.actor.send({ type: 'CONFIG.UPDATED', config: policy });
  }

  /** Stops the machine; waiting callers are dropped without a callback. */
  stop(): void {
    for (const wait of this.waits) this.clock.clearTimeout(wait);
    this.waits.clear();
    this.actor.stop();
  }
}

/**
 * A dependency's circuit breaker: the XState actor plus the engine-facing API (acquire a
 * permit, report a result). Permits are read from the snapshot, as resilience4j's CLOSED state
 * grants them without recording anything; only finished calls and trial permits are events.
 */
import { createActor, type Actor } from 'xstate';
import type { SimClock } from '../clock';
import {
  circuitBreakerMachine,
  LEGAL_TRANSITIONS,
  type BreakerConfig,
  type CircuitBreakerMachine,
} from '../machines/circuitBreakerMachine';
import type { BreakerStateName } from '../scenario/policies';

/** What a permit request got: refused, a free permit (CLOSED, METRICS_ONLY, DISABLED record nothing at acquisition), or one of HALF_OPEN's trial permits. */
export const Permit = { Rejected: 0, Free: 1, Trial: 2 } as const;
export type Permit = (typeof Permit)[keyof typeof Permit];

export interface TransitionListener {
  (from: string, to: string, cause: string): void;
}

export class BreakerComponent {
  readonly actor: Actor<CircuitBreakerMachine>;
  /** Calls refused while OPEN, FORCED_OPEN, or HALF_OPEN without a free permit. */
  notPermitted = 0;
  /** Permits granted (free and trial). */
  permitted = 0;
  /** Times the breaker has opened (entered OPEN). */
  openings = 0;
  state: BreakerStateName;

  constructor(
    readonly id: string,
    config: BreakerConfig,
    private readonly clock: SimClock,
    onTransition: TransitionListener,
    onNotice: (text: string) => void,
  ) {
    this.actor = createActor(circuitBreakerMachine, { id, clock, input: { config, now: () => clock.now } });
    this.state = config.initialState;
    let last = 'initializing';
    this.actor.subscribe((snap) => {
      const value = snap.value as string;
      if (value === last) return;
      if (last !== 'initializing') onTransition(last, value, snap.context.cause);
      if (value === 'OPEN') this.openings++;
      last = value;
      this.state = value as BreakerStateName;
    });
    this.actor.on('notice', (e) => onNotice(e.text));
    this.actor.start();
  }

  /** Asks for permission to call (resilience4j tryAcquirePermission). */
  tryAcquire(): Permit {
    switch (this.state) {
      case 'CLOSED':
      case 'METRICS_ONLY':
      case 'DISABLED':
        this.permitted++;
        return Permit.Free;
      case 'OPEN': {
        const ctx = this.actor.getSnapshot().context;
        if (this.clock.now > ctx.openedAtMs + ctx.waitMs) {
          this.actor.send({ type: 'PERMIT.REQUESTED' });
          if ((this.state as BreakerStateName) === 'HALF_OPEN') {
            this.permitted++;
            return Permit.Trial;
          }
        }
        this.notPermitted++;
        return Permit.Rejected;
      }
      case 'HALF_OPEN': {
        const ctx = this.actor.getSnapshot().context;
        if (ctx.halfOpenPermitsIssued < ctx.config.permittedNumberOfCallsInHalfOpenState) {
          this.actor.send({ type: 'PERMIT.REQUESTED' });
          this.permitted++;
          return Permit.Trial;
        }
        this.notPermitted++;
        return Permit.Rejected;
      }
      case 'FORCED_OPEN':
        this.notPermitted++;
        return Permit.Rejected;
    }
  }

  /** Reports a finished call (resilience4j onSuccess / onError). */
  onResult(failed: boolean, durationMs: number): void {
    // DISABLED records nothing; FORCED_OPEN ignores late results.
    if (this.state === 'DISABLED' || this.state === 'FORCED_OPEN') return;
    this.actor.send({ type: 'CALL.FINISHED', failed, durationMs });
  }

  /** Gives back a trial permit whose call was cancelled (resilience4j releasePermission). */
  release(): void {
    if (this.state === 'HALF_OPEN') this.actor.send({ type: 'PERMIT.RELEASED' });
  }

  /** Whether a manual move from the current state to `to` is legal. */
  canForce(to: BreakerStateName): boolean {
    return LEGAL_TRANSITIONS[this.state].includes(to);
  }

  /** Forces a state (resilience4j transitionTo…State). Returns false for an illegal move. */
  force(to: BreakerStateName): boolean {
    if (!this.canForce(to)) return false;
    this.actor.send({ type: 'FORCE', to });
    return true;
  }

  /** Applies changed knobs; the window starts afresh when its shape changes. */
  updateConfig(config: BreakerConfig): void {
    this.actor.send({ type: 'CONFIG.UPDATED', config });
  }

  get config(): BreakerConfig {
    return this.actor.getSnapshot().context.config;
  }

  stop(): void {
    this.actor.stop();
  }
}

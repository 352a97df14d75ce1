/** A backend instance's health machine, as the pool drives it. */
import { createActor, type Actor } from 'xstate';
import type { SimClock } from '../clock';
import { backendHealthMachine, slowStartFactor, type HealthConfig } from '../machines/backendHealthMachine';

export class BackendHealthComponent {
  readonly actor: Actor<typeof backendHealthMachine>;
  state = 'HEALTHY';

  constructor(
    readonly id: string,
    config: HealthConfig,
    private readonly clock: SimClock,
    onTransition: (from: string, to: string, cause: string) => void,
  ) {
    this.actor = createActor(backendHealthMachine, { id, clock, input: { config, now: () => clock.now } });
    this.actor.subscribe((snap) => {
      const value = snap.value as string;
      if (value === this.state) return;
      const from = this.state;
      this.state = value;
      onTransition(from, value, snap.context.cause);
    });
    this.actor.start();
  }

  /** Takes traffic (HEALTHY or WARMING). */
  get serving(): boolean {
    return this.state === 'HEALTHY' || this.state === 'WARMING';
  }

  /** Weight factor now: below 1 while warming up. */
  weightFactor(): number {
    if (this.state !== 'WARMING') return 1;
    const c = this.actor.getSnapshot().context;
    return slowStartFactor(this.clock.now - c.warmingSince, c.config.slowStartMs);
  }

  get ejections(): number {
    return this.actor.getSnapshot().context.ejections;
  }

  send(event: Parameters<Actor<typeof backendHealthMachine>['send']>[0]): void {
    this.actor.send(event);
  }

  stop(): void {
    this.actor.stop();
  }
}

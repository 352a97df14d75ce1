/** A dependency's retry budget: the XState actor and the retry stage's view of it. */
import { createActor, type Actor } from 'xstate';
import type { SimClock } from '../clock';
import { retryAllowed, retryBudgetMachine, type BudgetConfig } from '../machines/retryBudgetMachine';

export class RetryBudgetComponent {
  readonly actor: Actor<typeof retryBudgetMachine>;
  state = 'RETRIES_ALLOWED';
  /** Retries the budget refused. */
  refused = 0;

  constructor(
    readonly id: string,
    config: BudgetConfig,
    clock: SimClock,
    onTransition: (from: string, to: string, cause: string) => void,
  ) {
    this.actor = createActor(retryBudgetMachine, { id, clock, input: { config } });
    this.actor.subscribe((snap) => {
      const value = snap.value as string;
      if (value === this.state) return;
      onTransition(this.state, value, snap.context.cause);
      this.state = value;
    });
    this.actor.start();
  }

  attemptStarted(retry: boolean): void {
    this.actor.send({ type: 'ATTEMPT.STARTED', retry });
  }

  attemptEnded(retry: boolean, result: 'success' | 'retryable' | 'other'): void {
    this.actor.send({ type: 'ATTEMPT.ENDED', retry, result });
  }

  /** Whether one more retry may start now (read from the snapshot); counts a refusal. */
  allowRetry(): boolean {
    const ok = retryAllowed(this.actor.getSnapshot().context);
    if (!ok) this.refused++;
    return ok;
  }

  figures(): { kind: string; active: number; activeRetries: number; tokens: number; refused: number } {
    const c = this.actor.getSnapshot().context;
    return { kind: c.config.kind, active: c.active, activeRetries: c.activeRetries, tokens: Math.round(c.tokens * 1000) / 1000, refused: this.refused };
  }

  stop(): void {
    this.actor.stop();
  }
}

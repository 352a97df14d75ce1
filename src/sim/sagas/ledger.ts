/**
 * Resources a saga takes and gives back (stock reserved and released, money charged and
 * refunded), kept so that nothing is created or lost: taken − returned always equals what
 * committed, stuck and running sagas hold.
 */

export type Resource = 'stock' | 'money';
export const RESOURCES: readonly Resource[] = ['stock', 'money'];

export interface ResourceLedger {
  taken: number;
  returned: number;
  /** Held by committed sagas (the order went through). */
  heldCommitted: number;
  /** Held by stuck sagas: taken, never given back, order not completed. */
  heldStuck: number;
  /** Held by sagas still running. */
  heldRunning: number;
}

export type Holdings = Record<Resource, number>;

const emptyLedger = (): ResourceLedger => ({ taken: 0, returned: 0, heldCommitted: 0, heldStuck: 0, heldRunning: 0 });

export class Ledger {
  readonly resources: Record<Resource, ResourceLedger> = { stock: emptyLedger(), money: emptyLedger() };

  take(h: Holdings, resource: Resource, amount: number): void {
    const r = this.resources[resource];
    r.taken += amount;
    r.heldRunning += amount;
    h[resource] += amount;
  }

  give(h: Holdings, resource: Resource, amount: number): void {
    const r = this.resources[resource];
    r.returned += amount;
    r.heldRunning -= amount;
    h[resource] -= amount;
  }

  /** A saga ended: what it still holds moves to its outcome's column. */
  settle(h: Holdings, outcome: 'COMMITTED' | 'COMPENSATED' | 'STUCK'): void {
    for (const resource of RESOURCES) {
      const r = this.resources[resource];
      r.heldRunning -= h[resource];
      if (outcome === 'COMMITTED') r.heldCommitted += h[resource];
      else r.heldStuck += h[resource]; // a compensated saga holds nothing
    }
  }

  /** Whether taken − returned equals everything held, for every resource (exact for whole amounts). */
  balanced(): boolean {
    return RESOURCES.every((k) => {
      const r = this.resources[k];
      return Math.abs(r.taken - r.returned - (r.heldCommitted + r.heldStuck + r.heldRunning)) < 1e-6;
    });
  }
}

export const noHoldings = (): Holdings => ({ stock: 0, money: 0 });

/** Spreading a dependency's calls over its instances. */
import type { BackendInstance } from './backend';
import type { Call } from './pipeline/types';

/** Chooses the instance for a call, or null when there is none to choose. */
export interface Balancer {
  pick(call: Call): BackendInstance | null;
}

/** Round robin over every instance, in index order. */
export class RoundRobinBalancer implements Balancer {
  private next = 0;

  constructor(private readonly backends: readonly BackendInstance[]) {}

  pick(): BackendInstance | null {
    const n = this.backends.length;
    if (n === 0) return null;
    const b = this.backends[this.next];
    this.next = this.next + 1 === n ? 0 : this.next + 1;
    return b;
  }
}

/**
 * Each machine's state over the whole run as compact intervals: the times it changed state and
 * the state it entered (an index into its state names), in typed arrays that grow by doubling.
 * Answers "state at T" and "ever in S by T" with a binary search, for any past time.
 */

export class StateHistory {
  private times = new Float64Array(16);
  private codes = new Uint8Array(16);
  private n = 0;
  private readonly names: string[] = [];
  private readonly codeOf = new Map<string, number>();

  constructor(
    readonly machine: string,
    initialState: string,
  ) {
    this.push(0, initialState);
  }

  private code(state: string): number {
    let c = this.codeOf.get(state);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(state);
      this.codeOf.set(state, c);
    }
    return c;
  }

  /** Records that the machine entered `state` at time t. */
  push(t: number, state: string): void {
    if (this.n === this.times.length) {
      const times = new Float64Array(this.n * 2);
      times.set(this.times);
      const codes = new Uint8Array(this.n * 2);
      codes.set(this.codes);
      this.times = times;
      this.codes = codes;
    }
    this.times[this.n] = t;
    this.codes[this.n] = this.code(state);
    this.n++;
  }

  /** Number of recorded entries (the initial state included). */
  get length(): number {
    return this.n;
  }

  /** Index of the last entry at or before t. */
  private indexAt(t: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** State at time t (after everything that happened at t). */
  stateAt(t: number): string {
    return this.names[this.codes[this.indexAt(t)]];
  }

  /** First time at or before t at which the machine was in `state`, or undefined. */
  firstTimeIn(state: string, byT: number): number | undefined {
    const c = this.codeOf.get(state);
    if (c === undefined) return undefined;
    const last = this.indexAt(byT);
    for (let i = 0; i <= last; i++) if (this.codes[i] === c) return this.times[i];
    return undefined;
  }

  /** Number of entries into `state` at or before t. */
  entriesInto(state: string, byT = Infinity): number {
    const c = this.codeOf.get(state);
    if (c === undefined) return 0;
    const last = this.indexAt(byT);
    let k = 0;
    for (let i = 0; i <= last; i++) if (this.codes[i] === c) k++;
    return k;
  }

  /** Intervals [fromMs, toMs) with their state, clipped to [0, endMs]; at most `limit` (latest kept). */
  intervals(endMs: number, limit = Infinity): Array<{ fromMs: number; toMs: number; state: string }> {
    const out: Array<{ fromMs: number; toMs: number; state: string }> = [];
    const first = Math.max(0, this.n - limit);
    for (let i = first; i < this.n; i++) {
      const from = this.times[i];
      if (from > endMs) break;
      const to = i + 1 < this.n ? Math.min(this.times[i + 1], endMs) : endMs;
      out.push({ fromMs: from, toMs: to, state: this.names[this.codes[i]] });
    }
    return out;
  }

  get bytes(): number {
    return this.times.byteLength + this.codes.byteLength;
  }
}

/** The transition and event log: a ring buffer that drops its oldest lines past the cap. */

export interface LogLine {
  atMs: number;
  machine: string;
  /** Empty for notices that are not transitions. */
  from: string;
  to: string;
  cause: string;
  /** Sequence number over the whole run (continues past drops). */
  seq: number;
}

export const LOG_CAP = 100_000;

export class TransitionLog {
  private lines: LogLine[] = [];
  private start = 0;
  /** Lines dropped from the front past the cap. */
  dropped = 0;
  total = 0;

  constructor(private readonly cap = LOG_CAP) {}

  add(line: Omit<LogLine, 'seq'>): LogLine {
    const full = { ...line, seq: this.total++ };
    if (this.lines.length < this.cap) {
      this.lines.push(full);
    } else {
      this.lines[this.start] = full;
      this.start = (this.start + 1) % this.cap;
      this.dropped++;
    }
    return full;
  }

  /** Lines kept, oldest first. */
  all(): LogLine[] {
    return this.start === 0 ? this.lines.slice() : [...this.lines.slice(this.start), ...this.lines.slice(0, this.start)];
  }

  /** Lines with seq ≥ fromSeq (for deltas), oldest first. */
  since(fromSeq: number): LogLine[] {
    const kept = this.lines.length;
    const firstSeq = this.total - kept;
    const skip = Math.max(0, fromSeq - firstSeq);
    const out: LogLine[] = [];
    for (let k = skip; k < kept; k++) out.push(this.lines[(this.start + k) % kept]);
    return out;
  }

  get size(): number {
    return this.lines.length;
  }
}

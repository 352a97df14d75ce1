/** Fault descriptions in words, for the log and the page. */
import type { Fault } from './scenario/timeline';

/** "error 50%", "latency +200 ms ± 50 ms", "outage", "hang", "capacity 25%". */
export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'error':
      return `errors on ${Math.round(f.probability * 1000) / 10}% of calls`;
    case 'latency':
      return `latency +${f.addedMs} ms${f.jitterMs ? ` ± ${f.jitterMs} ms` : ''}`;
    case 'outage':
      return 'outage (calls refused)';
    case 'hang':
      return 'hang (calls never answered)';
    case 'capacity':
      return `capacity cut to ${Math.round(f.factor * 100)}%`;
  }
}

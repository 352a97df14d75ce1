/** Fault windows of a scenario (file and live), as spans to shade on charts and timelines. */
import type { Scenario } from '../../sim/scenario/schema';
import type { TimelineEntry } from '../../sim/scenario/timeline';

export interface FaultBand {
  fromMs: number;
  toMs: number;
  label: string;
  target: string;
}

export function faultBands(scenario: Scenario | null, live: readonly TimelineEntry[]): FaultBand[] {
  const entries = [...(scenario?.timeline ?? []), ...live];
  return entries.flatMap((e) =>
    e.type === 'fault'
      ? [{ fromMs: e.atMs, toMs: e.atMs + e.durationMs, target: e.target, label: e.label ?? `${e.kind} on ${e.target}` }]
      : [],
  );
}

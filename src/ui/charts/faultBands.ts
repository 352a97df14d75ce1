/**
 * Fault windows of a scenario (file and live), as spans to shade on charts and timelines. While a
 * window is being dragged in the fault timeline, its draft timeline stands in for the scenario's,
 * so every chart follows the drag at once.
 */
import type { Scenario } from '../../sim/scenario/schema';
import type { FaultKind, TimelineEntry } from '../../sim/scenario/timeline';

export interface FaultBand {
  fromMs: number;
  toMs: number;
  label: string;
  target: string;
  kind: FaultKind;
  /** The window's position in the scenario's timeline (file entries, then live ones). */
  index: number;
}

/** The timeline as it stands: the scenario's entries, then the live ones. */
export function timelineOf(scenario: Scenario | null, live: readonly TimelineEntry[]): TimelineEntry[] {
  return [...(scenario?.timeline ?? []), ...live];
}

/** Bands of every fault window; `draft` (an edit in progress) replaces the whole timeline. */
export function faultBands(scenario: Scenario | null, live: readonly TimelineEntry[], draft?: readonly TimelineEntry[] | null): FaultBand[] {
  const entries = draft ?? timelineOf(scenario, live);
  return entries.flatMap((e, index) =>
    e.type === 'fault'
      ? [{ fromMs: e.atMs, toMs: e.atMs + e.durationMs, target: e.target, kind: e.kind, index, label: e.label ?? `${e.kind} on ${e.target}` }]
      : [],
  );
}

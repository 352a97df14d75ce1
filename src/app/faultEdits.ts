/**
 * Edits of a scenario's fault windows (move, resize, delete, add), as pure functions over its
 * timeline: the scenario file's own entries and the live ones appended during a run alike. An
 * edit returns a new timeline and never reorders it: the timeline's order fixes the order
 * overlapping faults combine in (sim/faults.ts), and it is how the page names a window (its index).
 */
import type { Fault, TimelineEntry } from '../sim/scenario/timeline';

/** Shortest fault window an edit leaves (ms). */
export const MIN_FAULT_MS = 100;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A fault as the form or a test describes it, before it has a place on the timeline. */
export type FaultWindowSpec = DistributiveOmit<Fault, 'type' | 'atMs' | 'durationMs'>;

/** One change to the fault windows. `index` is the window's position in the whole timeline. */
export type FaultEdit =
  /** Moves a window so that it starts at `atMs`, keeping its length. */
  | { type: 'move'; index: number; atMs: number }
  /** Moves one edge of a window to `atMs`, keeping the other where it is. */
  | { type: 'resize'; index: number; edge: 'start' | 'end'; atMs: number }
  /** Removes a window. */
  | { type: 'delete'; index: number }
  /** Appends a window `[atMs, atMs + durationMs)`. */
  | { type: 'add'; fault: FaultWindowSpec & { atMs: number; durationMs: number } };

export interface EditLimits {
  /** The scenario's length: every window is kept inside [0, durationMs]. */
  durationMs: number;
  /** Shortest window (defaults to MIN_FAULT_MS, or the whole run when that is shorter). */
  minMs?: number;
}

/** An entry as a scenario file may hold it (defaults not yet applied); only faults are touched. */
type Entry = TimelineEntry | Record<string, unknown>;

/** Whether a timeline entry is a fault window. */
export const isFault = (e: Entry): e is Fault => (e as { type?: unknown }).type === 'fault';

/** The fault windows of a timeline with their positions in it. */
export function faultWindows(entries: readonly Entry[]): Array<{ index: number; fault: Fault }> {
  const out: Array<{ index: number; fault: Fault }> = [];
  entries.forEach((e, index) => {
    if (isFault(e)) out.push({ index, fault: e });
  });
  return out;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

function minLength(limits: EditLimits): number {
  return Math.min(Math.max(1, limits.minMs ?? MIN_FAULT_MS), limits.durationMs);
}

function faultAt(entries: readonly Entry[], index: number): Fault {
  const e = entries[index];
  if (!Number.isInteger(index) || e === undefined || !isFault(e)) {
    throw new Error(`timeline[${index}] is not a fault window (the timeline has ${entries.length} entries)`);
  }
  return e;
}

function checkTime(name: string, ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new Error(`${name}: expected a number of ms, got ${String(ms)}`);
}

/**
 * A window placed inside the run: start in [0, duration − min], end in [start + min, duration].
 * The part of a window past the end of the run never takes effect, so trimming it changes nothing.
 */
function placed(atMs: number, durationMs: number, limits: EditLimits): { atMs: number; durationMs: number } {
  const min = minLength(limits);
  const start = clamp(atMs, 0, limits.durationMs - min);
  const end = clamp(atMs + durationMs, start + min, limits.durationMs);
  return { atMs: start, durationMs: end - start };
}

/** Returns `entries` with entry `index` replaced (same position, every other field kept). */
function replaced(entries: readonly Entry[], index: number, fault: Fault, atMs: number, durationMs: number): Entry[] {
  if (fault.atMs === atMs && fault.durationMs === durationMs) return entries.slice();
  const out = entries.slice();
  out[index] = { ...fault, atMs, durationMs };
  return out;
}

/** Moves window `index` to start at `atMs` (kept inside the run, length kept where it fits). */
export function moveFault(entries: readonly Entry[], index: number, atMs: number, limits: EditLimits): Entry[] {
  const f = faultAt(entries, index);
  checkTime('move: atMs', atMs);
  const min = minLength(limits);
  const length = clamp(Math.min(f.durationMs, limits.durationMs - Math.max(0, f.atMs)), min, limits.durationMs);
  const start = clamp(atMs, 0, limits.durationMs - length);
  return replaced(entries, index, f, start, length);
}

/** Moves one edge of window `index` to `atMs`; the other edge stays, and the window keeps at least the minimum length. */
export function resizeFault(entries: readonly Entry[], index: number, edge: 'start' | 'end', atMs: number, limits: EditLimits): Entry[] {
  const f = faultAt(entries, index);
  checkTime('resize: atMs', atMs);
  const min = minLength(limits);
  const end = Math.min(f.atMs + f.durationMs, limits.durationMs);
  if (edge === 'start') {
    const start = clamp(atMs, 0, Math.max(0, end - min));
    return replaced(entries, index, f, start, Math.max(min, end - start));
  }
  const start = clamp(f.atMs, 0, limits.durationMs - min);
  const newEnd = clamp(atMs, start + min, limits.durationMs);
  return replaced(entries, index, f, start, newEnd - start);
}

/** Removes window `index` (later entries move up by one). */
export function deleteFault(entries: readonly Entry[], index: number): Entry[] {
  faultAt(entries, index);
  return entries.filter((_, i) => i !== index);
}

/** Appends a fault window, placed inside the run. */
export function addFault(entries: readonly Entry[], fault: FaultWindowSpec & { atMs: number; durationMs: number }, limits: EditLimits): Entry[] {
  checkTime('add: atMs', fault.atMs);
  checkTime('add: durationMs', fault.durationMs);
  const at = placed(fault.atMs, fault.durationMs, limits);
  const { type: _type, atMs: _at, durationMs: _d, ...rest } = fault as FaultWindowSpec & { type?: string; atMs: number; durationMs: number };
  return [...entries, { type: 'fault', ...rest, ...at } as Fault];
}

/** Applies one edit. Throws (naming the entry) when `index` is not a fault window. */
export function applyFaultEdit<E extends Entry>(entries: readonly E[], edit: FaultEdit, limits: EditLimits): E[] {
  if (!(limits.durationMs > 0)) throw new Error(`the scenario's duration must be positive, got ${limits.durationMs}`);
  switch (edit.type) {
    case 'move':
      return moveFault(entries, edit.index, edit.atMs, limits) as E[];
    case 'resize':
      return resizeFault(entries, edit.index, edit.edge, edit.atMs, limits) as E[];
    case 'delete':
      return deleteFault(entries, edit.index) as E[];
    case 'add':
      return addFault(entries, edit.fault, limits) as E[];
  }
}

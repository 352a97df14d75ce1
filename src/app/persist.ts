/**
 * The last scenario survives a reload: whenever the run's scenario, seed or live commands change,
 * they are written to localStorage; opening the page without a link reopens them. A preset with
 * nothing done to it is stored by id, so a newer build's preset is what reopens.
 */
import { labStore, type RunState } from '../store/labStore';
import type { LabController } from './controller';
import { presetById } from './presets';

export const LAST_KEY = 'faultline.last';
/** Where a stored scenario that no longer opens is kept, so nothing the user made is lost. */
export const BROKEN_KEY = 'faultline.last.unopenable';

export type Saved = { version: 1; preset: string; seed: number } | { version: 1; source: string; seed: number; scenario: Record<string, unknown> };

/** What to store for a run, or null when there is nothing worth keeping. */
export function savedFor(run: RunState, scenario: Record<string, unknown> | null): Saved | null {
  if (run.status !== 'ready' || !scenario) return null;
  if (presetById(run.source) && run.liveEntries.length === 0) return { version: 1, preset: run.source, seed: run.seed };
  return { version: 1, source: run.source, seed: run.seed, scenario };
}

export function readSaved(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): Saved | null {
  try {
    const raw = storage?.getItem(LAST_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Saved;
    if (v?.version !== 1 || typeof v.seed !== 'number') return null;
    if ('preset' in v ? typeof v.preset !== 'string' : typeof v.scenario !== 'object' || typeof v.source !== 'string') return null;
    return v;
  } catch {
    return null;
  }
}

/** Moves a stored scenario that failed to open aside (it stays in storage, under BROKEN_KEY). */
export function setAsideSaved(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = safeStorage()): void {
  try {
    const raw = storage?.getItem(LAST_KEY);
    if (raw) storage?.setItem(BROKEN_KEY, raw);
    storage?.removeItem(LAST_KEY);
  } catch {
    // Nothing more to do without storage.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Keeps the stored scenario in step with the run; returns the unsubscribe. */
export function startPersisting(c: LabController, runId = 'main'): () => void {
  let last: { input: unknown; live: unknown; seed: number; source: string } | null = null;
  return labStore.subscribe((s) => {
    const run = s.runs[runId];
    if (!run || run.status !== 'ready') return;
    if (last && last.input === run.scenarioInput && last.live === run.liveEntries && last.seed === run.seed && last.source === run.source) return;
    last = { input: run.scenarioInput, live: run.liveEntries, seed: run.seed, source: run.source };
    const saved = savedFor(run, c.currentScenario());
    if (!saved) return;
    try {
      safeStorage()?.setItem(LAST_KEY, JSON.stringify(saved));
    } catch {
      // Full or unavailable storage: the run goes on; it just won't be reopened.
    }
  });
}

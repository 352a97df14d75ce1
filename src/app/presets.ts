/**
 * The preset scenarios shipped in scenarios/. Their ids, names and seeds are bundled with the app
 * (virtual:preset-index, src/build/presetIndex.ts); each scenario's JSON is fetched when it is opened.
 */
import { PRESET_INDEX, PRESET_LOADERS } from 'virtual:preset-index';

export interface Preset {
  id: string;
  name: string;
  /** The seed the preset's file names (1 when it names none). */
  seed: number;
}

/** Presets by id. */
export const PRESETS: readonly Preset[] = PRESET_INDEX;

/** The scenario the app opens with. */
export const DEFAULT_PRESET = 'outage-with-breaker';

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);

/** The preset's scenario JSON, as its file holds it. */
export async function loadPresetScenario(id: string): Promise<Record<string, unknown>> {
  const load = PRESET_LOADERS[id];
  if (!load) throw new Error(`unknown preset "${id}"`);
  return load();
}

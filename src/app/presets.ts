/** The preset scenarios shipped in scenarios/, bundled into the app. */

const files = import.meta.glob('../../scenarios/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

export interface Preset {
  id: string;
  name: string;
  description: string;
  notice: string;
  scenario: Record<string, unknown>;
}

/** Presets in display order: the breaker pair first, then by id. */
export const PRESETS: Preset[] = Object.values(files)
  .map((scenario) => ({
    id: String(scenario.id),
    name: String(scenario.name),
    description: String(scenario.description ?? ''),
    notice: String(scenario.notice ?? ''),
    scenario,
  }))
  .sort((a, b) => a.id.localeCompare(b.id));

/** The scenario the app opens with. */
export const DEFAULT_PRESET = 'outage-with-breaker';

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);

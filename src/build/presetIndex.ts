/**
 * Vite plugin: `virtual:preset-index`, the list of presets in scenarios/ (id, name, seed) with a
 * loader per preset. The picker needs only the names at start; each scenario's JSON is its own small
 * chunk, fetched when that preset is opened, so the presets don't weigh on the first load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const ID = 'virtual:preset-index';
const RESOLVED = `\0${ID}`;

export interface PresetIndexEntry {
  id: string;
  name: string;
  seed: number;
}

export function presetIndex(dir = resolve(import.meta.dirname, '../../scenarios')): Plugin {
  return {
    name: 'faultline-preset-index',
    resolveId: (source) => (source === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      const entries = files.map((file) => {
        const path = join(dir, file);
        this.addWatchFile(path);
        const s = JSON.parse(readFileSync(path, 'utf8')) as { id: string; name: string; seed?: number };
        return { file: path, entry: { id: String(s.id), name: String(s.name), seed: s.seed ?? 1 } };
      });
      entries.sort((a, b) => a.entry.id.localeCompare(b.entry.id));
      return [
        `export const PRESET_INDEX = ${JSON.stringify(entries.map((e) => e.entry))};`,
        `export const PRESET_LOADERS = {`,
        ...entries.map((e) => `  ${JSON.stringify(e.entry.id)}: () => import(${JSON.stringify(e.file)}).then((m) => m.default),`),
        `};`,
      ].join('\n');
    },
  };
}

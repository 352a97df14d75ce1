/**
 * Opening the page: read the link (?preset / ?s, &seed, &t), load what it names, and fall back to
 * the default preset with a clear message when the link is broken, so the page always works.
 */
import type { LabController } from './controller';
import { decodeScenario, LinkError, parseLinkParams } from './links';
import { DEFAULT_PRESET, presetById } from './presets';
import { labStore } from '../store/labStore';

function showProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const current = labStore.getState().banner;
  labStore.setState({ banner: { kind: 'error', text: [current?.text, ...problems].filter(Boolean).join(' · ') } });
}

export async function openFromLocation(c: LabController, search: string): Promise<void> {
  const params = parseLinkParams(search);
  const problems = params.problems.map((p) => p.message);
  const opts = { seed: params.seed, atMs: params.t };
  if (params.s !== undefined) {
    try {
      const scenario = await decodeScenario(params.s);
      await c.load(scenario, 'link', opts);
      showProblems(problems);
      return;
    } catch (err) {
      // A broken link: say what is wrong and open the default scenario instead.
      problems.unshift(err instanceof LinkError ? err.message : (err as Error).message);
    }
  } else if (params.preset !== undefined) {
    if (presetById(params.preset)) {
      try {
        await c.loadPreset(params.preset, { ...opts, updateUrl: false });
        showProblems(problems);
        return;
      } catch (err) {
        problems.unshift((err as Error).message);
      }
    } else {
      problems.unshift(`link: preset: unknown preset "${params.preset}"`);
    }
  }
  try {
    await c.loadPreset(DEFAULT_PRESET, { updateUrl: false, seed: problems.length ? undefined : params.seed });
  } finally {
    showProblems(problems);
  }
}

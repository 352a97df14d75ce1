/**
 * Opening the page: read the link (?preset / ?s, &seed, &t), load what it names; without a link,
 * reopen the last scenario (persist.ts); fall back to the default preset with a clear message when
 * the link or the stored scenario is broken, so the page always works.
 */
import type { LabController } from './controller';
import { decodeScenario, LinkError, parseLinkParams } from './links';
import { readSaved, setAsideSaved } from './persist';
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
  } else if (params.preset === undefined) {
    const saved = readSaved();
    if (saved) {
      try {
        if ('preset' in saved) await c.loadPreset(saved.preset, { seed: saved.seed, atMs: params.t, updateUrl: false });
        else await c.load(saved.scenario, saved.source, { seed: saved.seed, atMs: params.t });
        showProblems(problems);
        return;
      } catch (err) {
        // Keep what the user made (under another key) and say so; open the default instead.
        setAsideSaved();
        problems.unshift(`your last scenario could not be reopened (kept in this browser's storage as "faultline.last.unopenable"): ${(err as Error).message}`);
      }
    }
  } else {
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

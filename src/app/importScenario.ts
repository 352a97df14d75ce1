/**
 * Opening a scenario file (picked or dropped): a scenario, or a run exported from the lab (its
 * scenario and seed). Bad files leave the current run as it was, with a message naming the file,
 * the field and what was expected (the worker's validator words it, as in the CLI).
 */
import { ScenarioError } from '../sim/scenario/errors';
import { parseJsonText } from '../sim/scenario/jsonText';
import { labStore } from '../store/labStore';
import type { LabController } from './controller';
import { isRunExport } from './exportRun';

/** Larger files are refused before reading (scenarios are a few KB). */
export const MAX_SCENARIO_BYTES = 2_000_000;

/** Reads, checks and loads a scenario file; rejects (after showing the banner) when it is bad. */
export async function importScenarioFile(c: LabController, file: File): Promise<void> {
  const fail = (text: string): never => {
    labStore.setState({ banner: { kind: 'error', text } });
    throw new Error(text);
  };
  if (file.size > MAX_SCENARIO_BYTES) fail(`${file.name}: the file is ${(file.size / 1e6).toFixed(1)} MB; a scenario file is at most ${MAX_SCENARIO_BYTES / 1e6} MB`);
  let value: unknown;
  try {
    value = parseJsonText(await file.text(), file.name);
  } catch (err) {
    fail(err instanceof ScenarioError ? err.oneLine : `${file.name}: cannot read the file (${(err as Error).message})`);
  }
  if (isRunExport(value)) {
    const seed = typeof value.scenario.seed === 'number' ? value.scenario.seed : undefined;
    await c.load(value.scenario, file.name, { seed });
    return;
  }
  await c.load(value, file.name);
}

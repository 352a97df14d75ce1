/**
 * Taking a run away: the whole run as JSON (the scenario as it stands, with everything done to it,
 * and the report the CLI would print for it so far) and its series as CSV. An exported run can be
 * opened again: importScenario reads its `scenario`.
 */
import type { RunReport } from '../sim/report';
import { seriesCsv } from '../sim/seriesCsv';
import type { RunState } from '../store/labStore';

/** Marks a file as a Faultline run export. */
export const RUN_EXPORT_FORMAT = 'faultline-run';

export interface RunExport {
  format: typeof RUN_EXPORT_FORMAT;
  version: 1;
  /** The scenario with its live commands in its timeline and its seed: load it to replay the run. */
  scenario: Record<string, unknown>;
  /** Same shape as `npm run sim -- <file> --json` (complete: false if the run has not ended). */
  report: RunReport;
}

export function isRunExport(value: unknown): value is RunExport {
  return !!value && typeof value === 'object' && (value as { format?: unknown }).format === RUN_EXPORT_FORMAT && typeof (value as RunExport).scenario === 'object';
}

export function runExport(scenario: Record<string, unknown>, report: RunReport): RunExport {
  return { format: RUN_EXPORT_FORMAT, version: 1, scenario, report };
}

/** The run's series (every request, then each dependency when there are several) as CSV. */
export function runSeriesCsv(run: Pick<RunState, 'scenario' | 'series' | 'bucketMs'>): string {
  const deps = run.scenario?.dependencies ?? [];
  const scopes = [{ scope: 'all', points: run.series[0] ?? [] }, ...(deps.length > 1 ? deps.map((d, i) => ({ scope: d.id, points: run.series[i + 1] ?? [] })) : [])];
  return seriesCsv(scopes, run.bucketMs);
}

/** A file name for the run: `<scenario>-seed<N>-<t>s`, safe on every file system. */
export function fileStem(run: Pick<RunState, 'scenario' | 'source' | 'seed' | 'simMs'>): string {
  const id = (run.scenario?.id ?? run.source ?? 'run').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `${id}-seed${run.seed}-${Math.round(run.simMs / 1000)}s`;
}

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

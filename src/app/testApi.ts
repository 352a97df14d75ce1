/**
 * `window.faultline`: the typed, Promise-based API Playwright tests (and curious users, from the
 * console) drive the page with. Every call resolves after the page has applied its result: the
 * store holds it and React has painted it. Documented in docs/testing.md.
 */
import type { Totals } from '../sim/recorder/outcomeStats';
import type { LatencySummary, RunReport } from '../sim/report';
import type { TimelineEntry } from '../sim/scenario/timeline';
import { inHistory, shownMs, statesShown, totalsShown } from '../store/history';
import { labStore, type RunState } from '../store/labStore';
import type { LabController } from './controller';
import type { FaultEdit } from './faultEdits';
import { presetById, PRESETS } from './presets';

export interface FaultlineState {
  /** The simulated time shown (the viewed time when looking back, else the live time). */
  simulatedMs: number;
  /** How far the run has got. */
  liveMs: number;
  durationMs: number;
  playing: boolean;
  done: boolean;
  viewing: 'live' | 'history';
  /** Machine id → state at the shown time. */
  machines: Record<string, string>;
  scenario: string;
  seed: number;
}

export interface FaultlineMetrics {
  totals: Totals;
  rejectedBy: Record<string, number>;
  /** Live latency summary (null while viewing history: charts hold the per-second values). */
  latencyMs: LatencySummary | null;
}

/** A fault to inject now: the fields of a timeline fault entry without `type` and `atMs`. */
export type FaultSpec = Record<string, unknown> & { kind: string; target: string; durationMs: number };

export interface FaultlineApi {
  readonly version: 1;
  /** Resolves when the page has opened what its link names; every other call waits for it too. */
  ready(): Promise<FaultlineState>;
  /** Preset ids available to load(). */
  presets(): string[];
  load(presetIdOrScenario: string | Record<string, unknown>, options?: { seed?: number }): Promise<FaultlineState>;
  play(): Promise<FaultlineState>;
  pause(): Promise<FaultlineState>;
  advance(ms: number): Promise<FaultlineState>;
  seek(ms: number): Promise<FaultlineState>;
  state(): Promise<FaultlineState>;
  metrics(): Promise<FaultlineMetrics>;
  inject(fault: FaultSpec): Promise<TimelineEntry>;
  /** The same object `npm run sim -- --json` prints, for the run as it stands. */
  report(): Promise<RunReport>;
  /** The scenario as it stands, as a share link or an export carries it (live commands in its timeline). */
  scenario(): Promise<Record<string, unknown>>;
  /**
   * Edits a fault window of the scenario's timeline (move, resize, delete, add; see
   * src/app/faultEdits.ts), then re-runs to the current time; resolves with the new timeline.
   */
  editFaults(edit: FaultEdit): Promise<TimelineEntry[]>;
}

declare global {
  interface Window {
    faultline?: FaultlineApi;
  }
}

/** Resolves after React has committed and the browser has painted the current store. */
const painted = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

function activeRun(): RunState {
  const s = labStore.getState();
  const run = s.runs[s.activeRunId];
  if (!run || run.status !== 'ready') throw new Error('faultline: no scenario is loaded yet');
  return run;
}

/** The active run once it is loaded (waiting while a load is under way). */
async function readyRun(): Promise<RunState> {
  await opening;
  // A fault edit reloads the run and re-runs it: wait until the edited run has caught up.
  await editsSettled();
  const s = labStore.getState();
  const run = s.runs[s.activeRunId];
  if (run?.status === 'error') throw new Error(`faultline: the scenario failed to load: ${s.banner?.text ?? 'see the page'}`);
  await until((r) => r.status === 'ready' && r.rerun === null);
  return activeRun();
}

/** Settles when the page has opened what its link names (set by createTestApi's caller). */
let opening: Promise<unknown> = Promise.resolve();

/** Settles when every fault edit made so far (in the page or through the API) is applied. */
let editsSettled: () => Promise<void> = () => Promise.resolve();

function readState(): FaultlineState {
  const run = activeRun();
  return {
    simulatedMs: shownMs(run),
    liveMs: run.simMs,
    durationMs: run.durationMs,
    playing: run.playing,
    done: run.done,
    viewing: inHistory(run) ? 'history' : 'live',
    machines: statesShown(run),
    scenario: run.scenario?.id ?? run.source,
    seed: run.seed,
  };
}

/** Waits until the active run satisfies `test` (checked on every store change). */
function until(test: (run: RunState) => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = labStore.getState();
      const run = s.runs[s.activeRunId];
      return run !== undefined && test(run);
    };
    if (check()) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('faultline: timed out waiting for the page'));
    }, timeoutMs);
    const unsubscribe = labStore.subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

function checkMs(name: string, ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error(`faultline.${name}: expected a number of simulated ms ≥ 0, got ${JSON.stringify(ms)}`);
  return ms;
}

/**
 * Builds the API; `opened` settles when the page has loaded what its link names, and every call
 * waits for it first.
 */
export function createTestApi(c: LabController, opened: Promise<unknown>): FaultlineApi {
  opening = opened.catch(() => undefined);
  editsSettled = () => c.faultEditsSettled();
  return {
    version: 1,
    ready: async () => {
      await readyRun();
      await painted();
      return readState();
    },
    presets: () => PRESETS.map((p) => p.id),
    async load(what, options = {}) {
      if (typeof what === 'string') {
        if (!presetById(what)) throw new Error(`faultline.load: unknown preset "${what}"; presets: ${PRESETS.map((p) => p.id).join(', ')}`);
        await c.loadPreset(what, options);
      } else {
        await c.load(what, typeof what.id === 'string' ? what.id : 'test', options);
      }
      await until((r) => r.status === 'ready');
      await painted();
      return readState();
    },
    async play() {
      await readyRun();
      c.play();
      await until((r) => r.playing || r.done);
      await painted();
      return readState();
    },
    async pause() {
      await readyRun();
      await c.pause();
      await painted();
      return readState();
    },
    async advance(ms) {
      const run = await readyRun();
      checkMs('advance', ms);
      if (run.playing) await c.pause();
      const from = shownMs(activeRun());
      if (inHistory(activeRun())) await c.resumeFromView(false);
      await c.runTo(Math.min(from + ms, run.durationMs));
      await painted();
      return readState();
    },
    async seek(ms) {
      await readyRun();
      await c.seek(checkMs('seek', ms));
      await painted();
      return readState();
    },
    async state() {
      await readyRun();
      return readState();
    },
    async metrics() {
      const run = await readyRun();
      return { totals: totalsShown(run), rejectedBy: { ...run.rejectedBy }, latencyMs: inHistory(run) ? null : run.latency };
    },
    async inject(fault) {
      await readyRun();
      const entry = await c.command({ ...fault, type: 'fault', atMs: 0 });
      await painted();
      return entry;
    },
    async report() {
      await readyRun();
      return c.report();
    },
    async editFaults(edit) {
      await readyRun();
      const timeline = await c.editFaults(edit);
      await readyRun();
      await painted();
      return timeline;
    },
    async scenario() {
      await readyRun();
      const scenario = c.currentScenario();
      if (!scenario) throw new Error('faultline: no scenario is loaded yet');
      return scenario;
    },
  };
}

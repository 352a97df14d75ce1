/**
 * The lab's controller: the one place that turns user intent (load, play, seek, inject) into
 * worker requests and store updates. Panels and the test API both go through it.
 */
import type { RunReport } from '../sim/report';
import type { TimelineEntry } from '../sim/scenario/timeline';
import { applySnapshots, emptyRun, labStore, patchRun, type RunState } from '../store/labStore';
import { SimClient } from '../worker/client';
import type { FromWorker, KnobInfo, Snapshot, Speed } from '../worker/protocol';
import { runExport, runSeriesCsv, type RunExport } from './exportRun';
import { applyFaultEdit, type FaultEdit } from './faultEdits';
import { buildQuery, encodeScenario } from './links';
import { loadPresetScenario, presetById } from './presets';

/** What a run's source becomes once its scenario is edited in the page ("outage-with-breaker (edited)"). */
export const EDITED = ' (edited)';
export const editedSource = (source: string): string => (source.endsWith(EDITED) ? source : `${source}${EDITED}`);

/** Least time between two store updates from snapshots while a run plays. */
const SNAPSHOT_INTERVAL_MS = 50;

export interface LoadOptions {
  seed?: number;
  /** Open paused at this simulated time. */
  atMs?: number;
  /** Reflect the run in the address bar (presets only). */
  updateUrl?: boolean;
}

export class LabController {
  readonly client: SimClient;

  constructor(readonly runId = 'main') {
    this.client = new SimClient((m) => this.onMessage(m));
  }

  private get run(): RunState | undefined {
    return labStore.getState().runs[this.runId];
  }

  /** Snapshots waiting to be folded into the store (see onMessage). */
  private pending: Snapshot[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;

  /**
   * Folds waiting snapshots into the store at once: one store update and one React render,
   * however many snapshots arrived since the last one.
   */
  private flushSnapshots(): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = performance.now();
    applySnapshots(batch);
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'snapshot') {
      // The worker posts up to one snapshot a frame; the panels need far fewer than that while a
      // run goes at full speed. Fold them at most every SNAPSHOT_INTERVAL_MS (the topology
      // animates every frame on its own).
      this.pending.push(m.snapshot);
      const wait = SNAPSHOT_INTERVAL_MS - (performance.now() - this.lastFlush);
      if (wait <= 0 || !m.snapshot.playing) this.flushSnapshots();
      else if (this.flushTimer === null) this.flushTimer = setTimeout(() => this.flushSnapshots(), wait);
      return;
    }
    // Anything else (an ack, a report, a load) must see every snapshot sent before it.
    this.flushSnapshots();
    switch (m.type) {
      case 'loaded':
        patchRun(m.runId, { scenario: m.scenario, machines: m.machines, graphs: m.graphs, seed: m.seed, durationMs: m.scenario.durationMs, generation: m.generation - 1 });
        this.syncInspection();
        break;
      case 'progress':
        patchRun(m.runId, { rerun: { targetMs: m.targetMs, simMs: m.simMs } });
        break;
      case 'error':
        if (m.reqId === undefined) labStore.setState({ banner: { kind: 'error', text: m.message, issues: m.issues } });
        break;
      default:
        break;
    }
  }

  /**
   * Loads a scenario. A broken one leaves the current run as it was and shows what is wrong;
   * the promise rejects with the same message.
   */
  async load(input: unknown, source: string, options: LoadOptions = {}): Promise<void> {
    const previous = this.run;
    labStore.setState((s) => ({ runs: { ...s.runs, [this.runId]: { ...emptyRun(this.runId, source, input), speed: previous?.speed ?? 5 } } }));
    try {
      await this.client.request({ type: 'load', runId: this.runId, scenario: input, source, seed: options.seed });
    } catch (err) {
      labStore.setState((s) => ({
        banner: { kind: 'error', text: (err as Error).message },
        runs: previous ? { ...s.runs, [this.runId]: previous } : { ...s.runs, [this.runId]: { ...s.runs[this.runId], status: 'error' } },
      }));
      throw err;
    }
    labStore.setState({ banner: null });
    if (options.atMs !== undefined && options.atMs > 0) await this.runTo(options.atMs);
    if (options.updateUrl && typeof history !== 'undefined' && presetById(source)) {
      const seed = this.run?.seed;
      const preset = presetById(source)!;
      const query = buildQuery({ preset: source, seed: seed !== preset.seed ? seed : undefined });
      history.replaceState(null, '', query);
    }
  }

  /** Loads a preset by id (its JSON is fetched on first use). */
  async loadPreset(id: string, options: LoadOptions = {}): Promise<void> {
    let scenario: Record<string, unknown>;
    try {
      if (!presetById(id)) throw new Error(`unknown preset "${id}"`);
      scenario = await loadPresetScenario(id);
    } catch (err) {
      const message = (err as Error).message.startsWith('unknown preset') ? (err as Error).message : `preset "${id}" could not be fetched: ${(err as Error).message}`;
      labStore.setState({ banner: { kind: 'error', text: message } });
      throw new Error(message);
    }
    return this.load(scenario, id, { updateUrl: true, ...options });
  }

  play(): void {
    const run = this.run;
    if (!run || run.status !== 'ready' || run.done) return;
    if (run.viewMs !== null && run.viewMs < run.simMs) {
      void this.resumeFromView();
      return;
    }
    patchRun(this.runId, { viewMs: null });
    this.client.send({ type: 'play', runId: this.runId });
  }

  async pause(): Promise<void> {
    await this.client.request({ type: 'pause', runId: this.runId });
  }

  togglePlay(): void {
    if (this.run?.playing) void this.pause();
    else this.play();
  }

  async step(to: 'event' | 'transition'): Promise<void> {
    const run = this.run;
    if (!run || run.status !== 'ready' || run.done) return;
    if (run.viewMs !== null && run.viewMs < run.simMs) await this.resumeFromView(false);
    await this.client.request({ type: 'step', runId: this.runId, to });
  }

  setSpeed(speed: Speed): void {
    patchRun(this.runId, { speed });
    this.client.send({ type: 'speed', runId: this.runId, speed });
  }

  /** Runs at full speed to `atMs` and pauses there. */
  async runTo(atMs: number): Promise<void> {
    patchRun(this.runId, { viewMs: null });
    await this.client.request({ type: 'runTo', runId: this.runId, atMs });
  }

  /** Shows the run as it was at `ms` (from the recorded history), or runs forward to it. */
  async seek(ms: number): Promise<void> {
    const run = this.run;
    if (!run || run.status !== 'ready') return;
    const t = Math.max(0, Math.min(ms, run.durationMs));
    if (t >= run.simMs) {
      if (t > run.simMs) await this.runTo(t);
      else patchRun(this.runId, { viewMs: null });
      return;
    }
    if (run.playing) await this.pause();
    patchRun(this.runId, { viewMs: t });
  }

  /** Follows the live run again. */
  goLive(): void {
    patchRun(this.runId, { viewMs: null });
  }

  /** Re-runs deterministically from the start to the viewed time, then (optionally) plays on. */
  async resumeFromView(thenPlay = true): Promise<void> {
    const run = this.run;
    if (!run || run.viewMs === null) return;
    const at = run.viewMs;
    try {
      await this.client.request({ type: 'rerunTo', runId: this.runId, atMs: at });
    } finally {
      patchRun(this.runId, { viewMs: null, rerun: null });
    }
    if (thenPlay) this.client.send({ type: 'play', runId: this.runId });
  }

  /** Applies a live command at the current simulated time; it joins the scenario's timeline. */
  async command(entry: unknown): Promise<TimelineEntry> {
    const run = this.run;
    if (!run || run.status !== 'ready') throw new Error('no scenario is loaded');
    if (run.viewMs !== null && run.viewMs < run.simMs) await this.resumeFromView(false);
    const stamped = await this.client.command(this.runId, entry);
    patchRun(this.runId, (r) => ({ liveEntries: [...r.liveEntries, stamped] }));
    return stamped;
  }

  /** Reloads the same scenario (with its live commands dropped) at the same seed. */
  async reset(): Promise<void> {
    const run = this.run;
    if (!run) return;
    await this.load(run.scenarioInput, run.source, { seed: run.seed });
  }

  /** Reloads the same scenario with another seed. */
  async setSeed(seed: number): Promise<void> {
    const run = this.run;
    if (!run) return;
    await this.load(run.scenarioInput, run.source, { seed, updateUrl: true });
  }

  /** Light or dark; remembered for the next visit. */
  setTheme(theme: 'light' | 'dark'): void {
    labStore.setState({ theme });
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem('faultline.theme', theme);
    } catch {
      // Storage may be unavailable (private mode); the theme still applies now.
    }
  }

  /**
   * Moves policy `index` of a dependency's pipeline up (-1) or down (+1). The pipeline is the
   * structure of the run, so the run restarts from 0 with the new order (live commands kept).
   */
  async movePolicy(dependency: string, index: number, delta: -1 | 1): Promise<void> {
    const run = this.run;
    const scenario = this.currentScenario();
    if (!run || !scenario) return;
    const deps = (scenario.dependencies as Array<Record<string, unknown>>).map((d) => ({ ...d }));
    const dep = deps.find((d) => d.id === dependency);
    const pipeline = [...((dep?.pipeline as unknown[]) ?? [])];
    const to = index + delta;
    if (!dep || to < 0 || to >= pipeline.length) return;
    [pipeline[index], pipeline[to]] = [pipeline[to], pipeline[index]];
    dep.pipeline = pipeline;
    await this.load({ ...scenario, dependencies: deps }, editedSource(run.source), { seed: run.seed });
  }

  /**
   * Fault edits being applied: the scenario input they edit (loading another one ends them), the
   * timeline they build up, the last timeline applied, and the chain of reloads.
   */
  private faultEditing: { basis: unknown; timeline: TimelineEntry[]; applied: TimelineEntry[] | null; chain: Promise<void> } | null = null;

  /**
   * Edits a fault window of the scenario's timeline (the file's own entries and live ones alike;
   * faultEdits.ts). The edit changes the scenario itself, so the run reloads the edited scenario
   * at the same seed and re-runs to the current simulated time (with progress), keeping the viewed
   * time; re-runs and share links reproduce it. Edits made while one is being applied build on it
   * (the last one wins). Resolves with the new timeline once the run has caught up.
   */
  async editFaults(edit: FaultEdit): Promise<TimelineEntry[]> {
    const run = this.run;
    const scenario = this.currentScenario();
    if (!run || !scenario || run.status !== 'ready') throw new Error('no scenario is loaded');
    const ongoing = this.faultEditing?.basis === run.scenarioInput ? this.faultEditing : null;
    const base = ongoing?.timeline ?? ((scenario.timeline as TimelineEntry[] | undefined) ?? []);
    const timeline = applyFaultEdit(base, edit, { durationMs: run.durationMs });
    const state = ongoing ?? { basis: run.scenarioInput, timeline, applied: null, chain: Promise.resolve() };
    state.timeline = timeline;
    this.faultEditing = state;
    const mine = state.chain.catch(() => undefined).then(() => this.reloadWithTimeline(state));
    state.chain = mine;
    try {
      await mine;
    } finally {
      if (this.faultEditing === state && state.chain === mine) this.faultEditing = null;
    }
    return timeline;
  }

  /** Resolves when every fault edit made so far has been applied (or refused, or overtaken by another load). */
  async faultEditsSettled(): Promise<void> {
    while (this.faultEditing) await this.faultEditing.chain.catch(() => undefined);
  }

  /** Reloads the scenario with the edited timeline and re-runs to where the run was (see editFaults). */
  private async reloadWithTimeline(state: { basis: unknown; timeline: TimelineEntry[]; applied: TimelineEntry[] | null }): Promise<void> {
    const timeline = state.timeline;
    // Nothing new since the last reload, or another scenario was loaded meanwhile.
    if (state.applied === timeline || this.run?.scenarioInput !== state.basis) return;
    const wasPlaying = this.run?.playing ?? false;
    if (wasPlaying) await this.pause();
    const run = this.run;
    const scenario = this.currentScenario();
    if (!run || !scenario || run.scenarioInput !== state.basis) return;
    const atMs = run.simMs;
    const viewMs = run.viewMs !== null && run.viewMs < run.simMs ? run.viewMs : null;
    const source = editedSource(run.source);
    const input = { ...scenario, timeline };
    const before = { scenarioInput: run.scenarioInput, source: run.source, liveEntries: run.liveEntries };
    // The old run stays on screen until the edited one is loaded; the time shown stays put.
    patchRun(this.runId, { scenarioInput: input, source, liveEntries: [], viewMs: viewMs ?? atMs, rerun: { targetMs: atMs, simMs: 0 } });
    state.basis = input;
    try {
      await this.client.request({ type: 'load', runId: this.runId, scenario: input, source, seed: run.seed });
    } catch (err) {
      // The worker kept the previous run: so does the page.
      patchRun(this.runId, { ...before, viewMs: run.viewMs, rerun: null });
      state.basis = before.scenarioInput;
      if (state.timeline === timeline) state.timeline = state.applied = (scenario.timeline as TimelineEntry[] | undefined) ?? [];
      labStore.setState({ banner: { kind: 'error', text: `The edit was not applied: ${(err as Error).message}` } });
      throw err;
    }
    state.applied = timeline;
    if (atMs > 0) {
      const rerun = this.client.request({ type: 'rerunTo', runId: this.runId, atMs });
      // Play pressed during the re-run takes over from it (the worker drops the re-run's goal), and
      // another load replaces the run: either way this re-run's answer never comes.
      const overtaken = new Promise<void>((resolve) => {
        const off = labStore.subscribe((s) => {
          const r = s.runs[this.runId];
          if (!r || r.playing || r.scenarioInput !== input) {
            off();
            resolve();
          }
        });
        void rerun.then(off, off);
      });
      await Promise.race([rerun, overtaken]);
      const now = this.run;
      if (!now || now.scenarioInput !== input) return;
      if (now.playing) {
        patchRun(this.runId, { viewMs: null, rerun: null });
        return;
      }
    }
    patchRun(this.runId, { viewMs, rerun: null });
    if (wasPlaying && viewMs === null) this.play();
  }

  /** Selects a topology node or a machine; the statechart follows the machine it stands for. */
  select(id: string | null): void {
    labStore.setState({ selected: id });
    this.syncInspection();
  }

  /** The machine a selection stands for (a dependency's first machine, a backend's health). */
  machineFor(selected: string | null): string | null {
    const run = this.run;
    if (!run || !selected) return null;
    if (selected.startsWith('saga:')) return selected;
    if (run.machines.some((m) => m.id === selected)) return selected;
    if (selected.startsWith('dep:')) {
      const dep = selected.slice(4);
      return run.machines.find((m) => m.dependency === dep && m.kind !== 'backendHealth')?.id ?? null;
    }
    if (selected.startsWith('backend:')) {
      const id = `${selected.slice(8)}.health`;
      return run.machines.some((m) => m.id === id) ? id : null;
    }
    return null;
  }

  /**
   * The machine shown while nothing is selected: the scenario's first policy machine; with only
   * health machines, that of the instance its first fault hits (the one the preset is about); else
   * the first machine, or the first saga's coordinators.
   */
  defaultMachine(): string | null {
    const run = this.run;
    if (!run) return null;
    const policy = run.machines.find((m) => m.kind !== 'backendHealth');
    if (policy) return policy.id;
    for (const e of run.scenario?.timeline ?? []) {
      if (e.type !== 'fault' || !e.target.includes('/')) continue;
      const id = `${e.target}.health`;
      if (run.machines.some((m) => m.id === id)) return id;
    }
    return run.machines[0]?.id ?? (run.scenario?.sagas[0] ? `saga:${run.scenario.sagas[0].id}` : null);
  }

  /** Tells the worker which machine to report on: the selection's, else the default one. */
  private syncInspection(): void {
    const run = this.run;
    if (!run) return;
    const machine = this.machineFor(labStore.getState().selected) ?? this.defaultMachine();
    this.client.send({ type: 'inspect', runId: this.runId, machine });
  }

  /** The knobs a command can change on a target ('workload', a dependency, '<dep>/<i>', '<dep>.<policy>'). */
  async knobs(target: string): Promise<KnobInfo[]> {
    const m = await this.client.request({ type: 'knobs', runId: this.runId, target, reqId: 0 });
    return m.type === 'knobs' ? m.knobs : [];
  }

  report(): Promise<RunReport> {
    return this.client.report(this.runId);
  }

  /** The run as a JSON export: the scenario as it stands and its report so far (exportRun.ts). */
  async exportRun(): Promise<RunExport> {
    const scenario = this.currentScenario();
    if (!scenario) throw new Error('no scenario is loaded');
    return runExport(scenario, await this.report());
  }

  /** The run's series as CSV (exportRun.ts), as far as it has run. */
  seriesCsv(): string {
    const run = this.run;
    if (!run) throw new Error('no scenario is loaded');
    return runSeriesCsv(run);
  }

  /** The scenario as it stands (live commands appended to its timeline), for sharing and export. */
  currentScenario(): Record<string, unknown> | null {
    const run = this.run;
    if (!run || !run.scenarioInput || typeof run.scenarioInput !== 'object') return null;
    const input = run.scenarioInput as Record<string, unknown>;
    const timeline = [...((input.timeline as unknown[]) ?? []), ...run.liveEntries];
    return { ...input, seed: run.seed, timeline };
  }

  /** A link that replays this run: the preset when nothing was changed, else the whole scenario. */
  async shareUrl(atMs?: number): Promise<string> {
    const run = this.run;
    if (!run) return location.href;
    const base = `${location.origin}${location.pathname}`;
    const t = atMs ?? (run.viewMs ?? run.simMs);
    const preset = presetById(run.source);
    if (preset && run.liveEntries.length === 0) {
      return base + buildQuery({ preset: preset.id, seed: run.seed, t: t > 0 ? t : undefined });
    }
    const s = await encodeScenario(this.currentScenario());
    return base + buildQuery({ s, t: t > 0 ? t : undefined });
  }
}

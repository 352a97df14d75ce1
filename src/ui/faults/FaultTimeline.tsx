/**
 * The fault timeline: the scenario's fault windows as bars on the run's time axis, one lane per
 * target. Drag a bar to move it, drag an edge to resize it, drag on an empty stretch of a lane to
 * draw a new window (with the injector's kind and strength); arrow keys and Delete do the same
 * from the keyboard. While a drag lasts every chart shows the draft; the edit is applied on drop
 * (the controller reloads the edited scenario and re-runs to the current time).
 */
import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from 'zustand';
import { applyFaultEdit, faultWindows, type FaultEdit } from '../../app/faultEdits';
import type { Fault, TimelineEntry } from '../../sim/scenario/timeline';
import { crosshairStore } from '../../store/crosshair';
import { shownMs } from '../../store/history';
import { useRun } from '../../store/hooks';
import { labStore } from '../../store/labStore';
import { timelineOf } from '../charts/faultBands';
import { useController } from '../controllerContext';
import { fmtSimTime } from '../format';
import { faultTargetOptions, parseFaultForm, strengthText, type TargetOption } from './faultForm';
import { commitFaultEdit, faultUi, selectFault, useFaultUi } from './faultUiStore';
import './faults.css';

const KEYS_HINT = '← → move · Shift+← → resize the end · Alt+← → the start · Delete removes';

/** The smallest of these at least `ms` long: steps for snapping and for the keyboard. */
function niceStep(ms: number): number {
  const steps = [100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
  return steps.find((s) => s >= ms) ?? 3_600_000;
}

const snapTo = (ms: number, step: number): number => Math.round(ms / step) * step;

interface Drag {
  mode: 'move' | 'start' | 'end' | 'create';
  index: number;
  pointerId: number;
  startX: number;
  /** The lane's box (its width is the run's duration). */
  left: number;
  width: number;
  base: TimelineEntry[];
  origin: Fault | null;
  /** create: the lane's target and the fault to draw */
  target?: string;
  anchorMs?: number;
  moved: boolean;
  edit: FaultEdit | null;
  result: TimelineEntry[] | null;
}

/**
 * Lanes, in topology order: targets with a window, and the target picked in the injector (a lane
 * to draw on); with neither, the first dependency's.
 */
function laneTargets(options: readonly TargetOption[], windows: ReadonlyArray<{ fault: Fault }>, picked: string): string[] {
  const used = new Set(windows.map((w) => w.fault.target));
  if (used.size === 0 && !picked && options[0]) used.add(options[0].value);
  const lanes = options.map((o) => o.value).filter((t) => used.has(t) || t === picked);
  for (const t of used) if (!lanes.includes(t)) lanes.push(t);
  return lanes;
}

export function FaultTimeline() {
  const c = useController();
  const scenario = useRun((r) => r.scenario) ?? null;
  const live = useRun((r) => r.liveEntries);
  const durationMs = useRun((r) => r.durationMs) ?? 0;
  const ready = useRun((r) => r.status === 'ready') ?? false;
  const dense = useRun((r) => r.machines.length > 2 && (r.scenario?.sagas.length ?? 0) === 0) ?? false;
  const draft = useFaultUi((s) => s.draft);
  const selected = useFaultUi((s) => s.selected);
  const pending = useFaultUi((s) => s.pending);
  const problem = useFaultUi((s) => s.problem);
  const form = useFaultUi((s) => s.form);

  const timeline = useMemo(() => draft ?? timelineOf(scenario, live ?? []), [draft, scenario, live]);
  const windows = useMemo(() => faultWindows(timeline), [timeline]);
  const options = useMemo(() => faultTargetOptions(scenario), [scenario]);
  const formTarget = options.some((o) => o.value === form.target) ? form.target : (options[0]?.value ?? '');
  const picked = options.some((o) => o.value === form.target) ? form.target : '';
  const lanes = useMemo(() => laneTargets(options, windows, picked), [options, windows, picked]);
  const liveFrom = scenario?.timeline.length ?? 0;
  const step = niceStep(durationMs / 120);
  const snap = niceStep(durationMs / 480);
  const limits = useMemo(() => ({ durationMs: Math.max(1, durationMs) }), [durationMs]);
  const selectedWindow = windows.find((w) => w.index === selected) ?? null;

  // A selection that no longer names a window (another scenario, a deleted one) is dropped.
  useEffect(() => {
    if (selected !== null && !windows.some((w) => w.index === selected) && faultUi.getState().pending === 0) selectFault(null);
  }, [selected, windows]);

  const drag = useRef<Drag | null>(null);
  const frame = useRef<number | null>(null);
  const section = useRef<HTMLElement | null>(null);

  const pct = (ms: number) => (durationMs > 0 ? (Math.min(Math.max(ms, 0), durationMs) / durationMs) * 100 : 0);
  const msAt = (d: Drag, clientX: number) => ((clientX - d.left) / d.width) * durationMs;

  /** Shows a draft on the next frame (charts redraw at most once a frame while dragging). */
  const showDraft = (next: TimelineEntry[]) => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      faultUi.setState({ draft: next });
    });
  };

  const commit = (edit: FaultEdit, base: TimelineEntry[]) => {
    let next: TimelineEntry[];
    try {
      next = applyFaultEdit(base, edit, limits);
    } catch (err) {
      faultUi.setState({ problem: (err as Error).message });
      return;
    }
    void commitFaultEdit(c, edit, next);
  };

  const formFault = (target: string, withDuration: boolean) => {
    const r = parseFaultForm({ ...form, target }, { targets: options.map((o) => o.value), maxDurationMs: durationMs }, !withDuration);
    if (!r.ok) {
      faultUi.setState({ problem: `Fix the injector first: ${Object.values(r.errors)[0]}` });
      return null;
    }
    return r.fault;
  };

  const begin = (e: ReactPointerEvent<HTMLElement>, mode: Drag['mode'], index: number, target?: string) => {
    if (e.button !== 0 || !ready || durationMs <= 0) return;
    e.stopPropagation();
    const track = (e.currentTarget.closest('.ft-track') as HTMLElement | null) ?? e.currentTarget;
    const box = track.getBoundingClientRect();
    const base = faultUi.getState().draft ?? timeline;
    const origin = mode === 'create' ? null : ((base[index] as Fault | undefined) ?? null);
    if (mode !== 'create' && origin?.type !== 'fault') return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { mode, index, pointerId: e.pointerId, startX: e.clientX, left: box.left, width: Math.max(1, box.width), base, origin, target, moved: false, edit: null, result: null };
    if (mode === 'create') drag.current.anchorMs = snapTo(msAt(drag.current, e.clientX), snap);
  };

  const onMove = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointerId) return;
    const dx = e.clientX - d.startX;
    if (!d.moved && Math.abs(dx) < 3) return;
    if (!d.moved) {
      d.moved = true;
      faultUi.setState({ dragging: true, problem: null });
    }
    const shift = (dx / d.width) * durationMs;
    let edit: FaultEdit | null = null;
    const o = d.origin;
    if (d.mode === 'move' && o) edit = { type: 'move', index: d.index, atMs: snapTo(o.atMs + shift, snap) };
    else if (d.mode === 'start' && o) edit = { type: 'resize', index: d.index, edge: 'start', atMs: snapTo(o.atMs + shift, snap) };
    else if (d.mode === 'end' && o) edit = { type: 'resize', index: d.index, edge: 'end', atMs: snapTo(o.atMs + o.durationMs + shift, snap) };
    else if (d.mode === 'create' && d.target !== undefined && d.anchorMs !== undefined) {
      const fault = formFault(d.target, false);
      if (!fault) {
        drag.current = null;
        faultUi.setState({ dragging: false });
        return;
      }
      const at = snapTo(msAt(d, e.clientX), snap);
      edit = { type: 'add', fault: { ...fault, atMs: Math.min(at, d.anchorMs), durationMs: Math.abs(at - d.anchorMs) } };
    }
    if (!edit) return;
    d.edit = edit;
    d.result = applyFaultEdit(d.base, edit, limits);
    showDraft(d.result);
  };

  const onUp = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointerId) return;
    drag.current = null;
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    faultUi.setState({ dragging: false });
    if (!d.moved || !d.edit || !d.result) {
      // A click: select the window (or clear the selection on an empty lane).
      selectFault(d.mode === 'create' ? null : d.index);
      if (d.mode !== 'create') (e.currentTarget.closest('.ft-bar') as HTMLElement | null)?.focus();
      if (faultUi.getState().pending === 0) faultUi.setState({ draft: null });
      return;
    }
    if (d.edit.type === 'add') selectFault(faultWindows(d.result).at(-1)?.index ?? null);
    else selectFault(d.index);
    void commitFaultEdit(c, d.edit, d.result);
  };

  const onCancel = () => {
    drag.current = null;
    faultUi.setState((s) => ({ dragging: false, draft: s.pending === 0 ? null : s.draft }));
  };

  const onKey = (e: KeyboardEvent<HTMLElement>, w: { index: number; fault: Fault }) => {
    const f = w.fault;
    const by = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
    let edit: FaultEdit | null = null;
    if (by !== 0 && e.shiftKey) edit = { type: 'resize', index: w.index, edge: 'end', atMs: f.atMs + f.durationMs + by };
    else if (by !== 0 && e.altKey) edit = { type: 'resize', index: w.index, edge: 'start', atMs: f.atMs + by };
    else if (by !== 0) edit = { type: 'move', index: w.index, atMs: f.atMs + by };
    else if (e.key === 'Home') edit = { type: 'move', index: w.index, atMs: 0 };
    else if (e.key === 'End') edit = { type: 'move', index: w.index, atMs: durationMs };
    else if (e.key === 'Delete' || e.key === 'Backspace') edit = { type: 'delete', index: w.index };
    else if (e.key === 'Escape') {
      e.stopPropagation();
      selectFault(null);
      section.current?.focus();
      return;
    }
    if (!edit) return;
    // Keys are the timeline's here, not the run's (→ would step the simulation).
    e.preventDefault();
    e.stopPropagation();
    if (edit.type === 'delete') {
      selectFault(null);
      section.current?.focus();
    }
    commit(edit, faultUi.getState().draft ?? timeline);
  };

  const addAtCursor = () => {
    const lab = labStore.getState();
    const run = lab.runs[lab.activeRunId];
    const fault = formFault(formTarget, true);
    if (!fault || !run) return;
    const base = faultUi.getState().draft ?? timeline;
    commit({ type: 'add', fault: { ...fault, atMs: shownMs(run) } }, base);
    selectFault(base.length);
  };

  const deleteSelected = () => {
    if (!selectedWindow) return;
    selectFault(null);
    commit({ type: 'delete', index: selectedWindow.index }, faultUi.getState().draft ?? timeline);
  };

  const dragging = useFaultUi((s) => s.dragging);
  const status = problem ? (
    <span className="ft-problem" role="alert">
      {problem}
    </span>
  ) : pending > 0 ? (
    <span className="ft-pending">applying the edit: re-running…</span>
  ) : selectedWindow ? (
    <span className="ft-selected">
      <b>{describe(selectedWindow.fault)}</b> {fmtSimTime(selectedWindow.fault.atMs)}–{fmtSimTime(selectedWindow.fault.atMs + selectedWindow.fault.durationMs)}
    </span>
  ) : (
    <span className="muted ft-hint">{windows.length ? `drag bars to move or resize, drag on a lane to draw · ${KEYS_HINT}` : 'no fault windows yet: drag on the lane to draw one, or inject one now'}</span>
  );

  return (
    <section
      ref={section}
      className={`panel fault-timeline${dense ? ' dense' : ''}${dragging ? ' dragging' : ''}`}
      aria-label="Fault timeline"
      data-testid="fault-timeline"
      aria-busy={pending > 0 ? true : undefined}
      tabIndex={-1}
    >
      <div className="ft-head">
        <h2>Fault timeline</h2>
        <div className="ft-status small">{status}</div>
        {selectedWindow && (
          <button type="button" className="ft-button" onClick={deleteSelected} disabled={!ready} aria-label={`Delete ${describe(selectedWindow.fault)}`}>
            Delete
          </button>
        )}
        <AddButton onAdd={addAtCursor} disabled={!ready || options.length === 0} />
      </div>
      <div className="ft-lanes">
        {lanes.map((target) => (
          <div key={target} className="ft-row">
            {dense && <span className="ft-label mono">{target}</span>}
            <div
              className="ft-track"
              role="group"
              aria-label={`Fault windows on ${target}`}
              data-testid={`fault-lane-${target}`}
              onPointerDown={(e) => begin(e, 'create', -1, target)}
              onPointerMove={onMove}
              onPointerUp={onUp}
              onPointerCancel={onCancel}
            >
              {!dense && <span className={`ft-lane-name mono ${nameSide(windows, target, durationMs)}`}>{target}</span>}
              <Ticks durationMs={durationMs} />
              {windows
                .filter((w) => w.fault.target === target)
                .map((w) => {
                  const from = w.fault.atMs;
                  const to = Math.min(w.fault.atMs + w.fault.durationMs, durationMs);
                  const isLive = draft === null && w.index >= liveFrom;
                  const what = describe(w.fault);
                  const dragged = dragging && drag.current?.index === w.index && drag.current.mode !== 'create';
                  return (
                    <div
                      key={w.index}
                      className={`ft-bar kind-${w.fault.kind}${w.index === selected ? ' selected' : ''}${isLive ? ' live' : ''}`}
                      style={{ left: `${pct(from)}%`, width: `${pct(to) - pct(from)}%` }}
                      role="slider"
                      tabIndex={0}
                      aria-label={what}
                      aria-valuemin={0}
                      aria-valuemax={Math.round(durationMs / 100) / 10}
                      aria-valuenow={Math.round(from / 100) / 10}
                      aria-valuetext={`${fmtSimTime(from)} to ${fmtSimTime(to)}`}
                      aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Alt+ArrowLeft Alt+ArrowRight Home End Delete"
                      data-testid={`fault-window-${w.index}`}
                      data-from-ms={from}
                      data-to-ms={to}
                      title={`${what}: ${fmtSimTime(from)} – ${fmtSimTime(to)}${isLive ? ' (injected during the run)' : ''}\nDrag to move, drag an edge to resize. ${KEYS_HINT}`}
                      onPointerDown={(e) => begin(e, 'move', w.index)}
                      onKeyDown={(e) => onKey(e, w)}
                      onFocus={() => selectFault(w.index)}
                    >
                      <span className="ft-handle start" onPointerDown={(e) => begin(e, 'start', w.index)} />
                      <span className="ft-bar-text">{dragged ? `${fmtSimTime(from)}–${fmtSimTime(to)}` : barText(w.fault)}</span>
                      <span className="ft-handle end" onPointerDown={(e) => begin(e, 'end', w.index)} />
                    </div>
                  );
                })}
              <Cursor durationMs={durationMs} />
              <CrosshairMark durationMs={durationMs} />
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

/**
 * Where a lane's name goes (the lane spans the run, to line up with the state timeline): at the
 * left, or at the right when a window starts near the left, or on a backing when both ends are taken.
 */
function nameSide(windows: ReadonlyArray<{ fault: Fault }>, target: string, durationMs: number): string {
  const edge = durationMs * 0.12;
  const mine = windows.filter((w) => w.fault.target === target);
  if (!mine.some((w) => w.fault.atMs < edge)) return 'left';
  if (!mine.some((w) => w.fault.atMs + w.fault.durationMs > durationMs - edge)) return 'right';
  return 'left over';
}

const describe = (f: Fault): string => `${f.kind}${strengthText(f) ? ` ${strengthText(f)}` : ''} on ${f.target}`;

const barText = (f: Fault): string => `${f.kind}${strengthText(f) ? ` ${strengthText(f)}` : ''}`;

/** "+ Add at 40.0 s": a window from the injector's values, starting at the shown time. */
function AddButton({ onAdd, disabled }: { onAdd: () => void; disabled: boolean }) {
  const shown = useRun(shownMs) ?? 0;
  return (
    <button type="button" className="ft-button" onClick={onAdd} disabled={disabled} title="Adds a window with the injector's kind, strength and duration, starting at the time shown" aria-label="Add a fault window at the time shown">
      + Add at {fmtSimTime(shown)}
    </button>
  );
}

/** The shown time as a line across a lane (its own component: it moves with every snapshot). */
function Cursor({ durationMs }: { durationMs: number }) {
  const shown = useRun(shownMs) ?? 0;
  if (durationMs <= 0) return null;
  return <span className="ft-cursor" style={{ left: `${(Math.min(shown, durationMs) / durationMs) * 100}%` }} aria-hidden />;
}

/** The shared crosshair (from a chart or the state timeline) as a dashed line across a lane. */
function CrosshairMark({ durationMs }: { durationMs: number }) {
  const t = useStore(crosshairStore, (st) => st.tMs);
  if (t === null || durationMs <= 0 || t < 0 || t > durationMs) return null;
  return <span className="ft-crosshair" data-testid="fault-crosshair" style={{ left: `${(t / durationMs) * 100}%` }} aria-hidden />;
}

/** Faint grid lines at round times, so a window can be placed by eye. */
function Ticks({ durationMs }: { durationMs: number }) {
  if (durationMs <= 0) return null;
  const every = niceStep(durationMs / 8);
  const out = [];
  for (let t = every; t < durationMs; t += every) out.push(<span key={t} className="ft-tick" style={{ left: `${(t / durationMs) * 100}%` }} aria-hidden />);
  return <>{out}</>;
}

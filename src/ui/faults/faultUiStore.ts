/**
 * UI state of the fault tools, shared by the injector (side panel), the fault timeline and the
 * scenario panel: the form's values, the selected window, and the draft timeline shown while an
 * edit is dragged or being applied (optimistic: every chart follows it before the re-run ends).
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { FaultEdit } from '../../app/faultEdits';
import type { TimelineEntry } from '../../sim/scenario/timeline';
import { DEFAULT_FAULT_FORM, type FaultFormValues } from './faultForm';

export interface FaultUiState {
  form: FaultFormValues;
  /** Timeline index of the selected fault window. */
  selected: number | null;
  /** The timeline as an edit in progress leaves it (null: show the run's own). */
  draft: TimelineEntry[] | null;
  /** Edits sent to the controller and not yet applied. */
  pending: number;
  /** Whether a window is being dragged. */
  dragging: boolean;
  /** The last edit's problem, if it failed. */
  problem: string | null;
}

export const faultUi = createStore<FaultUiState>(() => ({
  form: DEFAULT_FAULT_FORM,
  selected: null,
  draft: null,
  pending: 0,
  dragging: false,
  problem: null,
}));

export function useFaultUi<T>(selector: (s: FaultUiState) => T): T {
  return useStore(faultUi, selector);
}

/** The draft timeline, for the charts' fault bands. */
export const useFaultDraft = (): TimelineEntry[] | null => useStore(faultUi, (s) => s.draft);

export function setFaultForm(patch: Partial<FaultFormValues>): void {
  faultUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

export function selectFault(index: number | null): void {
  faultUi.setState({ selected: index });
}

/** What applies an edit (the lab controller). */
export interface FaultEditor {
  editFaults(edit: FaultEdit): Promise<unknown>;
}

/**
 * Shows `draft` at once and hands `edit` to the controller, which reloads the edited scenario and
 * re-runs to the current time; the draft gives way to the run's own timeline when every edit sent
 * has been applied. Resolves false (with the problem stored) when the edit was refused.
 */
export async function commitFaultEdit(c: FaultEditor, edit: FaultEdit, draft: TimelineEntry[]): Promise<boolean> {
  faultUi.setState((s) => ({ draft, pending: s.pending + 1, problem: null }));
  try {
    await c.editFaults(edit);
    return true;
  } catch (err) {
    faultUi.setState({ problem: `The edit was not applied: ${(err as Error).message}` });
    return false;
  } finally {
    faultUi.setState((s) => {
      const pending = s.pending - 1;
      return { pending, draft: pending === 0 && !s.dragging ? null : s.draft };
    });
  }
}

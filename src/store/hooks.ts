/** React bindings: narrow selectors over the lab store, and a throttle for chart data. */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { labStore, type LabState, type RunState } from './labStore';

/** Selects from the whole lab state. */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(labStore, selector);
}

/** Selects from the active run (undefined before the first load). */
export function useRun<T>(selector: (run: RunState) => T): T | undefined {
  return useStore(labStore, (s) => {
    const run = s.runs[s.activeRunId];
    return run ? selector(run) : undefined;
  });
}

/**
 * Selects an object or array derived from the active run, compared shallowly: a selector that
 * builds a fresh object each time would otherwise re-render forever.
 */
export function useRunShallow<T extends object>(selector: (run: RunState) => T): T | undefined {
  return useStore(
    labStore,
    useShallow((s: LabState) => {
      const run = s.runs[s.activeRunId];
      return run ? selector(run) : undefined;
    }),
  );
}

/**
 * Returns `value`, updated at most every `ms` (the latest value always lands): charts redraw a
 * few times per second instead of on every snapshot. `delayMs` postpones each update, so two
 * throttled consumers can take turns instead of redrawing in the same frame.
 */
export function useThrottled<T>(value: T, ms: number, delayMs = 0): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const last = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    // A pending update publishes whatever is latest when it fires: never starve, never pile up.
    if (timer.current !== null) return;
    const now = performance.now();
    const wait = Math.max(last.current + ms - now, delayMs);
    if (wait <= 0) {
      last.current = now;
      setShown(value);
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = performance.now();
      setShown(latest.current);
    }, wait);
  }, [value, ms, delayMs]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return shown;
}

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
 * few times per second instead of on every snapshot.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const now = performance.now();
    const wait = last.current + ms - now;
    if (wait <= 0) {
      last.current = now;
      setShown(value);
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [value, ms]);
  return shown;
}

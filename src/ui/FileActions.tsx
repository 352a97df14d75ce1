/**
 * Open a scenario file (or an exported run) and export the run: JSON (scenario + report) or the
 * series as CSV. Dropping a .json file anywhere on the page opens it too (useFileDrop).
 */
import { useEffect, useRef, useState } from 'react';
import { download, fileStem } from '../app/exportRun';
import { importScenarioFile } from '../app/importScenario';
import { labStore } from '../store/labStore';
import { useRun } from '../store/hooks';
import { useController } from './controllerContext';

export function FileActions() {
  const c = useController();
  const ready = useRun((r) => r.status) === 'ready';
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);

  const stem = () => {
    const run = labStore.getState().runs[c.runId];
    return run ? fileStem(run) : 'faultline-run';
  };
  const exportJson = async () => {
    setOpen(false);
    try {
      download(`${stem()}.json`, `${JSON.stringify(await c.exportRun(), null, 2)}\n`, 'application/json');
    } catch (err) {
      labStore.setState({ banner: { kind: 'error', text: `export: ${(err as Error).message}` } });
    }
  };
  const exportCsv = () => {
    setOpen(false);
    download(`${stem()}-series.csv`, c.seriesCsv(), 'text/csv');
  };

  return (
    <div className="file-actions">
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Scenario file to open"
        data-testid="open-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importScenarioFile(c, file).catch(() => {});
        }}
      />
      <div className="menu-wrap" ref={menu}>
        <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Open a scenario file; export this run">
          File ▾
        </button>
        {open && (
          <div className="menu" role="menu" aria-label="File">
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                input.current?.click();
              }}
            >
              Open a scenario file… <span className="muted">or drop it here</span>
            </button>
            <button type="button" role="menuitem" disabled={!ready} onClick={() => void exportJson()}>
              Export the run as JSON <span className="muted">scenario + report</span>
            </button>
            <button type="button" role="menuitem" disabled={!ready} onClick={exportCsv}>
              Export the series as CSV <span className="muted">per bucket</span>
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** Opens a .json file dropped anywhere on the page; shows a drop hint while one is dragged over. */
export function useFileDrop(): boolean {
  const c = useController();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void importScenarioFile(c, file).catch(() => {});
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [c]);
  return over;
}

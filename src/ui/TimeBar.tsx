/** The simulated-time slider: drag back over the recorded run, resume from there, or follow live. */
import { useRun } from '../store/hooks';
import { useController } from './controllerContext';
import { fmtSimTime } from './format';

export function TimeBar() {
  const c = useController();
  const simMs = useRun((r) => r.simMs) ?? 0;
  const durationMs = useRun((r) => r.durationMs) ?? 0;
  const viewMs = useRun((r) => r.viewMs) ?? null;
  const ready = useRun((r) => r.status === 'ready') ?? false;
  const shown = viewMs ?? simMs;
  const history = viewMs !== null && viewMs < simMs;
  const step = Math.max(1, Math.round(durationMs / 2000));
  return (
    <footer className="timebar" aria-label="Simulated time">
      <span className="mono time-readout" data-testid="sim-time">
        {fmtSimTime(shown)}
      </span>
      <div className="slider-wrap">
        <div className="slider-recorded" style={{ width: `${durationMs ? (100 * simMs) / durationMs : 0}%` }} />
        <input
          type="range"
          aria-label="Simulated time"
          aria-valuetext={`${fmtSimTime(shown)} of ${fmtSimTime(durationMs)}`}
          min={0}
          max={durationMs}
          step={step}
          value={shown}
          disabled={!ready}
          onChange={(e) => {
            const t = Number(e.target.value);
            // Dragging past the recorded run would mean running forward: stop at what exists.
            void c.seek(Math.min(t, simMs));
          }}
        />
      </div>
      <span className="mono muted">{fmtSimTime(durationMs)}</span>
      {history ? (
        <>
          <span className="history-tag" data-testid="history-tag">
            viewing the past
          </span>
          <button type="button" onClick={() => c.goLive()} aria-label="Back to live">
            Back to live
          </button>
          <button type="button" className="primary" onClick={() => void c.resumeFromView()} aria-label="Resume from here" title="Re-runs deterministically from 0 to this time, then plays on">
            Resume from here
          </button>
        </>
      ) : (
        <span className="live-tag">{simMs >= durationMs && durationMs > 0 ? 'finished' : 'live'}</span>
      )}
    </footer>
  );
}

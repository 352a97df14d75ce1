/** The transition and event log: when, which machine, from → to, and why. Newest at the bottom. */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { LogLine } from '../sim/recorder/transitionLog';
import { logIndexAfter } from '../store/history';
import { stateColor } from './colors';

interface Props {
  log: readonly LogLine[];
  logVersion: number;
  shownMs: number;
  dropped: number;
}

/** Lines drawn at most (the newest up to the shown time). */
const MAX_ROWS = 400;

export const TransitionLog = memo(function TransitionLog({ log, logVersion, shownMs, dropped }: Props) {
  const end = logIndexAfter(log, shownMs);
  const start = Math.max(0, end - MAX_ROWS);
  const hidden = start + dropped;
  // Recomputed only when the visible range changes, not on every snapshot.
  // logVersion changes whenever the (mutable) log grows.
  const rows = useMemo(() => log.slice(start, end), [log, logVersion, start, end]);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keep the newest line in view; only when lines change (reading scrollHeight forces a layout).
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [rows]);
  return (
    <section className="panel log" aria-label="Transition log" data-testid="transition-log">
      <h2>
        Transitions and events <span className="muted">{rows.length === 0 ? 'none yet' : hidden > 0 ? `last ${rows.length}; ${hidden.toLocaleString('en-US')} earlier not shown` : `${rows.length}`}</span>
      </h2>
      <div className="log-scroll" ref={scroller}>
        <table>
          <thead>
            <tr>
              <th scope="col">time</th>
              <th scope="col">machine / target</th>
              <th scope="col">transition</th>
              <th scope="col">why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.seq} data-testid="log-line" data-kind={l.from ? 'transition' : 'event'}>
                <td className="mono num">{(l.atMs / 1000).toFixed(3)} s</td>
                <td className="mono">{l.machine}</td>
                <td className="mono">
                  {l.from ? (
                    <>
                      <span style={{ color: stateColor(l.from) }}>{l.from}</span> → <span style={{ color: stateColor(l.to) }}>{l.to}</span>
                    </>
                  ) : (
                    <span className="muted">event</span>
                  )}
                </td>
                <td>{l.cause}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

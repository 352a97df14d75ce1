/** Each backend instance's load and what became of its work, wasted work included. */
import { memo } from 'react';
import type { BackendFigures } from '../worker/protocol';
import { stateColor } from './colors';
import { fmtInt } from './format';

interface Props {
  backends: readonly BackendFigures[];
  /** Concurrency per instance id, for "busy / slots". */
  slots: Record<string, number>;
}

export const BackendsPanel = memo(function BackendsPanel({ backends, slots }: Props) {
  if (backends.length === 0) return null;
  const shown = backends.slice(0, 12);
  return (
    <section className="panel backends" aria-label="Backends" data-testid="backends">
      <h2>
        Backends <span className="muted">live{backends.length > shown.length ? `, first ${shown.length} of ${backends.length}` : ''}</span>
      </h2>
      <table className="backends-table">
        <thead>
          <tr>
            <th scope="col">instance</th>
            <th scope="col">health</th>
            <th scope="col" className="num" title="calls the balancer sent here">routed</th>
            <th scope="col" className="num" title="calls in service / slots">busy</th>
            <th scope="col" className="num" title="calls waiting">queue</th>
            <th scope="col" className="num wide-only">served</th>
            <th scope="col" className="num" title="finished after the caller gave up, or dropped after a hang">wasted</th>
            <th scope="col" className="num wide-only" title="turned away: queue full">shed</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((b) => (
            <tr key={b.id} data-testid={`backend-${b.id}`} className={b.faults > 0 ? 'faulted' : undefined}>
              <th scope="row" className="mono">
                {b.id}
                {b.faults > 0 && <span className="fault-dot" title="a fault is active on this instance" aria-label="fault active" />}
              </th>
              <td>
                <span className="health-dot" style={{ background: stateColor(b.health) }} /> <span className="small">{b.health.toLowerCase()}</span>
              </td>
              <td className="num">{fmtInt(b.routed)}</td>
              <td className="num">
                {b.busy}/{slots[b.id] ?? '?'}
              </td>
              <td className="num">{fmtInt(b.queued)}</td>
              <td className="num wide-only">{fmtInt(b.served)}</td>
              <td className="num" data-testid="wasted">
                {fmtInt(b.wasted)}
              </td>
              <td className="num wide-only">{fmtInt(b.shed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});

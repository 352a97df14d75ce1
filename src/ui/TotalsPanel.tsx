/** The conserved request totals and overall latency, as numbers. */
import { memo } from 'react';
import type { Totals } from '../sim/recorder/outcomeStats';
import type { LatencySummary } from '../sim/report';
import { OUTCOME_COLORS } from './colors';
import { fmtInt, fmtLatency, fmtPct } from './format';

interface Props {
  totals: Totals;
  latency: LatencySummary | null;
  history: boolean;
  /** A dependency id when the totals are for one dependency. */
  scope?: string;
}

export const TotalsPanel = memo(function TotalsPanel({ totals: t, latency, history, scope }: Props) {
  const rows: Array<[string, number, string | undefined]> = [
    ['succeeded', t.succeeded, OUTCOME_COLORS.succeeded],
    ['fallback', t.fallback, OUTCOME_COLORS.fallback],
    ['failed', t.failed, OUTCOME_COLORS.failed],
    ['timed out', t.timedOut, OUTCOME_COLORS.timedOut],
    ['rejected', t.rejected, OUTCOME_COLORS.rejected],
    ['in flight', t.inFlight, undefined],
  ];
  return (
    <section className="panel totals" aria-label="Request totals" data-testid="totals">
      <h2>
        Requests{scope ? <> to <span className="mono">{scope}</span></> : ''} <span className="muted">{history ? 'up to the viewed second' : 'so far'}</span>
      </h2>
      <div className="big-number" data-testid="total-generated">
        {fmtInt(t.generated)} <span className="muted small">generated</span>
        {t.attempts > t.generated && (
          <span className="muted small amplification">
            {' '}
            · {fmtInt(t.attempts)} attempts ({(t.attempts / Math.max(1, t.generated)).toFixed(2)}×)
          </span>
        )}
      </div>
      <table className="totals-table">
        <tbody>
          {rows.map(([label, value, color]) => (
            <tr key={label} data-testid={`total-${label.replace(' ', '-')}`}>
              <th scope="row">
                {color && <i className="swatch" style={{ background: color }} />}
                {label}
              </th>
              <td className="num">{fmtInt(value)}</td>
              <td className="num muted">{fmtPct(value, t.generated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {latency && !history && (
        <p className="latency-line">
          latency p50 <b>{fmtLatency(latency.p50)}</b> · p95 <b>{fmtLatency(latency.p95)}</b> · p99 <b>{fmtLatency(latency.p99)}</b>
        </p>
      )}
    </section>
  );
});

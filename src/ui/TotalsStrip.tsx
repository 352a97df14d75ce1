/** The conserved request totals and the latency percentiles on one line, always in view. */
import { memo } from 'react';
import type { Totals } from '../sim/recorder/outcomeStats';
import type { LatencySummary } from '../sim/report';
import { OUTCOME_COLORS } from './colors';
import { fmtInt, fmtLatency, fmtPct } from './format';

interface Props {
  totals: Totals;
  latency: LatencySummary | null;
  history: boolean;
  scope: string;
}

export const TotalsStrip = memo(function TotalsStrip({ totals: t, latency, history, scope }: Props) {
  const items: Array<[string, string, number, string | undefined]> = [
    ['succeeded', 'succeeded', t.succeeded, OUTCOME_COLORS.succeeded],
    ['fallback', 'fallback', t.fallback, OUTCOME_COLORS.fallback],
    ['failed', 'failed', t.failed, OUTCOME_COLORS.failed],
    ['timed-out', 'timed out', t.timedOut, OUTCOME_COLORS.timedOut],
    ['rejected', 'rejected', t.rejected, OUTCOME_COLORS.rejected],
    ['in-flight', 'in flight', t.inFlight, undefined],
  ];
  return (
    <section className="totals-strip" aria-label="Request totals" data-testid="totals">
      <h2 className="sr-only">Requests{scope ? ` to ${scope}` : ''}</h2>
      <span className="strip-main" data-testid="total-generated">
        <b>{fmtInt(t.generated)}</b> requests{scope ? <> to <span className="mono">{scope}</span></> : ''}
        {t.attempts > t.generated && (
          <span className="muted amplification">
            {' '}
            · {fmtInt(t.attempts)} attempts ({(t.attempts / Math.max(1, t.generated)).toFixed(2)}×)
          </span>
        )}
        {history && <span className="muted"> up to the viewed second</span>}
      </span>
      {items.map(([id, label, value, color]) => (
        <span key={id} className="strip-item" data-testid={`total-${id}`} data-value={value}>
          {color && <i className="swatch" style={{ background: color }} />}
          {label} <b>{fmtInt(value)}</b>
          {/* A zero needs no share; dropping it keeps the strip on one line. */}
          {value > 0 && <span className="muted"> {fmtPct(value, t.generated)}</span>}
        </span>
      ))}
      {latency && !history && (
        <span className="strip-item latency-item">
          p50 <b>{fmtLatency(latency.p50)}</b> · p95 <b>{fmtLatency(latency.p95)}</b> · p99 <b>{fmtLatency(latency.p99)}</b>
        </span>
      )}
    </section>
  );
});

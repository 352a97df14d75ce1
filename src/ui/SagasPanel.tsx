/** Saga outcomes and the resource ledgers: nothing created or lost, stuck holdings visible. */
import { memo } from 'react';
import type { SagasReport } from '../sim/report';
import type { ResourceLedger } from '../sim/sagas/ledger';
import { fmtInt } from './format';

const fmtAmount = (x: number) => (Number.isInteger(x) ? fmtInt(x) : x.toFixed(2));

function LedgerRow({ name, unit, l }: { name: string; unit: string; l: ResourceLedger }) {
  return (
    <tr data-testid={`ledger-${name}`}>
      <th scope="row">{name}</th>
      <td className="num" title={`${unit} taken`}>
        {fmtAmount(l.taken)}
      </td>
      <td className="num" title={`${unit} given back by compensations`}>
        {fmtAmount(l.returned)}
      </td>
      <td className="num">{fmtAmount(l.heldCommitted)}</td>
      <td className={`num${l.heldStuck > 0 ? ' stuck' : ''}`} data-testid={`ledger-${name}-stuck`}>
        {fmtAmount(l.heldStuck)}
      </td>
      <td className="num">{fmtAmount(l.heldRunning)}</td>
    </tr>
  );
}

export const SagasPanel = memo(function SagasPanel({ sagas }: { sagas: SagasReport | null }) {
  if (!sagas) return null;
  const modes = [...new Set(sagas.bySaga.map((s) => `${s.coordination}, ${s.onCompensationFailure === 'stop' ? 'stop on a failed compensation' : 'continue past a failed compensation'}`))];
  return (
    <section className="panel sagas" aria-label="Sagas" data-testid="sagas">
      <h2>
        Sagas <span className="muted">{modes.join('; ')}</span>
      </h2>
      <dl className="figures saga-figures">
        <div>
          <dt>committed</dt>
          <dd data-testid="sagas-completed">{fmtInt(sagas.completed)}</dd>
        </div>
        <div>
          <dt>compensated</dt>
          <dd data-testid="sagas-compensated">{fmtInt(sagas.compensated)}</dd>
        </div>
        <div className={sagas.stuck > 0 ? 'stuck' : undefined}>
          <dt>stuck</dt>
          <dd data-testid="sagas-stuck">{fmtInt(sagas.stuck)}</dd>
          <dd className="sub">{fmtInt(sagas.failedCompensation)} failed compensations</dd>
        </div>
        <div>
          <dt>running</dt>
          <dd>{fmtInt(sagas.inFlight)}</dd>
        </div>
      </dl>
      <table className="ledger-table" aria-label="Ledgers">
        <thead>
          <tr>
            <th scope="col">ledger</th>
            <th scope="col" className="num">
              taken
            </th>
            <th scope="col" className="num">
              given back
            </th>
            <th scope="col" className="num">
              kept (committed)
            </th>
            <th scope="col" className="num">
              held by stuck
            </th>
            <th scope="col" className="num">
              running
            </th>
          </tr>
        </thead>
        <tbody>
          <LedgerRow name="stock" unit="units" l={sagas.ledgers.stock} />
          <LedgerRow name="money" unit="money" l={sagas.ledgers.money} />
        </tbody>
      </table>
      <p className={`small ${sagas.balanced ? 'muted' : 'error-text'}`} data-testid="ledger-balance">
        {sagas.balanced ? '✓ taken − given back = kept + held by stuck + running: nothing created or lost' : '✗ the ledgers do not balance'}
      </p>
    </section>
  );
});

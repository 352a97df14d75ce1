/**
 * "Inject a fault now": target, kind, the kind's strength and a duration, checked as typed; the
 * fault joins the scenario's timeline at the current simulated time (the controller's command),
 * so a re-run, a resumed seek and a share link replay it.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { describeFault } from '../../sim/faultText';
import type { Fault, FaultKind } from '../../sim/scenario/timeline';
import { useRun } from '../../store/hooks';
import { useController } from '../controllerContext';
import { fmtSimTime } from '../format';
import { FAULT_KINDS, FIELD_NAMES, faultTargetOptions, parseFaultForm, type FaultFormErrors, type FaultFormField } from './faultForm';
import { setFaultForm, useFaultUi } from './faultUiStore';
import './faults.css';

/** The strength fields of each kind: [field, unit, hint]. */
const STRENGTH: Record<FaultKind, Array<[FaultFormField, string, string]>> = {
  error: [['probabilityPct', '%', 'share of calls that fail']],
  latency: [
    ['addedMs', 'ms', 'added to each call'],
    ['jitterMs', '± ms', 'uniform jitter on the added latency'],
  ],
  outage: [['responseMs', 'ms', 'time to the fast failure (connection refused)']],
  hang: [],
  capacity: [['factorPct', '%', 'share of each instance’s concurrency left']],
};

export function FaultInjector() {
  const c = useController();
  const scenario = useRun((r) => r.scenario) ?? null;
  const simMs = useRun((r) => r.simMs) ?? 0;
  const durationMs = useRun((r) => r.durationMs) ?? 0;
  const ready = useRun((r) => r.status === 'ready') ?? false;
  const done = useRun((r) => r.done && (r.viewMs === null || r.viewMs >= r.simMs)) ?? false;
  const busy = useRun((r) => r.rerun !== null) ?? false;
  const viewMs = useRun((r) => (r.viewMs !== null && r.viewMs < r.simMs ? r.viewMs : null)) ?? null;
  const pendingEdits = useFaultUi((s) => s.pending);
  const form = useFaultUi((s) => s.form);
  const [errors, setErrors] = useState<FaultFormErrors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  const options = useMemo(() => faultTargetOptions(scenario), [scenario]);
  const target = options.some((o) => o.value === form.target) ? form.target : (options[0]?.value ?? '');
  const at = viewMs ?? simMs;

  const change = (field: FaultFormField, value: string) => {
    setFaultForm({ [field]: value });
    if (errors[field]) {
      setErrors((prev) => {
        const rest = { ...prev };
        delete rest[field];
        return rest;
      });
    }
    setNote(null);
  };

  const inject = async (e: FormEvent) => {
    e.preventDefault();
    const r = parseFaultForm({ ...form, target }, { targets: options.map((o) => o.value), maxDurationMs: durationMs });
    if (!r.ok) {
      setErrors(r.errors);
      setNote(null);
      const first = Object.keys(r.errors)[0];
      document.getElementById(`fi-${first}`)?.focus();
      return;
    }
    setErrors({});
    setSending(true);
    try {
      const entry = (await c.command({ type: 'fault', atMs: 0, ...r.fault })) as Fault;
      setNote({
        ok: true,
        text: `${describeFault(entry)} on ${entry.target} from ${fmtSimTime(entry.atMs)} to ${fmtSimTime(entry.atMs + entry.durationMs)}. It is on the timeline: re-runs and links replay it; drag it there to move it.`,
      });
    } catch (err) {
      setNote({ ok: false, text: `Not injected: ${(err as Error).message}` });
    } finally {
      setSending(false);
    }
  };

  const disabled = !ready || busy || sending || pendingEdits > 0;
  const why = done ? 'The run has ended: reset it or look back in time to inject' : busy || pendingEdits > 0 ? 'Wait for the re-run to finish' : undefined;

  return (
    <section className="panel fault-injector" aria-label="Fault injector">
      <h2>
        Inject a fault <span className="muted">{viewMs !== null ? `at the viewed ${fmtSimTime(at)}` : `now, at ${fmtSimTime(at)}`}</span>
      </h2>
      <form className="fi-form" noValidate onSubmit={(e) => void inject(e)}>
        <Field field="target" errors={errors}>
          <select id="fi-target" value={target} onChange={(e) => change('target', e.target.value)} disabled={!ready} aria-invalid={errors.target ? true : undefined} aria-describedby={errors.target ? 'fi-target-error' : undefined}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field field="kind" errors={errors}>
          <select id="fi-kind" value={form.kind} onChange={(e) => change('kind', e.target.value)} disabled={!ready}>
            {FAULT_KINDS.map((k) => (
              <option key={k.kind} value={k.kind} title={k.title}>
                {k.kind}
              </option>
            ))}
          </select>
        </Field>
        <p className="fi-note muted small">{FAULT_KINDS.find((k) => k.kind === form.kind)?.title}</p>
        {STRENGTH[form.kind].map(([field, unit, hint]) => (
          <Field key={field} field={field} errors={errors} unit={unit} hint={hint}>
            <input
              id={`fi-${field}`}
              inputMode="decimal"
              autoComplete="off"
              value={form[field]}
              onChange={(e) => change(field, e.target.value)}
              disabled={!ready}
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={errors[field] ? `fi-${field}-error` : undefined}
            />
          </Field>
        ))}
        <Field field="durationS" errors={errors} unit="s">
          <input
            id="fi-durationS"
            inputMode="decimal"
            autoComplete="off"
            value={form.durationS}
            onChange={(e) => change('durationS', e.target.value)}
            disabled={!ready}
            aria-invalid={errors.durationS ? true : undefined}
            aria-describedby={errors.durationS ? 'fi-durationS-error' : undefined}
          />
        </Field>
        <div className="fi-actions">
          <button type="submit" className="primary" disabled={disabled || done} title={why ?? 'Starts the fault at the current simulated time'}>
            Inject now
          </button>
          {why && <span className="muted small">{why}</span>}
        </div>
      </form>
      {note && (
        <p className={`fi-result small${note.ok ? '' : ' error'}`} role="status">
          {note.text}
        </p>
      )}
    </section>
  );
}

function Field({ field, errors, unit, hint, children }: { field: FaultFormField; errors: FaultFormErrors; unit?: string; hint?: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={`fi-${field}`} className="fi-label" title={hint}>
        {FIELD_NAMES[field]}
      </label>
      <div className="fi-control">
        {children}
        {unit && <span className="fi-unit muted">{unit}</span>}
      </div>
      {errors[field] && (
        <span className="fi-error" id={`fi-${field}-error`} role="alert">
          {errors[field]}
        </span>
      )}
    </>
  );
}

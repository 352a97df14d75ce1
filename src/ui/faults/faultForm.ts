/**
 * The fault form's values and their validation: text as typed, turned into a fault (kind,
 * target, strength, duration) or into messages that name the field and say what is expected.
 */
import type { Scenario } from '../../sim/scenario/schema';
import type { FaultKind } from '../../sim/scenario/timeline';
import type { FaultWindowSpec } from '../../app/faultEdits';

export interface FaultFormValues {
  target: string;
  kind: FaultKind;
  /** error: share of calls that fail, in % */
  probabilityPct: string;
  /** latency: added ms and ± jitter ms */
  addedMs: string;
  jitterMs: string;
  /** outage: time to the fast failure, ms */
  responseMs: string;
  /** capacity: share of concurrency left, in % */
  factorPct: string;
  /** how long the window lasts, in seconds */
  durationS: string;
}

export type FaultFormField = keyof FaultFormValues;
export type FaultFormErrors = Partial<Record<FaultFormField, string>>;

export const DEFAULT_FAULT_FORM: FaultFormValues = {
  target: '',
  kind: 'outage',
  probabilityPct: '50',
  addedMs: '500',
  jitterMs: '0',
  responseMs: '1',
  factorPct: '25',
  durationS: '10',
};

export const FAULT_KINDS: ReadonlyArray<{ kind: FaultKind; title: string }> = [
  { kind: 'error', title: 'calls fail after their service time' },
  { kind: 'latency', title: 'calls take longer' },
  { kind: 'outage', title: 'calls are refused at once (connection refused)' },
  { kind: 'hang', title: 'calls are accepted and never answered: only a timeout ends them' },
  { kind: 'capacity', title: 'each instance serves fewer calls at a time' },
];

/** Field names as the form shows them (and as its messages name them). */
export const FIELD_NAMES: Record<FaultFormField, string> = {
  target: 'Target',
  kind: 'Kind',
  probabilityPct: 'Failing calls',
  addedMs: 'Added latency',
  jitterMs: 'Jitter',
  responseMs: 'Response time',
  factorPct: 'Capacity left',
  durationS: 'Duration',
};

/** Most instances listed one by one per dependency (the dependency itself covers them all). */
const MAX_LISTED_INSTANCES = 64;

export interface TargetOption {
  value: string;
  label: string;
}

/** What a fault can hit: each dependency (all its instances) and each of its instances. */
export function faultTargetOptions(scenario: Scenario | null): TargetOption[] {
  const out: TargetOption[] = [];
  for (const d of scenario?.dependencies ?? []) {
    const n = d.backends.count;
    out.push({ value: d.id, label: n === 1 ? d.id : `${d.id} · all ${n}` });
    if (n > 1) for (let i = 0; i < Math.min(n, MAX_LISTED_INSTANCES); i++) out.push({ value: `${d.id}/${i}`, label: `${d.id}/${i}` });
  }
  return out;
}

/** A number typed in a field, checked against [min, max] (`min` itself allowed or not); a message names the field. */
function num(
  errors: FaultFormErrors,
  field: FaultFormField,
  text: string,
  unit: string,
  range: { min: number; max: number; minAllowed: boolean; why?: string },
): number {
  const name = FIELD_NAMES[field];
  const t = text.trim().replace(/,/g, '');
  const n = Number(t);
  const fmt = (x: number) => `${x.toLocaleString('en-US')} ${unit}`;
  if (t === '' || !Number.isFinite(n)) {
    errors[field] = `${name}: enter a number from ${fmt(range.min)} to ${fmt(range.max)}`;
  } else if (range.minAllowed ? n < range.min : n <= range.min) {
    errors[field] = `${name}: must be ${range.minAllowed ? 'at least' : 'more than'} ${fmt(range.min)}${range.why ? ` (${range.why})` : ''}`;
  } else if (n > range.max) {
    errors[field] = `${name}: at most ${fmt(range.max)}`;
  }
  return n;
}

export interface ParseContext {
  targets: readonly string[];
  /** The scenario's length: no window is longer. */
  maxDurationMs: number;
}

export type FaultFormResult = { ok: true; fault: FaultWindowSpec & { durationMs: number } } | { ok: false; errors: FaultFormErrors };

/**
 * Turns the form into a fault to inject or add, or into messages naming each wrong field.
 * `ignoreDuration` leaves the duration out (a window drawn on the timeline has its own).
 */
export function parseFaultForm(v: FaultFormValues, ctx: ParseContext, ignoreDuration = false): FaultFormResult {
  const errors: FaultFormErrors = {};
  if (!ctx.targets.includes(v.target)) {
    errors.target = ctx.targets.length ? `${FIELD_NAMES.target}: pick a dependency or one of its instances` : `${FIELD_NAMES.target}: this scenario has no dependency to fault`;
  }
  const maxS = ctx.maxDurationMs / 1000;
  const durationS = ignoreDuration
    ? 1
    : num(errors, 'durationS', v.durationS, 's', { min: 0, max: maxS, minAllowed: false });
  if (!ignoreDuration && !errors.durationS && durationS < 0.1) errors.durationS = `${FIELD_NAMES.durationS}: at least 0.1 s`;
  if (!ignoreDuration && errors.durationS && Number(v.durationS) > maxS) errors.durationS += ` (the whole run is ${maxS.toLocaleString('en-US')} s)`;
  const base = { target: v.target, durationMs: Math.round(durationS * 1000) };
  let fault: (FaultWindowSpec & { durationMs: number }) | null = null;
  switch (v.kind) {
    case 'error': {
      const p = num(errors, 'probabilityPct', v.probabilityPct, '%', { min: 0, max: 100, minAllowed: false, why: '0 % changes nothing' });
      fault = { ...base, kind: 'error', probability: Math.round(p * 100) / 10_000 };
      break;
    }
    case 'latency': {
      const added = num(errors, 'addedMs', v.addedMs, 'ms', { min: 0, max: 3_600_000, minAllowed: false, why: '0 ms changes nothing' });
      const jitter = num(errors, 'jitterMs', v.jitterMs, 'ms', { min: 0, max: 3_600_000, minAllowed: true });
      fault = { ...base, kind: 'latency', addedMs: added, jitterMs: jitter };
      break;
    }
    case 'outage': {
      const r = num(errors, 'responseMs', v.responseMs, 'ms', { min: 0, max: 60_000, minAllowed: true });
      fault = { ...base, kind: 'outage', responseMs: r };
      break;
    }
    case 'hang':
      fault = { ...base, kind: 'hang' };
      break;
    case 'capacity': {
      const left = num(errors, 'factorPct', v.factorPct, '%', { min: 0, max: 100, minAllowed: true });
      if (!errors.factorPct && left === 100) errors.factorPct = `${FIELD_NAMES.factorPct}: below 100 % (100 % changes nothing)`;
      fault = { ...base, kind: 'capacity', factor: Math.round(left * 100) / 10_000 };
      break;
    }
    default:
      errors.kind = `${FIELD_NAMES.kind}: pick one of ${FAULT_KINDS.map((k) => k.kind).join(', ')}`;
  }
  if (Object.keys(errors).length > 0 || !fault) return { ok: false, errors };
  return { ok: true, fault };
}

/** The fault's strength in a few words: "50 %", "+500 ms ± 50", "" (hang). */
export function strengthText(f: { kind: FaultKind } & Record<string, unknown>): string {
  switch (f.kind) {
    case 'error':
      return `${Math.round(Number(f.probability) * 1000) / 10}%`;
    case 'latency':
      return `+${Number(f.addedMs)} ms${Number(f.jitterMs) ? ` ±${Number(f.jitterMs)}` : ''}`;
    case 'capacity':
      return `${Math.round(Number(f.factor) * 100)}% left`;
    default:
      return '';
  }
}

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/scenario/validate';
import { parseTimelineEntry } from '../../sim/scenario/validate';
import preset from '../../../scenarios/outage-no-breaker.json';
import { DEFAULT_FAULT_FORM, faultTargetOptions, parseFaultForm, type FaultFormValues } from './faultForm';

const scenario = parseScenario(preset, 'test');
const targets = faultTargetOptions(scenario).map((t) => t.value);
const ctx = { targets, maxDurationMs: scenario.durationMs };
const form = (patch: Partial<FaultFormValues>): FaultFormValues => ({ ...DEFAULT_FAULT_FORM, target: 'payments', ...patch });

describe('the fault form', () => {
  it('offers each dependency and each of its instances', () => {
    expect(targets).toEqual(['payments', 'payments/0', 'payments/1', 'payments/2', 'payments/3']);
  });

  it('turns every kind into a fault the validator accepts', () => {
    for (const kind of ['error', 'latency', 'outage', 'hang', 'capacity'] as const) {
      const r = parseFaultForm(form({ kind, target: 'payments/2' }), ctx);
      expect(r.ok, kind).toBe(true);
      if (!r.ok) continue;
      const entry = parseTimelineEntry(scenario, { type: 'fault', atMs: 0, ...r.fault }, 'form');
      expect(entry).toMatchObject({ kind, target: 'payments/2', durationMs: 10_000 });
    }
    expect(parseFaultForm(form({ kind: 'error', probabilityPct: '12.5' }), ctx)).toMatchObject({ ok: true, fault: { probability: 0.125 } });
    expect(parseFaultForm(form({ kind: 'capacity', factorPct: '0' }), ctx)).toMatchObject({ ok: true, fault: { factor: 0 } });
  });

  it('names the field and what is expected for 0, huge and non-numbers', () => {
    const errs = (patch: Partial<FaultFormValues>) => {
      const r = parseFaultForm(form(patch), ctx);
      return r.ok ? {} : r.errors;
    };
    expect(errs({ durationS: '0' })).toEqual({ durationS: 'Duration: must be more than 0 s' });
    expect(errs({ durationS: '1000000000' })).toEqual({ durationS: 'Duration: at most 120 s (the whole run is 120 s)' });
    expect(errs({ durationS: 'soon' }).durationS).toBe('Duration: enter a number from 0 s to 120 s');
    expect(errs({ durationS: '0.01' }).durationS).toBe('Duration: at least 0.1 s');
    expect(errs({ kind: 'error', probabilityPct: '0' }).probabilityPct).toBe('Failing calls: must be more than 0 % (0 % changes nothing)');
    expect(errs({ kind: 'error', probabilityPct: '1e9' }).probabilityPct).toBe('Failing calls: at most 100 %');
    expect(errs({ kind: 'latency', addedMs: '1000000000' }).addedMs).toBe('Added latency: at most 3,600,000 ms');
    expect(errs({ kind: 'latency', addedMs: '0' }).addedMs).toContain('more than 0 ms');
    expect(errs({ kind: 'latency', jitterMs: '-1' }).jitterMs).toBe('Jitter: must be at least 0 ms');
    expect(errs({ kind: 'outage', responseMs: '' }).responseMs).toBe('Response time: enter a number from 0 ms to 60,000 ms');
    expect(errs({ kind: 'capacity', factorPct: '100' }).factorPct).toContain('below 100 %');
    expect(errs({ target: 'nope' }).target).toBe('Target: pick a dependency or one of its instances');
  });

  it('reports every wrong field at once, and can leave the duration to the timeline', () => {
    const r = parseFaultForm(form({ kind: 'latency', addedMs: 'x', jitterMs: 'y', durationS: '0' }), ctx);
    expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual(['addedMs', 'durationS', 'jitterMs']);
    expect(parseFaultForm(form({ durationS: '0' }), ctx, true).ok).toBe(true);
  });
});

/** The CLI's readable summary of a run report. */
import type { RunReport } from '../sim/report';

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (part: number, whole: number): string => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '–');
const ms = (x: number | null): string => (x === null ? '–' : `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x)} ms`);
const secs = (x: number): string => `${(x / 1000).toFixed(3)} s`;

/** Formats the report as lines of text for a terminal. */
export function formatSummary(r: RunReport, wallMs: number, maxTransitions = 12): string {
  const t = r.totals;
  const out: string[] = [];
  const rate = wallMs > 0 ? `, ${n(Math.round((t.generated / wallMs) * 1000))} req/s` : '';
  out.push(`Faultline · ${r.scenario} "${r.name}" · seed ${r.seed}`);
  out.push(`${(r.simulatedMs / 1000).toFixed(1)} s simulated in ${(wallMs / 1000).toFixed(2)} s${rate}${r.complete ? '' : ' (stopped early)'}`);
  out.push('');
  out.push(
    `Requests     ${n(t.generated)} generated · ${n(t.succeeded)} succeeded (${pct(t.succeeded, t.generated)}) · ${n(t.fallback)} fallback · ${n(t.failed)} failed · ${n(t.rejected)} rejected · ${n(t.timedOut)} timed out · ${n(t.inFlight)} in flight`,
  );
  const rej = Object.entries(r.rejectedBy).filter(([, v]) => v > 0);
  if (rej.length) out.push(`Rejected by  ${rej.map(([k, v]) => `${k} ${n(v)}`).join(' · ')}`);
  out.push(`Attempts     ${n(t.attempts)} (amplification ${r.amplification ?? '–'})`);
  const l = r.latencyMs;
  out.push(`Latency      mean ${ms(l.mean)} · p50 ${ms(l.p50)} · p95 ${ms(l.p95)} · p99 ${ms(l.p99)} · max ${ms(l.max)}`);
  for (const b of r.breakers) {
    out.push(`Breaker      ${b.id}: ${b.state}, opened ${b.openings}×, ${n(b.permitted)} permitted, ${n(b.notPermitted)} not permitted`);
  }
  if (r.backends.length <= 12) {
    for (const b of r.backends) {
      out.push(`Backend      ${b.id}: ${n(b.served)} served · ${n(b.failed)} failed · ${n(b.shed)} shed · ${n(b.wasted)} wasted · ${n(b.cancelled)} cancelled`);
    }
  } else {
    const sum = (k: 'served' | 'failed' | 'shed' | 'wasted') => n(r.backends.reduce((a, b) => a + b[k], 0));
    out.push(`Backends     ${r.backends.length} instances: ${sum('served')} served · ${sum('failed')} failed · ${sum('shed')} shed · ${sum('wasted')} wasted`);
  }
  const total = r.transitions.length + r.transitionsDropped;
  if (total > 0) {
    out.push('');
    out.push(`Transitions  ${n(total)}${total > maxTransitions ? ` (first ${maxTransitions} shown; all in --json)` : ''}`);
    for (const tr of r.transitions.slice(0, maxTransitions)) {
      out.push(`  ${secs(tr.atMs).padStart(11)}  ${tr.machine}  ${tr.from} → ${tr.to}: ${tr.cause}`);
    }
  }
  if (r.expectations.length) {
    out.push('');
    out.push(formatChecks(r));
  }
  return out.join('\n');
}

/** The expectation report of --check. */
export function formatChecks(r: RunReport): string {
  const passed = r.expectations.filter((e) => e.pass).length;
  const lines = [`Expectations ${passed} of ${r.expectations.length} pass`];
  for (const e of r.expectations) {
    lines.push(`  ${e.pass ? '✓' : '✗'} ${e.message}`);
    if (!e.pass && e.note) lines.push(`      why it should hold: ${e.note}`);
  }
  return lines.join('\n');
}

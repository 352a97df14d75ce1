/** Evaluating a scenario's expectations against a finished (or partial) run. */
import type { Simulation } from './engine';
import type { OutcomeStats } from './recorder/outcomeStats';
import type { Comparator, Expectation, MetricName } from './scenario/expectations';

export interface ExpectationResult {
  /** The expectation as written (defaults filled). */
  expectation: Expectation;
  pass: boolean;
  /** The observed value: a number for metrics, a state or time for machine checks. */
  actual: number | string | null;
  /** One readable line: what was expected and what happened. */
  message: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** A metric over the requests of a window. */
export function metricValue(metric: MetricName, s: OutcomeStats, windowMs: number): number {
  const secs = windowMs / 1000;
  const ended = s.ended;
  switch (metric) {
    case 'p50':
      return s.latency.percentile(50);
    case 'p95':
      return s.latency.percentile(95);
    case 'p99':
      return s.latency.percentile(99);
    case 'meanLatencyMs':
      return s.latency.mean;
    case 'maxLatencyMs':
      return s.latency.count === 0 ? NaN : s.latency.max;
    case 'errorRate':
      return ended === 0 ? NaN : (s.failed + s.rejected + s.timedOut) / ended;
    case 'throughputPerSec':
      return ended / secs;
    case 'goodputPerSec':
      return s.succeeded / secs;
    case 'generated':
      return s.generated;
    case 'succeeded':
      return s.succeeded;
    case 'fallback':
      return s.fallback;
    case 'failed':
      return s.failed;
    case 'rejected':
      return s.rejected;
    case 'timedOut':
      return s.timedOut;
    case 'attempts':
      return s.attempts;
    case 'amplification':
      return s.generated === 0 ? NaN : s.attempts / s.generated;
    case 'sagasCompleted':
      return s.sagasCommitted;
    case 'sagasCompensated':
      return s.sagasCompensated;
    case 'sagasStuck':
      return s.sagasStuck;
    case 'failedCompensations':
      return s.failedCompensations;
  }
}

export function compare(actual: number, op: Comparator, value: number): boolean {
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/** Evaluates every expectation of the simulation's scenario. */
export function evaluateExpectations(sim: Simulation): ExpectationResult[] {
  const windows = sim.recorder.windows;
  let w = 0;
  return sim.scenario.expect.map((e): ExpectationResult => {
    if (e.type === 'metric') {
      const window = windows[w++];
      const end = Math.min(window.toMs, sim.now);
      const value = metricValue(e.metric, window.stats, Math.max(1, end - window.fromMs));
      const where = `${e.dependency ? `${e.dependency} ` : ''}${e.metric} over [${window.fromMs}, ${window.toMs}) ms`;
      if (Number.isNaN(value)) {
        return { expectation: e, pass: false, actual: null, message: `${where}: no requests ended in the window, expected ${e.op} ${e.value}` };
      }
      const pass = compare(value, e.op, e.value);
      return { expectation: e, pass, actual: round(value), message: `${where} = ${round(value)}, expected ${e.op} ${e.value}` };
    }
    const history = sim.recorder.machines.get(e.machine);
    if (!history) return { expectation: e, pass: false, actual: null, message: `no machine "${e.machine}"` };
    if (e.type === 'inState') {
      const state = history.stateAt(e.atMs);
      return {
        expectation: e,
        pass: state === e.state,
        actual: state,
        message: `${e.machine} is ${state} at ${e.atMs} ms, expected ${e.state}`,
      };
    }
    const first = history.firstTimeIn(e.state, e.byMs);
    if (e.type === 'reaches') {
      return {
        expectation: e,
        pass: first !== undefined,
        actual: first ?? null,
        message:
          first !== undefined
            ? `${e.machine} reached ${e.state} at ${round(first)} ms (by ${e.byMs} ms)`
            : `${e.machine} never reached ${e.state} by ${e.byMs} ms (it is ${history.stateAt(e.byMs)})`,
      };
    }
    return {
      expectation: e,
      pass: first === undefined,
      actual: first ?? null,
      message:
        first === undefined
          ? `${e.machine} stayed out of ${e.state} up to ${e.byMs} ms`
          : `${e.machine} entered ${e.state} at ${round(first)} ms, expected never by ${e.byMs} ms`,
    };
  });
}

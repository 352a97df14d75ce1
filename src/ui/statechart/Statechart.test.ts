import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { circuitBreakerMachine } from '../../sim/machines/circuitBreakerMachine';
import type { InspectedMachine } from '../../sim/machines/graphTypes';
import { machineGraph } from '../../sim/machines/machineGraph';
import { sagaCoordinatorMachine } from '../../sim/machines/sagaCoordinatorMachine';
import { bulkheadMachine } from '../../sim/machines/bulkheadMachine';
import { guardRule, Statechart, statechartCaption, statechartSummary } from './Statechart';

const breaker = machineGraph('circuitBreaker', circuitBreakerMachine, ['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN']);
const saga = machineGraph('sagaCoordinator', sagaCoordinatorMachine, ['EXECUTING', 'COMPENSATING', 'COMMITTED', 'COMPENSATED', 'STUCK']);
const bulkhead = machineGraph('bulkhead', bulkheadMachine, ['AVAILABLE', 'SATURATED', 'FULL']);

const inspected: InspectedMachine = {
  id: 'payments.circuitBreaker',
  kind: 'circuitBreaker',
  state: 'OPEN',
  counts: { 'CLOSED→OPEN': 3, 'OPEN→HALF_OPEN': 2, 'HALF_OPEN→OPEN': 1, 'HALF_OPEN→CLOSED': 1 },
  last: { from: 'HALF_OPEN', to: 'OPEN', atMs: 42_000, cause: 'failure rate 60% ≥ 50%' },
  guards: { thresholdsExceeded: 'failure rate 60% ≥ 50% over the last 10 calls' },
};

const render = (props: Parameters<typeof Statechart>[0]) => renderToStaticMarkup(createElement(Statechart, props));

/** The opening tag of the element with this test id. */
function tagOf(html: string, testId: string): string {
  const m = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`));
  if (!m) throw new Error(`no element with data-testid="${testId}" in the markup`);
  return m[0];
}

/** The markup of the <g> with this test id, up to its closing tag (state and edge groups nest one level of <g> at most). */
function groupOf(html: string, testId: string): string {
  const start = html.indexOf(tagOf(html, testId));
  const rest = html.slice(start);
  const ends = [...rest.matchAll(/<\/g>/g)].map((m) => m.index!);
  const opens = (upTo: number) => (rest.slice(0, upTo).match(/<g[ >]/g) ?? []).length;
  const end = ends.find((e) => opens(e) === ends.filter((x) => x <= e).length)!;
  return rest.slice(0, end + 4);
}

describe('Statechart', () => {
  const html = render({ graph: breaker, inspected });

  it('lights the current state in its colour and no other', () => {
    expect(tagOf(html, 'sc-state-OPEN')).toContain('data-current="true"');
    for (const s of ['CLOSED', 'HALF_OPEN', 'DISABLED', 'METRICS_ONLY', 'FORCED_OPEN']) expect(tagOf(html, `sc-state-${s}`)).toContain('data-current="false"');
    expect(groupOf(html, 'sc-state-OPEN')).toContain('style="fill:var(--c-fail);stroke:var(--c-fail)"');
    expect(groupOf(html, 'sc-state-CLOSED')).not.toContain('sc-box-lit');
  });

  it('counts the transitions on each arrow, showing a badge only when some were taken', () => {
    expect(tagOf(html, 'sc-edge-CLOSED-OPEN')).toContain('data-count="3"');
    expect(tagOf(html, 'sc-edge-OPEN-HALF_OPEN')).toContain('data-count="2"');
    expect(groupOf(html, 'sc-edge-CLOSED-OPEN')).toMatch(/class="sc-badge"><rect[^>]*><\/rect><text[^>]*>3<\/text>/);
    expect(tagOf(html, 'sc-edge-OPEN-HALF_OPEN')).toContain('data-count="2"');
    const untaken = render({ graph: breaker, inspected: { ...inspected, counts: { 'CLOSED→OPEN': 1 } } });
    expect(tagOf(untaken, 'sc-edge-HALF_OPEN-CLOSED')).toContain('data-count="0"');
    expect(groupOf(untaken, 'sc-edge-HALF_OPEN-CLOSED')).not.toContain('sc-badge');
    expect(html).not.toContain('sc-edge-CLOSED-HALF_OPEN');
  });

  it('draws an arrow of a command from any state (FORCE) only once taken, and names the command in a caption', () => {
    expect(html).not.toContain('sc-edge-OPEN-CLOSED');
    expect(html).not.toContain('sc-edge-CLOSED-DISABLED');
    expect(html).toContain('FORCE: a command, from any state; drawn once taken');
    const forced = render({ graph: breaker, inspected: { ...inspected, state: 'DISABLED', counts: { ...inspected.counts, 'OPEN→DISABLED': 1 } } });
    expect(tagOf(forced, 'sc-edge-OPEN-DISABLED')).toContain('is-background');
    expect(tagOf(forced, 'sc-edge-OPEN-DISABLED')).toContain('data-count="1"');
    expect(groupOf(forced, 'sc-edge-OPEN-DISABLED')).not.toContain('sc-edge-label');
    expect(tagOf(forced, 'sc-state-DISABLED')).toContain('data-current="true"');
    // The states only a command reaches sit apart, in their own row.
    expect(groupOf(forced, 'sc-state-DISABLED')).toContain('is-side');
    expect(groupOf(forced, 'sc-state-OPEN')).not.toContain('is-side');
  });

  it('labels arrows with their events, an eventless one with its guard in words', () => {
    const openToHalf = groupOf(html, 'sc-edge-OPEN-HALF_OPEN');
    expect(openToHalf).toContain('>PERMIT.REQUESTED</tspan>');
    expect(openToHalf).toContain('>after waitInOpen</tspan>');
    expect(openToHalf).not.toContain('>FORCE<');
    expect(groupOf(html, 'sc-edge-CLOSED-OPEN')).toContain('>thresholds exceeded</tspan>');
    expect(groupOf(html, 'sc-edge-HALF_OPEN-CLOSED')).toContain('>trial calls below thresholds</tspan>');
    expect(html).not.toContain('>always<');
  });

  it('writes a line every arrow shares once, in the caption, with its live rule', () => {
    const rules = { countsCallFor: 'follows the counts: 40 of 40 slots in use, 0 waiting' };
    const b = render({ graph: bulkhead, inspected: { id: 'recs.bulkhead', kind: 'bulkhead', state: 'FULL', counts: {}, last: null, guards: rules } });
    expect(b).not.toContain('sc-edge-label');
    expect(statechartCaption(bulkhead, [], rules)).toBe('every arrow: follows the counts: 40 of 40 slots in use, 0 waiting');
    expect(b).toContain('every arrow: follows the counts');
  });

  it('shortens a saga’s events to what tells its arrows apart', () => {
    const sagaHtml = render({ graph: saga, inspected: null });
    expect(groupOf(sagaHtml, 'sc-edge-EXECUTING-COMMITTED')).toContain('>SUCCEEDED</tspan>');
    expect(groupOf(sagaHtml, 'sc-edge-COMPENSATING-STUCK')).toMatch(/>SUCCEEDED<\/tspan><tspan[^>]*>FAILED<\/tspan>/);
    // The aria label keeps the full names.
    expect(tagOf(sagaHtml, 'sc-edge-EXECUTING-COMMITTED')).toContain('on STEP.SUCCEEDED');
  });

  it('makes each arrow focusable with a name that says what it is', () => {
    const tag = tagOf(html, 'sc-edge-CLOSED-OPEN');
    expect(tag).toContain('tabindex="0"');
    expect(tag).toContain('aria-label="CLOSED to OPEN on FORCE, always; 3 times so far"');
    expect(tag).not.toContain('role=');
  });

  it('flashes the latest transition, keyed so that each new one plays again', () => {
    expect(groupOf(html, 'sc-edge-HALF_OPEN-OPEN')).toContain('class="sc-edge-flash"');
    expect(html.match(/sc-edge-flash/g)).toHaveLength(1);
    expect(render({ graph: breaker, inspected: { ...inspected, last: null } })).not.toContain('sc-edge-flash');
  });

  it('summarises the chart for assistive technology', () => {
    expect(html).toContain('role="group"');
    expect(html).toContain(
      'aria-label="circuit breaker payments.circuitBreaker is OPEN; transitions: CLOSED→OPEN 3 times, OPEN→HALF_OPEN 2 times, HALF_OPEN→CLOSED 1 time, HALF_OPEN→OPEN 1 time"',
    );
    expect(statechartSummary(breaker, { ...inspected, counts: {} })).toBe('circuit breaker payments.circuitBreaker is OPEN; transitions: none yet');
  });

  it('draws the bare chart without an inspected machine', () => {
    const bare = render({ graph: breaker, inspected: null, width: 500, height: 320 });
    expect(bare).toContain('viewBox="0 0 500 320"');
    expect(bare).not.toContain('data-current="true"');
    expect(bare).toContain('aria-label="circuit breaker statechart: states CLOSED, OPEN, HALF_OPEN, DISABLED, METRICS_ONLY, FORCED_OPEN; starts in CLOSED"');
    expect(bare).toContain('class="sc-initial"');
  });

  it('gives a saga’s final states a double border', () => {
    const sagaHtml = render({ graph: saga, inspected: null });
    for (const s of ['COMMITTED', 'COMPENSATED', 'STUCK']) expect(groupOf(sagaHtml, `sc-state-${s}`)).toContain('sc-box-final');
    for (const s of ['EXECUTING', 'COMPENSATING']) expect(groupOf(sagaHtml, `sc-state-${s}`)).not.toContain('sc-box-final');
  });
});

describe('guardRule', () => {
  it('uses the inspector’s words, else the guard’s name in words', () => {
    expect(guardRule('thresholdsExceeded', inspected.guards)).toBe('failure rate 60% ≥ 50% over the last 10 calls');
    expect(guardRule('waitInOpenElapsed', {})).toBe('wait in open elapsed');
    expect(guardRule('not permitLeftInCycle', {})).toBe('not (permit left in cycle)');
    expect(guardRule('not tokenLeft', { 'not tokenLeft': 'bucket empty' })).toBe('bucket empty');
    expect(guardRule('condition', {})).toBe('a condition written inline in the machine');
  });
});

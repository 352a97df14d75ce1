import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { SimClock } from '../clock';
import { Simulation } from '../engine';
import { sagaCoordinatorMachine, type SagaPlanStep } from '../machines/sagaCoordinatorMachine';
import { buildReport } from '../report';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';

const ORDER: SagaPlanStep[] = [
  { id: 'reserveStock', kind: 'compensatable' },
  { id: 'chargePayment', kind: 'compensatable' },
  { id: 'createShipment', kind: 'pivot' },
  { id: 'confirmOrder', kind: 'retriable' },
];

/** Drives a coordinator with scripted results; returns what it asked to run and where it ended. */
function coordinate(script: Array<'ok' | 'fail'>, onCompensationFailure: 'stop' | 'continue' = 'stop') {
  const ran: string[] = [];
  const actor = createActor(sagaCoordinatorMachine, { clock: new SimClock(), input: { steps: ORDER, onCompensationFailure } });
  const queue = [...script];
  actor.on('runStep', ({ index }) => {
    ran.push(`step ${ORDER[index].id}`);
    queueMicrotask(() => actor.send(queue.shift() === 'ok' ? { type: 'STEP.SUCCEEDED' } : { type: 'STEP.FAILED', reason: 'refused' }));
  });
  actor.on('runCompensation', ({ index }) => {
    ran.push(`undo ${ORDER[index].id}`);
    queueMicrotask(() => actor.send(queue.shift() === 'ok' ? { type: 'COMPENSATION.SUCCEEDED' } : { type: 'COMPENSATION.FAILED', reason: 'refused' }));
  });
  actor.start();
  return { ran, actor };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('saga coordinator (orchestration)', () => {
  it('runs the steps in order and commits', async () => {
    const { ran, actor } = coordinate(['ok', 'ok', 'ok', 'ok']);
    await settle();
    expect(ran).toEqual(['step reserveStock', 'step chargePayment', 'step createShipment', 'step confirmOrder']);
    expect(actor.getSnapshot().value).toBe('COMMITTED');
  });

  it('a failure before the pivot compensates the completed steps, newest first', async () => {
    const { ran, actor } = coordinate(['ok', 'ok', 'fail', 'ok', 'ok']);
    await settle();
    expect(ran).toEqual(['step reserveStock', 'step chargePayment', 'step createShipment', 'undo chargePayment', 'undo reserveStock']);
    expect(actor.getSnapshot().value).toBe('COMPENSATED');
  });

  it('a compensation is registered only after its step succeeded', async () => {
    const { ran, actor } = coordinate(['ok', 'fail', 'ok']);
    await settle();
    expect(ran).toEqual(['step reserveStock', 'step chargePayment', 'undo reserveStock']);
    expect(actor.getSnapshot().value).toBe('COMPENSATED');
  });

  it('a failure of the first step leaves nothing to undo', async () => {
    const { ran, actor } = coordinate(['fail']);
    await settle();
    expect(ran).toEqual(['step reserveStock']);
    expect(actor.getSnapshot().value).toBe('COMPENSATED');
  });

  it('stop (Temporal Java default): a failed compensation stops there and the saga is stuck', async () => {
    const { ran, actor } = coordinate(['ok', 'ok', 'fail', 'fail'], 'stop');
    await settle();
    expect(ran).toEqual(['step reserveStock', 'step chargePayment', 'step createShipment', 'undo chargePayment']);
    expect(actor.getSnapshot().value).toBe('STUCK');
    expect(actor.getSnapshot().context.failedCompensations).toBe(1);
  });

  it('continue (Temporal Go sample): the error is recorded, the rest are compensated, the saga is stuck', async () => {
    const { ran, actor } = coordinate(['ok', 'ok', 'fail', 'fail', 'ok'], 'continue');
    await settle();
    expect(ran).toEqual(['step reserveStock', 'step chargePayment', 'step createShipment', 'undo chargePayment', 'undo reserveStock']);
    expect(actor.getSnapshot().value).toBe('STUCK');
    expect(actor.getSnapshot().context.failedCompensations).toBe(1);
  });

  it('after the pivot the saga must finish: a failing retriable step leaves it stuck, nothing undone', async () => {
    const { ran, actor } = coordinate(['ok', 'ok', 'ok', 'fail']);
    await settle();
    expect(ran).toEqual(['step reserveStock', 'step chargePayment', 'step createShipment', 'step confirmOrder']);
    expect(actor.getSnapshot().value).toBe('STUCK');
  });
});

describe('step order is validated', () => {
  it('rejects a compensatable step after the pivot and a compensation on a pivot', () => {
    const base = {
      version: 1,
      id: 's',
      name: 's',
      durationMs: 1000,
      workload: { ratePerSec: 1, targets: [{ saga: 'o' }] },
      dependencies: [{ id: 'a' }],
    };
    const bad = {
      ...base,
      sagas: [
        {
          id: 'o',
          steps: [
            { id: 'p', dependency: 'a', kind: 'pivot', compensation: { dependency: 'a' } },
            { id: 'c', dependency: 'a', kind: 'compensatable' },
          ],
        },
      ],
    };
    expect(() => parseScenario(bad, 'x.json')).toThrow(/sagas\[0\]\.steps\[0\]\.compensation: a pivot step is never compensated/);
    expect(() => parseScenario(bad, 'x.json')).toThrow(/sagas\[0\]\.steps\[1\]\.kind: a compensatable step cannot come after a pivot step/);
  });
});

/** Random order sagas over small pools, with business failures, failing compensations and faults. */
const arbitrarySagaScenario = (coordination: 'orchestration' | 'choreography', withFaults: boolean) =>
  fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      pay: fc.double({ min: 0, max: 0.5, noNaN: true }),
      ship: fc.double({ min: 0, max: 0.5, noNaN: true }),
      refundFail: fc.double({ min: 0, max: 0.5, noNaN: true }),
      releaseFail: fc.double({ min: 0, max: 0.5, noNaN: true }),
      onCompensationFailure: fc.constantFrom('stop' as const, 'continue' as const),
      amount: fc.integer({ min: 1, max: 100 }),
      faultProbability: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(
      (a): ScenarioInput =>
        ({
          version: 1,
          id: 'saga',
          name: 'saga',
          seed: a.seed,
          durationMs: 40_000,
          workload: { arrivals: 'poisson', ratePerSec: 20, rateChanges: [{ atMs: 20_000, ratePerSec: 0 }], targets: [{ saga: 'order' }] },
          dependencies: ['inventory', 'payments', 'shipping', 'orders'].map((id) => ({
            id,
            backends: { count: 1, concurrency: 5, queueLength: 50, serviceTime: { dist: 'exponential', meanMs: 10 } },
            pipeline: [{ type: 'timeout', timeoutMs: 200 }],
          })),
          sagas: [
            {
              id: 'order',
              coordination,
              onCompensationFailure: a.onCompensationFailure,
              eventBusDelay: { dist: 'exponential', meanMs: 5 },
              steps: [
                { id: 'reserve', dependency: 'inventory', kind: 'compensatable', compensation: { dependency: 'inventory', failureProbability: a.releaseFail }, effect: { resource: 'stock', amount: 1 } },
                { id: 'charge', dependency: 'payments', kind: 'compensatable', businessFailureProbability: a.pay, compensation: { dependency: 'payments', failureProbability: a.refundFail }, effect: { resource: 'money', amount: a.amount } },
                { id: 'ship', dependency: 'shipping', kind: 'pivot', businessFailureProbability: a.ship },
                { id: 'confirm', dependency: 'orders', kind: 'retriable', retry: { maxAttempts: 5, initialIntervalMs: 100, backoffCoefficient: 2 } },
              ],
            },
          ],
          timeline: withFaults ? [{ type: 'fault', kind: 'error', target: 'payments', atMs: 5_000, durationMs: 5_000, probability: a.faultProbability }] : [],
        }) as ScenarioInput,
    );

describe('saga properties', () => {
  it('no stock or money is created or lost, and every saga ends committed, compensated or visibly stuck', () => {
    fc.assert(
      fc.property(fc.constantFrom('orchestration' as const, 'choreography' as const), fc.integer({ min: 0, max: 2 ** 30 }), (mode, k) => {
        const input = fc.sample(arbitrarySagaScenario(mode, true), { seed: k, numRuns: 1 })[0];
        const sim = new Simulation(parseScenario(input, 'property'));
        for (let t = 2_000; t <= 40_000; t += 6_000) {
          sim.advance(t);
          expect(buildReport(sim).sagas.balanced).toBe(true);
        }
        sim.runToEnd();
        const s = buildReport(sim).sagas;
        expect(s.inFlight).toBe(0); // orders stop at 20 s; everything ends by 40 s
        expect(s.completed + s.compensated + s.stuck).toBe(s.started);
        expect(s.balanced).toBe(true);
        // A fully compensated saga holds nothing; what is held is held by committed or stuck ones.
        expect(s.ledgers.stock.heldCommitted).toBe(s.completed);
        sim.stop();
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('choreography reaches the same outcome as orchestration for every order (no timed faults)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (k) => {
        const orchestrated = fc.sample(arbitrarySagaScenario('orchestration', false), { seed: k, numRuns: 1 })[0];
        const choreographed = { ...orchestrated, sagas: orchestrated.sagas!.map((s) => ({ ...s, coordination: 'choreography' as const })) };
        const outcomes = (input: ScenarioInput) => {
          const sim = new Simulation(parseScenario(input, 'property'));
          const byInstance = new Map<number, string>();
          sim.sagas[0].onOutcome = (instance, outcome) => byInstance.set(instance, outcome);
          sim.runToEnd();
          const report = buildReport(sim).sagas;
          sim.stop();
          return { byInstance: [...byInstance.entries()].sort((a, b) => a[0] - b[0]), ledgers: report.ledgers };
        };
        const a = outcomes(orchestrated);
        const b = outcomes(choreographed);
        expect(b.byInstance).toEqual(a.byInstance);
        expect(b.ledgers).toEqual(a.ledgers);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbitrarySagaScenario('choreography', true), (input) => {
        const run = () => {
          const sim = new Simulation(parseScenario(input, 'property'));
          sim.runToEnd();
          const json = JSON.stringify(buildReport(sim));
          sim.stop();
          return json;
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});

/**
 * The orchestrator of one saga instance (one order). It decides, the engine does: on entering a
 * step or a compensation the machine emits what to run; the engine makes the calls through the
 * dependency's pipeline (retries, breakers, faults and all) and reports back.
 *  - Steps run in order. A step that fails (a business refusal, or transient failures after its
 *    retries) before the pivot has succeeded starts compensation of the completed steps, newest
 *    first (a compensation is registered only once its step succeeded).
 *  - Once the pivot has succeeded the saga must finish: a retriable step that still fails leaves
 *    it STUCK.
 *  - A compensation that fails stops compensation (Temporal Java's default) or is recorded and
 *    skipped (its Go sample); either way the saga ends STUCK, visibly.
 */
import { assign, emit, setup } from 'xstate';

export interface SagaPlanStep {
  id: string;
  kind: 'compensatable' | 'pivot' | 'retriable';
}

export interface SagaCoordinatorContext {
  steps: SagaPlanStep[];
  onCompensationFailure: 'stop' | 'continue';
  /** Index of the step running (EXECUTING). */
  step: number;
  /** Completed compensatable steps, oldest first: the compensations to run, newest first. */
  completed: number[];
  /** Index into `completed` of the compensation running (COMPENSATING). */
  compensating: number;
  failedCompensations: number;
  pivotDone: boolean;
  cause: string;
}

export type SagaCoordinatorEvent =
  | { type: 'STEP.SUCCEEDED' }
  | { type: 'STEP.FAILED'; reason: string }
  | { type: 'COMPENSATION.SUCCEEDED' }
  | { type: 'COMPENSATION.FAILED'; reason: string };

export type SagaCoordinatorEmitted = { type: 'runStep'; index: number } | { type: 'runCompensation'; index: number };

export const SAGA_STATES = ['EXECUTING', 'COMPENSATING', 'COMMITTED', 'COMPENSATED', 'STUCK'] as const;

export const sagaCoordinatorMachine = setup({
  types: {
    context: {} as SagaCoordinatorContext,
    events: {} as SagaCoordinatorEvent,
    input: {} as { steps: SagaPlanStep[]; onCompensationFailure: 'stop' | 'continue' },
    emitted: {} as SagaCoordinatorEmitted,
  },
  guards: {
    lastStep: ({ context }) => context.step === context.steps.length - 1,
    pivotAlreadyDone: ({ context }) => context.pivotDone,
    nothingToCompensate: ({ context }) => context.completed.length === 0,
    lastCompensation: ({ context }) => context.compensating === 0,
    lastCompensationWithFailures: ({ context }) => context.compensating === 0 && context.failedCompensations > 0,
    stopOnCompensationFailure: ({ context }) => context.onCompensationFailure === 'stop',
  },
  actions: {
    runCurrentStep: emit(({ context }) => ({ type: 'runStep' as const, index: context.step })),
    runCurrentCompensation: emit(({ context }) => ({ type: 'runCompensation' as const, index: context.completed[context.compensating] })),
    recordStepDone: assign(({ context }) => {
      const step = context.steps[context.step];
      return {
        completed: step.kind === 'compensatable' ? [...context.completed, context.step] : context.completed,
        pivotDone: context.pivotDone || step.kind === 'pivot',
      };
    }),
    nextStep: assign({ step: ({ context }) => context.step + 1 }),
    startCompensating: assign(({ context, event }) => ({
      compensating: context.completed.length - 1,
      cause: `${context.steps[context.step].id} failed (${event.type === 'STEP.FAILED' ? event.reason : ''}): compensating ${context.completed
        .slice()
        .reverse()
        .map((i) => context.steps[i].id)
        .join(', ')}, newest first`,
    })),
    nextCompensation: assign({ compensating: ({ context }) => context.compensating - 1 }),
    countFailedCompensation: assign({ failedCompensations: ({ context }) => context.failedCompensations + 1 }),
  },
}).createMachine({
  id: 'sagaCoordinator',
  context: ({ input }) => ({
    steps: input.steps,
    onCompensationFailure: input.onCompensationFailure,
    step: 0,
    completed: [],
    compensating: -1,
    failedCompensations: 0,
    pivotDone: false,
    cause: 'started',
  }),
  initial: 'EXECUTING',
  states: {
    EXECUTING: {
      entry: 'runCurrentStep',
      on: {
        'STEP.SUCCEEDED': [
          {
            guard: 'lastStep',
            target: 'COMMITTED',
            actions: ['recordStepDone', assign({ cause: ({ context }) => `all ${context.steps.length} steps done` })],
          },
          { target: 'EXECUTING', reenter: true, actions: ['recordStepDone', 'nextStep'] },
        ],
        'STEP.FAILED': [
          {
            guard: 'pivotAlreadyDone',
            target: 'STUCK',
            actions: assign({
              cause: ({ context, event }) => `${context.steps[context.step].id} failed after the pivot (${event.reason}): the saga can neither finish nor be undone`,
            }),
          },
          {
            guard: 'nothingToCompensate',
            target: 'COMPENSATED',
            actions: assign({ cause: ({ context, event }) => `${context.steps[context.step].id} failed (${event.reason}); nothing to undo` }),
          },
          { target: 'COMPENSATING', actions: 'startCompensating' },
        ],
      },
    },
    COMPENSATING: {
      entry: 'runCurrentCompensation',
      on: {
        'COMPENSATION.SUCCEEDED': [
          {
            guard: 'lastCompensationWithFailures',
            target: 'STUCK',
            actions: assign({ cause: ({ context }) => `compensation finished with ${context.failedCompensations} failed: partly compensated` }),
          },
          { guard: 'lastCompensation', target: 'COMPENSATED', actions: assign({ cause: 'every completed step undone' }) },
          { target: 'COMPENSATING', reenter: true, actions: 'nextCompensation' },
        ],
        'COMPENSATION.FAILED': [
          {
            guard: 'stopOnCompensationFailure',
            target: 'STUCK',
            actions: [
              'countFailedCompensation',
              assign({ cause: ({ context, event }) => `compensating ${context.steps[context.completed[context.compensating]].id} failed (${event.reason}); compensation stops (continueWithError = false)` }),
            ],
          },
          {
            guard: 'lastCompensation',
            target: 'STUCK',
            actions: ['countFailedCompensation', assign({ cause: ({ context }) => `compensation finished with ${context.failedCompensations} failed: partly compensated` })],
          },
          { target: 'COMPENSATING', reenter: true, actions: ['countFailedCompensation', 'nextCompensation'] },
        ],
      },
    },
    COMMITTED: { type: 'final' },
    COMPENSATED: { type: 'final' },
    STUCK: { type: 'final' },
  },
});

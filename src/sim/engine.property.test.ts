import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { buildReport } from './report';
import { parseScenario } from './scenario/validate';
import { arbitraryScenario } from './testing/arbitraryScenario';

describe('requests are conserved', () => {
  it('generated = succeeded + fallback + failed + rejected + timedOut + inFlight at every checkpoint, overall and per dependency', () => {
    fc.assert(
      fc.property(arbitraryScenario, (input) => {
        const sim = new Simulation(parseScenario(input, 'property'));
        for (let t = 1_000; t <= sim.durationMs; t += 2_500) {
          sim.advance(t);
          const all = sim.recorder.all.totals();
          expect(all.inFlight).toBeGreaterThanOrEqual(0);
          expect(all.succeeded + all.fallback + all.failed + all.rejected + all.timedOut + all.inFlight).toBe(all.generated);
          let sum = 0;
          for (const d of sim.recorder.perDep) {
            const tt = d.totals();
            expect(tt.inFlight).toBeGreaterThanOrEqual(0);
            sum += tt.generated;
          }
          expect(sum).toBe(all.generated);
          // Instances never count below zero.
          for (const d of sim.deps) for (const b of d.backends) expect(b.busy >= 0 && b.queued >= 0).toBe(true);
          // The series agrees with the totals.
          const points = buildReport(sim).series.points;
          const generated = points.reduce((a, p) => a + p.generated, 0);
          expect(generated).toBe(all.generated);
        }
        sim.runToEnd();
        sim.stop();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('determinism', () => {
  it('the same scenario and seed give byte-identical reports', () => {
    fc.assert(
      fc.property(arbitraryScenario, (input) => {
        const run = () => {
          const sim = new Simulation(parseScenario(input, 'property'));
          sim.runToEnd();
          const json = JSON.stringify(buildReport(sim));
          sim.stop();
          return json;
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('running in slices (as the worker does) gives the same report as one go', () => {
    fc.assert(
      fc.property(arbitraryScenario, fc.integer({ min: 1, max: 4000 }), (input, slice) => {
        const whole = new Simulation(parseScenario(input, 'property'));
        whole.runToEnd();
        const sliced = new Simulation(parseScenario(input, 'property'));
        for (let t = slice; !sliced.done; t += slice) sliced.advance(t);
        expect(JSON.stringify(buildReport(sliced))).toBe(JSON.stringify(buildReport(whole)));
        whole.stop();
        sliced.stop();
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});

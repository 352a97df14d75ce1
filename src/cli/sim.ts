/**
 * Headless runner: `npm run sim -- <file> [--seed N] [--json | --csv] [--check]`.
 * Exit codes: 0 ok, 1 an expectation failed (--check), 2 bad input.
 */
import { readFileSync } from 'node:fs';
import { Simulation } from '../sim/engine';
import { buildReport, seriesPoints } from '../sim/report';
import { seriesCsv } from '../sim/seriesCsv';
import { ScenarioError } from '../sim/scenario/errors';
import { parseScenarioText } from '../sim/scenario/validate';
import { formatChecks, formatSummary } from './format';

const USAGE = 'usage: npm run sim -- <scenario.json> [--seed N] [--json | --csv] [--check]';

interface Args {
  file: string;
  seed?: number;
  json: boolean;
  /** Print the per-bucket series (every request, then each dependency) as CSV. */
  csv: boolean;
  check: boolean;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { json: false, csv: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--csv') args.csv = true;
    else if (a === '--check') args.check = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const raw = a === '--seed' ? argv[++i] : a.slice('--seed='.length);
      if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) > 4_294_967_295) {
        fail(`--seed: expected a whole number from 0 to 4294967295, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
      }
      args.seed = Number(raw);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('-')) fail(`unknown option ${a}; ${USAGE}`);
    else if (args.file === undefined) args.file = a;
    else fail(`more than one scenario file (${args.file}, ${a}); ${USAGE}`);
  }
  if (args.file === undefined) fail(USAGE);
  if (args.json && args.csv) fail(`--json and --csv: choose one; ${USAGE}`);
  return args as Args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (err) {
    fail(`${args.file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let sim: Simulation;
  try {
    sim = new Simulation(parseScenarioText(text, args.file), { seed: args.seed });
  } catch (err) {
    if (err instanceof ScenarioError) fail(err.oneLine);
    throw err;
  }

  const started = performance.now();
  let lastProgress = started;
  let shown = false;
  const progress = (): boolean => {
    const now = performance.now();
    if (now - lastProgress >= 500) {
      lastProgress = now;
      shown = true;
      const pctDone = ((100 * sim.now) / sim.durationMs).toFixed(0);
      const line = `running ${args.file}: ${pctDone}% (${(sim.now / 1000).toFixed(0)} of ${(sim.durationMs / 1000).toFixed(0)} simulated s)`;
      process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
    }
    return false;
  };
  sim.runToEnd(progress);
  if (shown && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const wallMs = performance.now() - started;
  const report = buildReport(sim);
  const csv = args.csv
    ? seriesCsv(
        [{ scope: 'all', points: seriesPoints(sim, 0) }, ...(sim.deps.length > 1 ? sim.deps.map((d, i) => ({ scope: d.id, points: seriesPoints(sim, i + 1) })) : [])],
        report.series.bucketMs,
      )
    : '';
  sim.stop();

  if (args.csv) process.stdout.write(csv);
  else if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (args.check) process.stdout.write(`${formatChecks(report)}\n`);
  else process.stdout.write(`${formatSummary(report, wallMs)}\n`);

  if (args.check && report.expectations.some((e) => !e.pass)) {
    if (args.json || args.csv) process.stderr.write(`${formatChecks(report)}\n`);
    process.exit(1);
  }
}

main();

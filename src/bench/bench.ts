/**
 * `npm run bench`: speed figures, reported and never asserted (timings on shared 2-core machines
 * are too noisy for pass/fail). `npm run bench -- engine` runs one suite.
 */
import { breakerBench, type ThroughputResult } from './engineBench';

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function printThroughput(results: ThroughputResult[]): void {
  for (const r of results) {
    console.log(
      `${r.label.padEnd(44)} ${fmt(r.requests)} requests · min ${fmt(r.min)} req/s · median ${fmt(r.median)} req/s · heap ≤ ${r.heapMB.toFixed(0)} MB`,
    );
  }
  if (results.length === 2) console.log(`${'breaker ÷ bare (median)'.padEnd(44)} ${(results[0].median / results[1].median).toFixed(2)}`);
}

const suites: Record<string, () => Promise<void> | void> = {
  engine: () => {
    console.log('\n## Engine, headless (one warm-up, five runs)');
    printThroughput(breakerBench());
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(suites);
  for (const name of names) {
    const suite = suites[name];
    if (!suite) {
      console.error(`unknown suite "${name}"; suites: ${Object.keys(suites).join(', ')}`);
      process.exit(2);
    }
    await suite();
  }
}

void main();

/**
 * `npm run bench`: speed figures, reported and never asserted (timings on shared 2-core machines
 * are too noisy for pass/fail). `npm run bench -- engine` runs one suite.
 */
import { closeApp, measureFrames, measureSeeks, measureStartSize, timePageRun } from './browserBench';
import { breakerBench, fullPipelineBench, scalePreset, type ThroughputResult } from './engineBench';

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function printThroughput(results: ThroughputResult[]): void {
  for (const r of results) {
    console.log(
      `${r.label.padEnd(44)} ${fmt(r.requests)} requests · min ${fmt(r.min)} req/s · median ${fmt(r.median)} req/s · retains ≤ ${r.heapMB.toFixed(1)} MB`,
    );
  }
  if (results.length === 2) console.log(`${'breaker ÷ bare (median)'.padEnd(44)} ${(results[0].median / results[1].median).toFixed(2)}`);
}

const suites: Record<string, () => Promise<void> | void> = {
  engine: () => {
    console.log('\n## Engine, headless (one warm-up, five runs)');
    const [breaker, bare] = breakerBench();
    printThroughput([breaker, bare]);
    const full = fullPipelineBench();
    printThroughput([full]);
    console.log(`${'full pipeline ÷ bare (median)'.padEnd(44)} ${(full.median / bare.median).toFixed(2)}`);
  },
  page: async () => {
    console.log('\n## In the page (Chromium, built app, max speed; one warm-up, three runs)');
    const r = await timePageRun('breaker preset at 1,000 req/s for 60 s', scalePreset('outage-with-breaker', 1000, 60_000));
    console.log(
      `${r.label.padEnd(44)} ${fmt(r.requests)} requests · to the end in median ${fmt(r.medianWallMs)} ms (runs ${r.wallMs.map(fmt).join(', ')} ms) · longest main-thread task ${fmt(r.longestTaskMs)} ms`,
    );
    await closeApp();
  },
  size: async () => {
    console.log('\n## JavaScript loaded at start (page and worker, gzipped at level 9)');
    const r = await measureStartSize();
    for (const f of r.files) console.log(`${f.url.padEnd(44)} ${fmt(f.bytes / 1024)} KB · gzipped ${fmt(f.gzipBytes / 1024)} KB`);
    console.log(`${'total'.padEnd(44)} ${fmt(r.totalBytes / 1024)} KB · gzipped ${fmt(r.totalGzipBytes / 1024)} KB (aim < 300 KB)`);
    await closeApp();
  },
  seek: async () => {
    console.log('\n## Seeking back in a 10-minute run (Chromium, built app; call to painted frame)');
    const r = await measureSeeks('breaker preset at 1,000 req/s for 10 min', scalePreset('outage-with-breaker', 1000, 600_000));
    console.log(
      `${r.label.padEnd(44)} ${fmt(r.requests)} requests · ${r.seeksMs.length} seeks · median ${r.medianMs.toFixed(0)} ms · longest ${r.maxMs.toFixed(0)} ms (aim < 100 ms)`,
    );
    await closeApp();
  },
  fps: async () => {
    console.log('\n## Frames while the worker is busy (Chromium, built app, max speed, 10 s of wall time)');
    const scenario = scalePreset('balancer-p2c', 5000, 3_600_000);
    for (const tabs of [[], ['Per backend']]) {
      const r = await measureFrames(`balancer-p2c ×4.5 (5,000 req/s for 1 h)${tabs.length ? ` [${tabs.join(', ')} tab]` : ''}`, scenario, 10, tabs);
      console.log(
        `${r.label.padEnd(60)} median ${r.medianFps} fps (worst second ${r.p5Fps}) · ${r.longTasks} long tasks, longest ${fmt(r.longestTaskMs)} ms · ${(r.simulatedMs / 1000).toFixed(0)} simulated s`,
      );
    }
    await closeApp();
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
  process.exit(0);
}

void main();

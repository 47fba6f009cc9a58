/**
 * Memory under a long launch storm (issue #8): one tool process on real PostgreSQL takes launches of distinct
 * people (the launch-storm generator, a separate process) for BENCH_MINUTES (default 10) while its RSS is read
 * from /proc every 10 s. Targets: RSS < 300 MB throughout, and no growth from minute 2 to the end (the mean of
 * the last minute at most 10 % or 16 MB above the mean of minute 2 to 3; with a run shorter than 10 minutes
 * the windows scale: from 20 % to 30 % of the run, and its last 10 %).
 *
 *   npm run bench:memory                      (tsx bench/memory.bench.ts)
 *   BENCH_MINUTES=3 npm run bench:memory
 *   BENCH_MEMORY_CONCURRENCY=16               launches in flight (default 16)
 */
import os from 'node:os';
import { rssBytes, startStorm } from './launch-storm.harness';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const CONCURRENCY = Number(process.env.BENCH_MEMORY_CONCURRENCY ?? 16);
const SAMPLE_MS = Math.min(10_000, (MINUTES * 60_000) / 30);
const LIMIT_MB = 300;
const MB = 1024 * 1024;

interface Sample {
  atSeconds: number;
  rssMb: number;
  heapMb: number;
  launches: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const seconds = MINUTES * 60;
  const storm = await startStorm();
  const samples: Sample[] = [];
  let launches = 0;
  let errors = 0;
  const started = Date.now();
  const rss0 = rssBytes(storm.tool.pid) / MB;
  try {
    const timer = setInterval(async () => {
      const at = Math.round((Date.now() - started) / 1000);
      const rssMb = rssBytes(storm.tool.pid) / MB;
      const mem = await storm.memory();
      samples.push({ atSeconds: at, rssMb, heapMb: mem.heapUsed / MB, launches });
      console.log(`  ${String(at).padStart(4)} s  RSS ${rssMb.toFixed(0)} MB  heap used ${(mem.heapUsed / MB).toFixed(0)} of ${(mem.heapTotal / MB).toFixed(0)} MB${mem.afterGc ? ' (after GC)' : ''}, external ${(mem.external / MB).toFixed(0)} MB  ${launches} launches`);
    }, SAMPLE_MS);
    const result = await storm.run({ label: 'memory', concurrency: CONCURRENCY, seconds, progressMs: 1000 }, (p) => {
      launches += p.launches;
      errors = p.errors;
    });
    clearInterval(timer);
    launches = result.launches;
    errors = result.errors;
    if (result.errors) console.error(`${result.errors} failed launches, e.g. ${result.firstErrors.join(' | ')}`);
  } finally {
    await storm.close();
  }

  const window = (from: number, to: number) => samples.filter((s) => s.atSeconds >= from * seconds && s.atSeconds <= to * seconds).map((s) => s.rssMb);
  // Minute 2 to 3 of a 10-minute run is 20 % to 30 % of it; the last minute is its last 10 %.
  const early = mean(window(0.2, 0.3));
  const late = mean(window(0.9, 1));
  const peak = Math.max(...samples.map((s) => s.rssMb));
  const growth = late - early;
  const allowed = Math.max(16, early * 0.1);
  const ok = errors === 0 && peak < LIMIT_MB && growth <= allowed;
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nMemory under a launch storm: ${MINUTES} min at concurrency ${CONCURRENCY}, ${launches} launches (${(launches / seconds).toFixed(0)}/s), ${errors} failed, ${os.cpus().length} CPUs, load average ${load}, ${new Date().toISOString()}\n`);
  console.log('| RSS at start | mean, 20–30 % of the run | mean, last 10 % | growth | peak |');
  console.log('|---|---|---|---|---|');
  console.log(`| ${rss0.toFixed(0)} MB | ${early.toFixed(0)} MB | ${late.toFixed(0)} MB | ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB (allowed ${allowed.toFixed(0)}) | ${peak.toFixed(0)} MB |`);
  console.log(`\nRESULT memory minutes=${MINUTES} launches=${launches} peakRss=${peak.toFixed(0)}MB target<${LIMIT_MB}MB growth=${growth.toFixed(1)}MB target<=${allowed.toFixed(0)}MB failed=${errors} ${ok ? 'PASS' : 'FAIL'}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Roster sync benchmark on real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test):
 * the sandbox LMS holds a course of 10,000 members served 100 per page (100 pages); a tool process syncs it
 * over HTTP through the job queue, as in production. Three runs: the first launch (10,000 new people), an
 * unchanged re-sync, and a re-sync after 1,000 leavers and 1,000 role changes. Target: under 5 s each, end to
 * end (request → run finished), with memory flat (the tool holds one page at a time).
 *
 *   npm run bench:roster              (tsx bench/roster-sync.bench.ts)
 *   BENCH_MEMBERS=50000 npm run bench:roster
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import pino from 'pino';
import { loadConfig } from '../config/config';
import { createDb } from '../db/connection';
import { migrateLatest } from '../db/migrate';
import { startTool } from '../lti-tool/src/server';
import { createSandboxNrpsStore } from '../lti-tool/src/sandbox/sandbox.nrps.store';
import { DEMO_CONTEXT, PERSONAS } from '../lti-tool/src/sandbox/sandbox.personas';
import { api, launchAs } from '../test/helpers/ltiFlow';
import type { TestTool } from '../test/helpers/testTool';

const DB_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const PAGE_SIZE = 100;
const TARGET_SECONDS = 5;
const MB = 1024 * 1024;

interface Sample {
  name: string;
  seconds: number;
  runSeconds: number;
  pickupSeconds: number;
  cpuSeconds: number;
  pages: number;
  members: number;
  changes: string;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  heapAfterGc: number | null;
  heapPeak: number;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Measures one sync from the moment it is queued (`start` queues it) until the API reports it finished,
 * sampling memory meanwhile.
 */
async function measure(name: string, tool: TestTool, token: () => string, start: () => Promise<void>): Promise<Sample> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await start();
  let run: Record<string, any> | null = null;
  for (const until = Date.now() + 120_000; ; ) {
    const res = await api(tool, '/api/roster/syncs/latest', token());
    if (res.status !== 200) throw new Error(`${name}: latest sync answered ${res.status}`);
    run = ((await res.json()) as { sync: Record<string, any> | null }).sync;
    if (run && (run.status === 'succeeded' || run.status === 'failed')) break;
    if (Date.now() > until) throw new Error(`${name}: no finished sync after 120 s (${JSON.stringify(run)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (run.status !== 'succeeded') throw new Error(`${name}: sync failed: ${run.error}`);
  return {
    name,
    seconds,
    runSeconds: (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000,
    cpuSeconds: (() => {
      const c = process.cpuUsage(cpu0);
      return (c.user + c.system) / 1e6;
    })(),
    pickupSeconds: (Date.parse(run.startedAt) - Date.parse(run.queuedAt)) / 1000,
    pages: run.progress.pagesFetched,
    members: run.progress.membersFetched,
    changes: Object.entries(run.changes).map(([k, v]) => `${k} ${v}`).join(', '),
    rssBefore,
    rssPeak,
    rssAfter: process.memoryUsage().rss,
    heapAfterGc: global.gc ? (global.gc(), process.memoryUsage().heapUsed) : null,
    heapPeak,
  };
}

async function main(): Promise<void> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = createDb({ kind: 'postgres', url: DB_URL, poolMax: 1 });
  await admin.raw('CREATE SCHEMA ??', [schema]);
  await admin.destroy();
  const db = createDb({ kind: 'postgres', url: DB_URL, poolMax: 10, schema });
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_SCHEMA: `${schema}_jobs`, JOB_POLLING_SECONDS: '0.5' });
  let stop: () => Promise<void> = async () => undefined;
  try {
    await migrateLatest(db);
    const running = await startTool({ config, db, logger: pino({ level: 'silent' }), ownsDb: false });
    stop = () => running.close();
    const tool = { ...running, config, stop } as TestTool;
    const roster = createSandboxNrpsStore(db);
    await roster.saveSettings(DEMO_CONTEXT.id, { pageSize: PAGE_SIZE });
    await roster.generate(DEMO_CONTEXT.id, { count: MEMBERS - PERSONAS.length, prefix: 'bench-staff', role: 'Learner' });

    const samples: Sample[] = [];
    let token = '';
    // The first launch queues the first sync inside its own transaction; the clock starts when the launch has answered.
    const launch = await launchAs(tool, 'admin');
    if (launch.res.status !== 200 || !launch.token) throw new Error(`launch failed: ${launch.res.status}`);
    token = launch.token;
    samples.push(await measure('first sync after the first launch (all new)', tool, () => token, async () => undefined));
    const request = async () => {
      const res = await api(tool, '/api/roster/sync', token, { method: 'POST' });
      if (res.status !== 202) throw new Error(`sync request: ${res.status}`);
    };
    samples.push(await measure('unchanged re-sync', tool, () => token, request));
    await db('sandbox_nrps_members').where({ context_id: DEMO_CONTEXT.id }).whereRaw('position % 10 = 0').update({ removed: true });
    await db('sandbox_nrps_members').where({ context_id: DEMO_CONTEXT.id }).whereRaw('position % 10 = 1').update({ roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'] });
    samples.push(await measure('1,000 leavers + 1,000 promotions', tool, () => token, request));

    const load = os.loadavg()[0]!.toFixed(1);
    console.log(`\nRoster sync benchmark: ${MEMBERS} members, ${PAGE_SIZE} per page, PostgreSQL ${DB_URL.replace(/\/\/[^@]*@/, '//')}, ${os.cpus().length} CPUs, load average ${load}\n`);
    console.log('| run | end to end | queued → started | run only | CPU (tool + sandbox) | pages | members | changes | RSS before → peak → after | heap peak | heap after GC |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const s of samples) {
      console.log(
        `| ${s.name} | ${s.seconds.toFixed(2)} s | ${s.pickupSeconds.toFixed(2)} s | ${s.runSeconds.toFixed(2)} s | ${s.cpuSeconds.toFixed(2)} s | ${s.pages} | ${s.members} | ${s.changes} | ` +
          `${(s.rssBefore / MB).toFixed(0)} → ${(s.rssPeak / MB).toFixed(0)} → ${(s.rssAfter / MB).toFixed(0)} MB | ${(s.heapPeak / MB).toFixed(0)} MB | ${s.heapAfterGc === null ? 'n/a (run with --expose-gc)' : `${(s.heapAfterGc / MB).toFixed(0)} MB`} |`,
      );
    }
    const worst = Math.max(...samples.map((s) => s.seconds));
    const growth = Math.max(...samples.map((s) => s.rssPeak - s.rssBefore)) / MB;
    const ok = worst < TARGET_SECONDS;
    console.log(`\nRESULT roster-sync members=${MEMBERS} pages=${samples[0]!.pages} worst=${worst.toFixed(2)}s target<${TARGET_SECONDS}s rssGrowthMax=${growth.toFixed(0)}MB ${ok ? 'PASS' : 'FAIL'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stop();
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [`${schema}_jobs`]);
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

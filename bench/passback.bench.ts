/**
 * Grade passback benchmark on real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
 * 10,000 scores (1,000 learners × 10 competencies) are enqueued while no worker runs; then tool processes
 * (BENCH_PROCESSES, default 1; several share one port, as instances behind a load balancer) start and drain
 * them against the sandbox AGS over HTTP. Run 1: a healthy LMS (target ≥ 500 scores/s). Run 2: 30 % of
 * AGS calls fail transiently (429, 500, 502 HTML page); all 10,000 must be delivered, none twice.
 *
 *   npm run bench:passback                                    (tsx bench/passback.bench.ts)
 *   BENCH_SCORES=2000 BENCH_PROCESSES=1 GRADE_WORKERS=4 GRADE_BATCH_SIZE=200 npm run bench:passback
 */
import cluster from 'node:cluster';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import pino from 'pino';
import { loadConfig, type Config } from '../config/config';
import { createDb } from '../db/connection';
import { migrateLatest } from '../db/migrate';
import { createServices } from '../lti-tool/src/app';
import { startTool } from '../lti-tool/src/server';
import { createSandboxAgsStore, type FaultSpec } from '../lti-tool/src/sandbox/sandbox.ags.store';
import { DEMO_CONTEXT } from '../lti-tool/src/sandbox/sandbox.personas';
import { launchAs } from '../test/helpers/ltiFlow';
import type { TestTool } from '../test/helpers/testTool';

const DB_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCORES = Number(process.env.BENCH_SCORES ?? 10_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const COMPETENCIES = 10;
const LEARNERS = Math.ceil(SCORES / COMPETENCIES);
const TUNING = {
  GRADE_WORKERS: process.env.GRADE_WORKERS ?? '2',
  GRADE_BATCH_SIZE: process.env.GRADE_BATCH_SIZE ?? '250',
  DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
};
const logger = pino({ level: 'silent' });

interface RunResult {
  name: string;
  enqueueSeconds: number;
  /** From starting the worker processes until nothing is pending. */
  drainSeconds: number;
  /** Between the first and the last delivery (without process start-up). */
  deliveryRate: number;
  /** Node CPU of the worker processes (tool and sandbox share them) per score. */
  cpuMsPerScore: number;
  delivered: number;
  failed: number;
  accepted: number;
  duplicates: number;
  attempts: number;
}

const configFor = (schema: string, port: number, env: Record<string, string>): Config =>
  loadConfig({ NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_SCHEMA: `${schema}_jobs`, JOB_POLLING_SECONDS: '0.5', ...TUNING, ...env });
const dbFor = (schema: string) => createDb({ kind: 'postgres', url: DB_URL, poolMax: Number(TUNING.DATABASE_POOL_MAX), schema });
const count = async (q: Promise<unknown>) => Number(((await q) as { n: string | number } | undefined)?.n ?? 0);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A cluster worker: one tool process serving the shared port and working the queues until told to stop. */
async function workerMain(): Promise<void> {
  const { schema, port, env } = JSON.parse(process.env.BENCH_WORKER!) as { schema: string; port: number; env: Record<string, string> };
  const db = dbFor(schema);
  const tool = await startTool({ config: configFor(schema, port, env), db, logger, ownsDb: true });
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    await tool.close();
    const cpu = process.cpuUsage();
    process.send!({ cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  });
  process.send!('ready');
}

/** Starts the tool processes on one port; resolves with a stop function that reports their CPU time. */
async function startWorkers(schema: string, port: number, env: Record<string, string>): Promise<() => Promise<number>> {
  const workers = Array.from({ length: PROCESSES }, () => cluster.fork({ BENCH_WORKER: JSON.stringify({ schema, port, env }) }));
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  return async () => {
    const cpu = await Promise.all(workers.map((w) => new Promise<number>((resolve) => {
      w.once('message', (m: { cpuMs: number }) => resolve(m.cpuMs));
      w.send('stop');
    })));
    return cpu.reduce((a, b) => a + b, 0);
  };
}

async function run(name: string, faults: FaultSpec[], env: Record<string, string>): Promise<RunResult> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = createDb({ kind: 'postgres', url: DB_URL, poolMax: 1 });
  await admin.raw('CREATE SCHEMA ??', [schema]);
  await admin.destroy();
  const db = dbFor(schema);
  const port = await freePort();
  const config = configFor(schema, port, env);
  try {
    await migrateLatest(db);
    // The course exists (one launch), its first roster sync settles, then the learners are added.
    const setup = await startTool({ config, db, logger, ownsDb: false });
    const { res } = await launchAs({ ...setup, config, stop: () => setup.close() } as TestTool, 'teacher-1');
    if (res.status !== 200) throw new Error(`setup launch failed: ${res.status}`);
    for (let i = 0; i < 600 && (await db('roster_syncs').whereIn('status', ['queued', 'running']).first()); i++) await new Promise((r) => setTimeout(r, 100));
    await setup.close();
    const context = await db('contexts').where({ lti_context_id: DEMO_CONTEXT.id }).first('id');
    const { platform_id: platformId } = await db('users').where({ sub: 'sandbox-teacher-1' }).first('platform_id');
    const learners = Array.from({ length: LEARNERS }, (_, i) => ({ id: randomUUID(), platform_id: platformId, sub: `bench-learner-${i}`, name: `Learner ${i}` }));
    await db.batchInsert('users', learners, 500);
    const learnerRole = ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'];
    await db.batchInsert('memberships', learners.map((u) => ({ id: randomUUID(), context_id: context.id, user_id: u.id, lti_roles: learnerRole, role: 'participant', status: 'active' })), 500);
    for (const f of faults) await createSandboxAgsStore(db).addFault(DEMO_CONTEXT.id, f);

    // Enqueue as features do (a transaction each, here 250 scores), with the queue declared but no worker.
    const enqueuer = createServices({ config, db, logger });
    await enqueuer.jobs.start(enqueuer.grades.jobDefinitions().map((d) => d.queue));
    const t0 = Date.now();
    const at = Date.now() - 3600_000;
    const chunks = Array.from({ length: Math.ceil(SCORES / 250) }, (_, c) => c * 250);
    for (let i = 0; i < chunks.length; i += 4) {
      await Promise.all(chunks.slice(i, i + 4).map((start) => db.transaction(async (trx) => {
        for (let n = start; n < Math.min(SCORES, start + 250); n++) {
          const c = n % COMPETENCIES;
          await enqueuer.grades.service.enqueueScore(
            { contextId: context.id, userId: learners[Math.floor(n / COMPETENCIES)]!.id, lineItem: { resourceId: `competency-${c}`, tag: 'competency', label: `Competency ${c}`, scoreMaximum: 4 }, scoreGiven: (n % 5) * 0.75, activityProgress: 'Completed', gradingProgress: 'FullyGraded', at: new Date(at + n) },
            trx,
          );
        }
      })));
    }
    const enqueueSeconds = (Date.now() - t0) / 1000;
    await enqueuer.jobs.stop();

    const t1 = Date.now();
    const stop = await startWorkers(schema, port, env);
    for (let pending = SCORES; pending > 0; ) {
      await new Promise((r) => setTimeout(r, 200));
      pending = await count(db('score_passbacks').where({ status: 'pending' }).count({ n: '*' }).first());
      if (Date.now() - t1 > 20 * 60_000) throw new Error(`${pending} passbacks still pending after 20 minutes`);
    }
    const drainSeconds = (Date.now() - t1) / 1000;
    const cpuMs = await stop();

    const span = await db('score_passbacks').where({ status: 'delivered' }).min({ first: 'delivered_at' }).max({ last: 'delivered_at' }).first();
    const deliverySeconds = (new Date(span!.last).getTime() - new Date(span!.first).getTime()) / 1000;
    const received = await count(db('sandbox_ags_scores').count({ n: '*' }).first());
    const distinct = Number((await db.raw('SELECT count(*) AS n FROM (SELECT DISTINCT line_item_id, user_id FROM sandbox_ags_scores) s')).rows[0].n);
    return {
      name,
      enqueueSeconds,
      drainSeconds,
      deliveryRate: SCORES / Math.max(deliverySeconds, 0.001),
      cpuMsPerScore: cpuMs / SCORES,
      delivered: await count(db('score_passbacks').where({ status: 'delivered' }).count({ n: '*' }).first()),
      failed: await count(db('score_passbacks').where({ status: 'failed' }).count({ n: '*' }).first()),
      accepted: await count(db('sandbox_ags_scores').where({ outcome: 'accepted' }).count({ n: '*' }).first()),
      duplicates: received - distinct,
      attempts: await count(db('score_passbacks').sum({ n: 'attempts' }).first()),
    };
  } finally {
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [`${schema}_jobs`]);
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await db.destroy();
  }
}

async function main(): Promise<void> {
  console.log(`Grade passback benchmark: ${SCORES} scores (${LEARNERS} learners × ${COMPETENCIES} competencies), PostgreSQL ${DB_URL.replace(/\/\/[^@]*@/, '//…@')}`);
  console.log(`${PROCESSES} tool process(es) × ${TUNING.GRADE_WORKERS} workers × batch ${TUNING.GRADE_BATCH_SIZE}, pool ${TUNING.DATABASE_POOL_MAX}; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const healthy = await run('healthy LMS', [], {});
  // 30 % of calls fail: 10 % each 429, 500 and a 502 HTML page (each row draws on the calls the earlier ones let through).
  const flaky: FaultSpec[] = [
    { target: 'any', kind: '429', count: null, rate: 0.1, delayMs: 0 },
    { target: 'any', kind: '500', count: null, rate: 0.1 / 0.9, delayMs: 0 },
    { target: 'any', kind: 'html', count: null, rate: 0.1 / 0.8, delayMs: 0 },
  ];
  // Retries 1 s apart without backoff so the run ends in seconds; production uses exponential backoff with jitter.
  const failing = await run('30 % transient failures', flaky, { GRADE_RETRY_LIMIT: '20', GRADE_RETRY_DELAY_SECONDS: '1', GRADE_RETRY_BACKOFF: 'off' });
  console.log('\n| run | enqueue (s) | drain incl. start-up (s) | scores/s | scores/s first→last delivery | CPU ms/score | delivered | failed | accepted by LMS | duplicates | attempts |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of [healthy, failing]) {
    console.log(`| ${r.name} | ${r.enqueueSeconds.toFixed(1)} | ${r.drainSeconds.toFixed(1)} | ${Math.round(SCORES / r.drainSeconds)} | ${Math.round(r.deliveryRate)} | ${r.cpuMsPerScore.toFixed(2)} | ${r.delivered} | ${r.failed} | ${r.accepted} | ${r.duplicates} | ${r.attempts} |`);
  }
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const ok = SCORES / healthy.drainSeconds >= 500 && healthy.delivered === SCORES && failing.delivered === SCORES && healthy.duplicates === 0 && failing.duplicates === 0;
  console.log(ok ? '\nPASS: ≥ 500 scores/s drained; all scores delivered with 30 % transient failures; none twice.' : '\nFAIL: see the table.');
  process.exitCode = ok ? 0 : 1;
}

if (cluster.isWorker) {
  workerMain().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/**
 * What the HTTP benchmarks share: a schema of their own on real PostgreSQL, the tool started in it (migrations,
 * sandbox, a loopback listener), a district seeded once (or reused from a schema an earlier run kept), sessions
 * signed as a launch would, and the latency arithmetic. Env: DATABASE_URL (required), BENCH_KEEP=1 keeps the
 * schema, BENCH_SCHEMA=<kept schema> measures it again without seeding.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import pino from 'pino';
import { loadConfig } from '../config/config';
import { createDb } from '../db/connection';
import { startTool, type RunningTool } from '../lti-tool/src/server';

/** The tool a benchmark measures, in its own schema, with the seeded district's registration. */
export interface SeededTool {
  tool: RunningTool;
  db: Knex;
  platformId: string;
  deploymentId: string;
  /** A session token as a launch would sign it, for a membership row of the district. */
  sign(m: { user_id: string; context_id: string; role: 'admin' | 'lead' | 'participant' }): string;
}

/** The q-quantile of ascending-sorted samples (nearest rank). */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** Sends `total` GETs round-robin over `targets` with `concurrency` in flight; returns latencies (ms) and the largest answer. */
export async function measure(baseUrl: string, targets: { path: string; token: string }[], total: number, concurrency: number) {
  const latencies: number[] = [];
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const t = targets[next++ % targets.length]!;
      const started = performance.now();
      const res = await fetch(`${baseUrl}${t.path}`, { headers: { authorization: `Bearer ${t.token}` } });
      const body = await res.arrayBuffer();
      latencies.push(performance.now() - started);
      bytes = Math.max(bytes, body.byteLength);
      if (res.status !== 200) throw new Error(`${t.path}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, bytes };
}

/**
 * Runs `measure` against a seeded tool and cleans up. `marker` is the LTI context id of a course the seed creates:
 * finding it means the schema was seeded by an earlier run (the sandbox's issuer names its port, so a reused
 * district lives in that earlier run's registration). `measure` returns whether the targets were met.
 */
export async function withSeededTool(
  o: { marker: string; seed(db: Knex, deploymentId: string, platformId: string): Promise<unknown> },
  measure: (t: SeededTool) => Promise<boolean>,
): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL server: this benchmark needs real PostgreSQL.');
  const reuse = process.env.BENCH_SCHEMA;
  const schema = reuse ?? `bench_${randomBytes(4).toString('hex')}`;
  const admin = createDb({ kind: 'postgres', url, poolMax: 1 });
  await admin.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
  await admin.destroy();
  const db = createDb({ kind: 'postgres', url, poolMax: 10, schema });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: url, JOB_SCHEMA: `${schema}_jobs` });
  const tool = await startTool({ config, db, logger: pino({ level: 'silent' }), ownsDb: false });
  try {
    const sandbox = tool.services.sandbox!.identity;
    const seededIn = await db('contexts as x').join('deployments as d', 'd.id', 'x.deployment_id').where('x.lti_context_id', o.marker).first('d.id', 'd.platform_id');
    const platformId: string = seededIn ? seededIn.platform_id : (await db('platforms').where({ issuer: sandbox.issuer, client_id: sandbox.clientId }).first('id')).id;
    const deploymentId: string = seededIn ? seededIn.id : (await db('deployments').where({ platform_id: platformId, deployment_id: sandbox.deploymentId }).first('id')).id;
    if (!seededIn) {
      const started = performance.now();
      const counts = await o.seed(db, deploymentId, platformId);
      console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);
    } else console.log(`Reusing the data seeded in schema ${schema}.`);
    const sign: SeededTool['sign'] = (m) =>
      tool.services.sessionTokens.sign({ sessionId: randomUUID(), userId: m.user_id, contextId: m.context_id, platformId, deploymentId, role: m.role });
    process.exitCode = (await measure({ tool, db, platformId, deploymentId, sign })) ? 0 : 1;
  } finally {
    await tool.close();
    if (process.env.BENCH_KEEP !== '1' && !reuse) {
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [`${schema}_jobs`]);
      await db.raw('DROP SCHEMA ?? CASCADE', [schema]);
    } else console.log(`Kept schema ${schema}.`);
    await db.destroy();
  }
}

/** Runs a benchmark's main, failing the process on an error. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

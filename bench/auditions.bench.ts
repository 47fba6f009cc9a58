/**
 * Benchmark: auditions allocation and the "feedback to give" queue on a seeded rolling cohort (real PostgreSQL, real HTTP).
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/auditions.bench.ts
 * Options (env): BENCH_REQUESTS (queue requests per concurrency level, default 1000), BENCH_NEWCOMERS (submissions,
 * default 300), BENCH_WARMUP (first submissions not counted, default 20), BENCH_KEEP=1 keeps the schema,
 * BENCH_PROFILE=1 per-statement times. See bench/auditions.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../config/config';
import { createDb } from '../db/connection';
import { startTool } from '../lti-tool/src/server';
import { ISSUE_COHORT, seedAuditionCohort } from './auditions.seed';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const row = (label: string, c: number, l: number[]) => {
  const s = [...l].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1);
  return `| ${label} | ${c} | ${l.length} | ${f(quantile(s, 0.5))} | ${f(quantile(s, 0.95))} | ${f(quantile(s, 0.99))} | ${f(s[s.length - 1]!)} |`;
};

async function timed(url: string, init: RequestInit, expect: number): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  const ms = performance.now() - started;
  if (res.status !== expect) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
  return ms;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL server: this benchmark needs real PostgreSQL.');
  const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
  const newcomers = Number(process.env.BENCH_NEWCOMERS ?? ISSUE_COHORT.newcomers);
  const warmup = Number(process.env.BENCH_WARMUP ?? 20);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = createDb({ kind: 'postgres', url, poolMax: 1 });
  await admin.raw('CREATE SCHEMA ??', [schema]);
  await admin.destroy();
  const db = createDb({ kind: 'postgres', url, poolMax: 10, schema });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: url, JOB_SCHEMA: `${schema}_jobs` });
  const tool = await startTool({ config, db, logger: pino({ level: 'silent' }), ownsDb: false });
  try {
    const sandbox = tool.services.sandbox!.identity;
    const platform = await db('platforms').where({ issuer: sandbox.issuer, client_id: sandbox.clientId }).first('id');
    const deployment = await db('deployments').where({ platform_id: platform.id, deployment_id: sandbox.deploymentId }).first('id');
    const seedStarted = performance.now();
    const { cohortId, auditionId, contextId } = await seedAuditionCohort(db, deployment.id, platform.id, { ...ISSUE_COHORT, newcomers });
    await db.raw('VACUUM ANALYZE');
    const counts = await db('audition_reviews').where({ status: 'assigned' }).count({ n: '*' }).first();
    console.log(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${ISSUE_COHORT.teachers} teachers submitted, ${counts!.n} open reviews, ${newcomers} newcomers with drafts.`);

    const sign = (userId: string) => tool.services.sessionTokens.sign({ sessionId: randomUUID(), userId, contextId, platformId: platform.id, deploymentId: deployment.id, role: 'participant' });
    const people = await db('users').where('sub', 'like', 'bench-teacher-%').orderByRaw(`substr(sub, 15)::int`).select('id');
    const reviewers = await Promise.all(people.slice(0, ISSUE_COHORT.teachers).sort(() => Math.random() - 0.5).slice(0, 500).map(async (p) => sign(p.id)));
    const joiners = await Promise.all(people.slice(ISSUE_COHORT.teachers).map(async (p) => sign(p.id)));
    const queueUrl = `${tool.url}/api/feedback-to-give`;
    const submitUrl = `${tool.url}/api/cohorts/${cohortId}/auditions/${auditionId}/submission/versions`;
    const get = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

    for (const t of reviewers.slice(0, 100)) await timed(queueUrl, get(t), 200); // warm-up
    const lines: string[] = [];
    // Each newcomer's first version: version row, pool join, allocation of 3 reviewers (fewest open reviews,
    // other school first), and rebalancing so the newcomer takes untouched reviews from the most loaded.
    const profile = new Map<string, { n: number; ms: number }>();
    const started = new Map<string, number>();
    if (process.env.BENCH_PROFILE === '1') {
      db.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
      db.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
        const key = q.sql.replace(/\s+/g, ' ').slice(0, 90);
        const e = profile.get(key) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - (started.get(q.__knexQueryUid) ?? performance.now());
        profile.set(key, e);
      });
    }
    const submits: number[] = [];
    const loadBefore = os.loadavg()[0]!;
    for (const t of joiners) submits.push(await timed(submitUrl, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify({ revision: 1 }) }, 201));
    // The first submits warm up the HTTP path, JIT and each pooled connection's named statements (PostgreSQL
    // settles on a plan after five executions); they are left out of the figures.
    const warm = submits.slice(Math.min(warmup, submits.length - 1));
    console.log(`Submit phase: ${warm.length} measured after ${submits.length - warm.length} warm-up; load average (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after.`);
    if (profile.size) for (const [k, v] of [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`${(v.ms / joiners.length).toFixed(2)} ms/submit  ${(v.n / joiners.length).toFixed(1)}×  ${k}`);
    profile.clear();
    if (process.env.BENCH_PROFILE === '1') {
      // Named statements (db/preparedQuery.ts) live per connection: ask every pooled connection at once.
      const seen = await Promise.all(Array.from({ length: 10 }, () => db.raw(`select pg_backend_pid() as pid, name, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where name like 'auditions_%' order by name`)));
      const byPid = new Map<number, { name: string; generic: number; custom: number }[]>();
      for (const r of seen) for (const x of r.rows) byPid.set(x.pid, [...(byPid.get(x.pid) ?? []).filter((y) => y.name !== x.name), x]);
      for (const [pid, list] of byPid) console.log(`connection ${pid}: ${list.map((x) => `${x.name} generic ${x.generic} custom ${x.custom}`).join('; ')}`);
    }
    lines.push(row('POST …/submission/versions (allocation)', 1, warm));
    for (const c of [1, 8]) {
      const lat: number[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: c }, async () => {
        while (next < requests) lat.push(await timed(queueUrl, get(reviewers[next++ % reviewers.length]!), 200));
      }));
      lines.push(row('GET /api/feedback-to-give', c, lat));
    }
    const drift = await tool.db.raw(`select count(*)::int as n from audition_reviewers p where p.audition_id = ? and p.open_reviews <> (select count(*) from audition_reviews r where r.audition_id = p.audition_id and r.reviewer_id = p.user_id and r.status = 'assigned')`, [auditionId]);
    const loads = await db('audition_reviewers').where({ audition_id: auditionId }).select(db.raw('min(open_reviews)::int as lo'), db.raw('max(open_reviews)::int as hi')).first();
    console.log(['| What | Concurrency | Requests | p50 ms | p95 ms | p99 ms | max ms |', '|---|---|---|---|---|---|---|', ...lines].join('\n'));
    console.log(`\nOpen-review loads after ${newcomers} newcomers: ${loads.lo}–${loads.hi}; counter drift: ${drift.rows[0].n}. Load average (1 min): ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs.`);
    const p95 = (l: number[]) => quantile([...l].sort((a, b) => a - b), 0.95);
    const ok = p95(warm) < 20;
    console.log(ok ? `PASS: allocation p95 ${p95(warm).toFixed(1)} ms < 20 ms` : `FAIL: allocation p95 ${p95(warm).toFixed(1)} ms ≥ 20 ms`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await tool.close();
    if (process.env.BENCH_KEEP !== '1') {
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [`${schema}_jobs`]);
      await db.raw('DROP SCHEMA ?? CASCADE', [schema]);
    } else console.log(`Kept schema ${schema}.`);
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

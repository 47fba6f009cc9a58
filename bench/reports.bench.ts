/**
 * Benchmark: every impact-report endpoint (issue 7) on a seeded 10,000-person district (real PostgreSQL, real HTTP).
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:reports
 * Options (env): BENCH_REQUESTS (per endpoint, default 200), BENCH_CONCURRENCY (default 1), BENCH_COHORTS (how many
 * cohorts the 10,000 people are split into, default 10; 1 = one district-wide cohort), BENCH_KEEP=1 keeps the schema,
 * BENCH_SCHEMA=<kept schema> measures it again without seeding. See bench/reports.md.
 */
import os from 'node:os';
import { DISTRICT, seedReports } from './reports.seed';
import { measure, quantile, runBench, withSeededTool } from './seededTool';

const TARGET_MS = 300;

async function main(): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 200);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 1);
  const shape = { ...DISTRICT, cohorts: Number(process.env.BENCH_COHORTS ?? DISTRICT.cohorts) };
  await withSeededTool({ marker: 'rep-course-0', seed: (db, d, p) => seedReports(db, d, p, shape) }, async ({ tool, db, sign }) => {
    // Each course's admin asks for their own cohort's reports (the district's admins; the overview covers all cohorts).
    const admins = await db('memberships as m')
      .join('cohorts as c', 'c.owner_context_id', 'm.context_id')
      .join('contexts as x', 'x.id', 'm.context_id')
      .where({ 'm.role': 'admin' })
      .whereLike('x.lti_context_id', 'rep-course-%')
      .select('m.user_id', 'm.context_id', 'm.role', 'c.id as cohort_id');
    const signed = await Promise.all(admins.map(async (a) => ({ cohortId: a.cohort_id as string, token: await sign(a) })));
    const at = (path: (cohortId: string) => string) => signed.map((a) => ({ path: path(a.cohortId), token: a.token }));
    const endpoints = [
      { label: 'GET reports/participation', targets: at((c) => `/api/cohorts/${c}/reports/participation`) },
      { label: 'GET reports/pd-hours', targets: at((c) => `/api/cohorts/${c}/reports/pd-hours`) },
      { label: 'GET reports/pd-hours?format=csv', targets: at((c) => `/api/cohorts/${c}/reports/pd-hours?format=csv`) },
      { label: 'GET reports/feedback', targets: at((c) => `/api/cohorts/${c}/reports/feedback`) },
      { label: 'GET reports/competency-growth (60 days)', targets: at((c) => `/api/cohorts/${c}/reports/competency-growth?from=${new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)}`) },
      { label: 'GET reports/impact', targets: at((c) => `/api/cohorts/${c}/reports/impact`) },
      { label: 'GET reports/impact?format=csv', targets: at((c) => `/api/cohorts/${c}/reports/impact?format=csv`) },
      { label: 'GET /api/reports/overview (all cohorts)', targets: at(() => '/api/reports/overview') },
    ];

    for (const e of endpoints) await measure(tool.url, e.targets, 20, 2); // warm-up
    const rows: string[] = [];
    let worst = 0;
    let worstLabel = '';
    for (const e of endpoints) {
      const { latencies, bytes } = await measure(tool.url, e.targets, requests, concurrency);
      const sorted = latencies.sort((a, b) => a - b);
      const f = (v: number) => v.toFixed(1);
      const p95 = quantile(sorted, 0.95);
      if (p95 > worst) [worst, worstLabel] = [p95, e.label];
      rows.push(`| ${e.label} | ${concurrency} | ${latencies.length} | ${Math.round(bytes / 1024)} | ${f(quantile(sorted, 0.5))} | ${f(p95)} | ${f(quantile(sorted, 0.99))} | ${f(sorted[sorted.length - 1]!)} |`);
    }
    console.log(`\n| Endpoint | Concurrency | Requests | Answer KB | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
    console.log(`\nLoad average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs.`);
    const pass = worst < TARGET_MS;
    console.log(`\nRESULT reports people=${shape.staff} cohorts=${shape.cohorts} worstP95=${worst.toFixed(1)}ms target<${TARGET_MS}ms ${pass ? 'PASS' : 'FAIL'}`);
    console.log(`(worst: ${worstLabel})`);
    return pass;
  });
}

runBench(main);

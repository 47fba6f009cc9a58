/**
 * Benchmark: "My learning" and the cohort progress matrix on a seeded district (real PostgreSQL, real HTTP).
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/my-learning.bench.ts
 * Options (env): BENCH_REQUESTS (per endpoint, default 1000), BENCH_CONCURRENCY (default: 1, then 8), BENCH_KEEP=1
 * keeps the schema, BENCH_SCHEMA=<kept schema> measures it again without seeding. See bench/my-learning.md.
 */
import os from 'node:os';
import { ISSUE_DISTRICT, seedDistrict } from './my-learning.seed';
import { measure, quantile, runBench, withSeededTool } from './seededTool';

interface Sample {
  label: string;
  concurrency: number;
  latencies: number[];
  bytes: number;
}


function report(samples: Sample[]): string {
  const rows = samples.map((s) => {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(1);
    return `| ${s.label} | ${s.concurrency} | ${s.latencies.length} | ${Math.round(s.bytes / 1024)} | ${f(quantile(sorted, 0.5))} | ${f(quantile(sorted, 0.95))} | ${f(quantile(sorted, 0.99))} | ${f(sorted[sorted.length - 1]!)} |`;
  });
  return ['| Endpoint | Concurrency | Requests | Answer KB | p50 ms | p95 ms | p99 ms | max ms |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
  const concurrencies = process.env.BENCH_CONCURRENCY ? [Number(process.env.BENCH_CONCURRENCY)] : [1, 8];
  await withSeededTool({ marker: 'bench-course-1', seed: (db, d, p) => seedDistrict(db, d, p, ISSUE_DISTRICT) }, async ({ tool, db, sign }) => {
    // Sessions are signed as a launch would sign them (the launch itself is not what is measured).
    const teachers = await db('memberships').where({ role: 'participant' }).orderByRaw('md5(user_id::text)').limit(500).select('user_id', 'context_id', 'role');
    const admins = await db('memberships as m').join('cohorts as c', 'c.owner_context_id', 'm.context_id').where({ 'm.role': 'admin' }).select('m.user_id', 'm.context_id', 'm.role', 'c.id as cohort_id');
    const learningTargets = await Promise.all(teachers.map(async (t) => ({ path: '/api/my-learning', token: await sign(t) })));
    const matrixTargets = await Promise.all(admins.map(async (a) => ({ path: `/api/cohorts/${a.cohort_id}/progress?limit=50`, token: await sign(a) })));
    const lastPageTargets = await Promise.all(
      admins.slice(0, 10).map(async (a) => {
        const token = await sign(a);
        const first = await (await fetch(`${tool.url}/api/cohorts/${a.cohort_id}/progress?limit=200`, { headers: { authorization: `Bearer ${token}` } })).json() as { nextCursor: string | null };
        return { path: `/api/cohorts/${a.cohort_id}/progress?limit=50${first.nextCursor ? `&cursor=${first.nextCursor}` : ''}`, token };
      }),
    );

    await measure(tool.url, learningTargets, 100, 4); // warm-up: connections, plans, JIT
    await measure(tool.url, matrixTargets, 100, 4);
    const samples: Sample[] = [];
    for (const c of concurrencies) {
      samples.push({ label: 'GET /api/my-learning', concurrency: c, ...(await measure(tool.url, learningTargets, requests, c)) });
      samples.push({ label: 'GET /api/cohorts/:id/progress?limit=50', concurrency: c, ...(await measure(tool.url, matrixTargets, requests, c)) });
      samples.push({ label: 'GET /api/cohorts/:id/progress (page 5)', concurrency: c, ...(await measure(tool.url, lastPageTargets, Math.max(100, requests / 4), c)) });
    }
    const table = report(samples);
    console.log(`\n${table}\n\nLoad average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs.`);
    const p95 = (label: string) => samples.filter((s) => s.label.startsWith(label) && s.concurrency === concurrencies[0]).map((s) => quantile([...s.latencies].sort((a, b) => a - b), 0.95));
    const worst = Math.max(...p95('GET /api/my-learning'), ...p95('GET /api/cohorts/:id/progress'));
    console.log(worst < 50 ? `PASS: p95 ${worst.toFixed(1)} ms < 50 ms at concurrency ${concurrencies[0]}` : `FAIL: p95 ${worst.toFixed(1)} ms ≥ 50 ms at concurrency ${concurrencies[0]}`);
    return worst < 50;
  });
}

runBench(main);

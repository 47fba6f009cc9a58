/**
 * Benchmark: the competency grading queue, heatmap and a 5,000-row CSV framework import on a seeded district
 * (real PostgreSQL, real HTTP). Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/competencies.bench.ts
 * Options (env): BENCH_REQUESTS (per endpoint, default 500), BENCH_CONCURRENCY (default 1), BENCH_KEEP=1 keeps the
 * schema, BENCH_SCHEMA=<kept schema> measures it again without seeding. See bench/competencies.md.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ISSUE_SHAPE, seedCompetencies } from './competencies.seed';
import { quantile, runBench, withSeededTool } from './seededTool';


/**
 * Sends `perEndpoint` GETs to each endpoint, interleaved (one to each in turn, round-robin over its targets), so
 * every endpoint meets the same machine load; `concurrency` rounds in flight. Returns latencies (ms) and the
 * largest answer per endpoint.
 */
async function measure(baseUrl: string, endpoints: Array<{ targets: { path: string; token: string }[] }>, perEndpoint: number, concurrency: number) {
  const results = endpoints.map(() => ({ latencies: [] as number[], bytes: 0 }));
  let round = 0;
  const worker = async () => {
    while (round < perEndpoint) {
      const r = round++;
      for (const [i, e] of endpoints.entries()) {
        const t = e.targets[r % e.targets.length]!;
        const started = performance.now();
        const res = await fetch(`${baseUrl}${t.path}`, { headers: { authorization: `Bearer ${t.token}` } });
        const body = await res.arrayBuffer();
        results[i]!.latencies.push(performance.now() - started);
        results[i]!.bytes = Math.max(results[i]!.bytes, body.byteLength);
        if (res.status !== 200) throw new Error(`${t.path}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** A 5,000-row framework CSV: 50 domains × 99 competencies, with a level description on each competency. */
function bigCsv(): string {
  const rows = ['kind,identifier,parent_identifier,title,description,points,counts_as_proficient,level:Proficient'];
  for (let d = 0; d < 50; d++) {
    rows.push(`domain,D${d},,Domain ${d},A domain of the bench framework,,,`);
    for (let c = 0; c < 99; c++) rows.push(`competency,D${d}.${c},D${d},Competency ${d}.${c},"Does ${d}.${c} well, with colleagues",,,Consistently shows ${d}.${c}`);
  }
  return rows.join('\n') + '\n';
}

async function main(): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 500);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 1);
  await withSeededTool({ marker: 'comp-course-0', seed: (db, d, p) => seedCompetencies(db, d, p, ISSUE_SHAPE) }, async ({ tool, db, sign }) => {
    const leads = await db('memberships as m').join('cohorts as c', 'c.owner_context_id', 'm.context_id').where({ 'm.role': 'lead' }).select('m.user_id', 'm.context_id', 'm.role', 'c.id as cohort_id');
    // A rated competency of the cohorts' framework (other frameworks, such as the starter, are not linked).
    const competencyId = (await db('cohort_competencies as cc').join('competencies as c', 'c.id', 'cc.competency_id').whereNotNull('c.parent_id').orderBy('c.identifier').first('c.id')).id as string;
    const at = async (path: (cohortId: string) => string) => Promise.all(leads.map(async (l) => ({ path: path(l.cohort_id), token: await sign(l) })));
    const endpoints = [
      { label: 'GET grading-queue?limit=50', targets: await at((c) => `/api/cohorts/${c}/grading-queue?limit=50`) },
      { label: 'GET grading-queue?competencyId&limit=50', targets: await at((c) => `/api/cohorts/${c}/grading-queue?limit=50&competencyId=${competencyId}`) },
      { label: 'GET grading-queue?school&limit=50', targets: await at((c) => `/api/cohorts/${c}/grading-queue?limit=50&school=School%203`) },
      { label: 'GET competency-heatmap?limit=100', targets: await at((c) => `/api/cohorts/${c}/competency-heatmap?limit=100`) },
      { label: 'GET competency-heatmap?limit=500 (whole cohort)', targets: await at((c) => `/api/cohorts/${c}/competency-heatmap?limit=500`) },
    ];
    // Page 5 of the queue (keyset): follow the cursor four times.
    const deep = await Promise.all(
      endpoints[0]!.targets.slice(0, 10).map(async (t) => {
        let path = t.path;
        for (let i = 0; i < 4; i++) {
          const page = (await (await fetch(`${tool.url}${path}`, { headers: { authorization: `Bearer ${t.token}` } })).json()) as { nextCursor: string };
          path = `${t.path}&cursor=${page.nextCursor}`;
        }
        return { path, token: t.token };
      }),
    );
    endpoints.push({ label: 'GET grading-queue (page 5)', targets: deep });

    await measure(tool.url, endpoints, 50, 2); // warm-up
    const rows: string[] = [];
    let worst = 0;
    const loadBefore = os.loadavg()[0]!;
    const results = await measure(tool.url, endpoints, requests, concurrency);
    for (const [i, e] of endpoints.entries()) {
      const { latencies, bytes } = results[i]!;
      const sorted = latencies.sort((a, b) => a - b);
      const f = (v: number) => v.toFixed(1);
      worst = Math.max(worst, quantile(sorted, 0.95));
      rows.push(`| ${e.label} | ${concurrency} | ${latencies.length} | ${Math.round(bytes / 1024)} | ${f(quantile(sorted, 0.5))} | ${f(quantile(sorted, 0.95))} | ${f(quantile(sorted, 0.99))} | ${f(sorted[sorted.length - 1]!)} |`);
    }
    console.log(`Load average (1 min) when measuring started: ${loadBefore.toFixed(1)}.`);

    const csv = bigCsv();
    const adminRow = await db('memberships').where({ role: 'admin' }).first('user_id', 'context_id', 'role');
    const adminToken = await sign(adminRow);
    const imports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await fetch(`${tool.url}/api/competency-frameworks/import/csv?title=Bench%20import%20${randomUUID().slice(0, 8)}`, { method: 'POST', body: csv, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' } });
      const body = await res.text();
      imports.push(performance.now() - started);
      if (res.status !== 201) throw new Error(`import: ${res.status} ${body.slice(0, 300)}`);
    }
    console.log(`\n| Endpoint | Concurrency | Requests | Answer KB | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
    console.log(`\nCSV import, 5,000 rows (${Math.round(csv.length / 1024)} KB): ${imports.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`);
    console.log(`Load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs.`);
    const pass = worst < 50 && Math.max(...imports) < 3000;
    console.log(pass ? `PASS: worst p95 ${worst.toFixed(1)} ms < 50 ms; slowest import ${(Math.max(...imports) / 1000).toFixed(2)} s < 3 s` : `FAIL: worst p95 ${worst.toFixed(1)} ms; slowest import ${(Math.max(...imports) / 1000).toFixed(2)} s`);
    return pass;
  });
}

runBench(main);

/**
 * A/B of two tool variants on one machine whose speed drifts: two tool processes (A with BENCH_A_ENV, B with
 * BENCH_B_ENV, each `KEY=value,KEY=value`) run side by side, and short runs alternate between them, so both see
 * the same drift. Prints CPU per launch (tool + PostgreSQL) of each run and the median of each side.
 * BENCH_A_NODE_ARGS / BENCH_B_NODE_ARGS replace a side's Node flags (default: `npm start`'s). BENCH_A_TREE /
 * BENCH_B_TREE run that side's tool from another checkout (two commits compared: `git worktree add /tmp/base HEAD~1`
 * and link its node_modules to this one's).
 *
 *   BENCH_B_ENV=SOME_FLAG=1 BENCH_ROUNDS=10 BENCH_SECONDS=3 BENCH_CONCURRENCY=1 npx tsx bench/launch-ab.ts
 */
import { measureCpu, startStorm, type Storm } from './launch-storm.harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const envOf = (s = '') => Object.fromEntries(s.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const sides: Array<{ name: string; storm: Storm; cpu: number[]; p50: number[] }> = [];
  for (const [name, env] of [['A', process.env.BENCH_A_ENV], ['B', process.env.BENCH_B_ENV]] as const) {
    sides.push({ name, storm: await startStorm({ env: envOf(env), nodeArgs: process.env[`BENCH_${name}_NODE_ARGS`], tree: process.env[`BENCH_${name}_TREE`] }), cpu: [], p50: [] });
  }
  try {
    for (const s of sides) await s.storm.run({ label: 'warm-up', concurrency: 4, seconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 10) });
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [...sides].reverse() : sides) {
        const m = await measureCpu(s.storm, () => s.storm.run({ label: `c${CONCURRENCY}`, concurrency: CONCURRENCY, seconds: SECONDS }));
        const ms = ((m.toolSeconds + m.pgSeconds) * 1000) / m.value.launches;
        s.cpu.push(ms);
        s.p50.push(m.value.total.p50);
        console.log(`round ${round} ${s.name}: ${ms.toFixed(2)} ms per launch (tool ${((m.toolSeconds * 1000) / m.value.launches).toFixed(2)}), p50 ${m.value.total.p50.toFixed(1)} ms, p99 ${m.value.total.p99.toFixed(1)} ms, ${m.value.errors} failed`);
      }
    }
  } finally {
    for (const s of sides) await s.storm.close();
  }
  for (const s of sides) console.log(`${s.name}: median CPU per launch ${median(s.cpu).toFixed(2)} ms, median p50 ${median(s.p50).toFixed(1)} ms`);
  const wins = sides[0]!.cpu.filter((a, i) => a > sides[1]!.cpu[i]!).length;
  console.log(`B cheaper than A in ${wins} of ${ROUNDS} rounds`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

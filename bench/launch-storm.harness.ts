/**
 * What the launch-storm and memory benchmarks share: a throw-away schema on real PostgreSQL, the tool and the
 * load generator as separate processes, and CPU and memory readings from /proc (the tool process, the PostgreSQL
 * backends serving its connections, found by application_name in pg_stat_activity, and the WAL writer).
 */
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { createDb } from '../db/connection';
import type { GeneratorInit, RunRequest, RunResult } from './launch-storm.generator';
import type { ToolReady } from './launch-storm.tool';

/** The database every benchmark uses unless DATABASE_URL says otherwise. */
export const DB_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
const PAGE_BYTES = Number(execSync('getconf PAGESIZE').toString().trim()) || 4096;
const TSX = ['--import', 'tsx'];

/** CPU seconds (user + system, all threads) a process has used, from /proc/<pid>/stat; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident set size of a process in bytes, from /proc/<pid>/statm. */
export function rssBytes(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
}

/** A child process talking over IPC: send, and wait for the next message of a type. */
class Child {
  private readonly waiting = new Map<string, (m: any) => void>();
  private failure: Error | null = null;
  constructor(readonly proc: ChildProcess, onMessage?: (m: any) => void) {
    proc.on('message', (m: any) => {
      onMessage?.(m);
      const resolve = this.waiting.get(m.type);
      if (resolve) {
        this.waiting.delete(m.type);
        resolve(m);
      }
    });
    proc.on('exit', (code) => {
      this.failure = new Error(`${path.basename(String(proc.spawnargs.at(-1)))} exited with ${code}`);
      for (const resolve of this.waiting.values()) resolve({ type: 'exit', code });
      this.waiting.clear();
    });
  }
  next<T>(type: string, timeoutMs = 120_000): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message after ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(type, (m) => {
        clearTimeout(timer);
        if (m.type === 'exit') reject(this.failure);
        else resolve(m as T);
      });
    });
  }
}

/** The tool, the generator and the schema they use; `close` stops both and drops the schema. */
export interface Storm {
  tool: ToolReady;
  schema: string;
  appName: string;
  /** Runs the generator for `seconds` at `concurrency`; onProgress gets the generator's progress messages. */
  run(r: Omit<RunRequest, 'type' | 'prefix'>, onProgress?: (m: { launches: number; errors: number; ms: number }) => void): Promise<RunResult>;
  /** The tool's process.memoryUsage(), after a full GC when the tool runs with --expose-gc (BENCH_GC=1). */
  memory(): Promise<NodeJS.MemoryUsage & { afterGc: boolean }>;
  /** The load generator's process id (its CPU is reported apart: it is the LMS and the browsers, not Staffroom). */
  generatorPid: number;
  /** Backend pids serving the tool's connections right now, and the WAL writer's. */
  backendPids(): Promise<number[]>;
  db: Knex;
  close(): Promise<void>;
}

/** As in package.json's `start`: a heap cap makes V8 collect before RSS climbs (bench/launch-storm.md, Memory). */
export const TOOL_NODE_ARGS = '--max-old-space-size=512';

/**
 * Creates a schema, starts the tool process (optionally under --cpu-prof) and the generator process. `tree` runs the
 * tool of another checkout of this repository (its `bench/launch-storm.tool.ts`, with that checkout's code and
 * migrations), to compare two commits side by side.
 */
export async function startStorm(o: { cpuProfDir?: string; logLevel?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string; tree?: string } = {}): Promise<Storm> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const appName = `staffroom-${schema}`;
  const db = createDb({ kind: 'postgres', url: DB_URL, poolMax: 2 });
  await db.raw('CREATE SCHEMA ??', [schema]);
  const toolUrl = new URL(DB_URL);
  toolUrl.searchParams.set('application_name', appName);
  const cpuProf = o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : [];
  const toolProc = fork(path.join(o.tree ? path.resolve(o.tree, 'bench') : __dirname, 'launch-storm.tool.ts'), [], {
    // The tool runs with the V8 settings `npm start` uses (TOOL_NODE_ARGS); BENCH_TOOL_NODE_ARGS replaces them to try others.
    execArgv: [...TSX, ...cpuProf, ...(process.env.BENCH_GC ? ['--expose-gc'] : []), ...(o.nodeArgs ?? process.env.BENCH_TOOL_NODE_ARGS ?? TOOL_NODE_ARGS).split(' ').filter(Boolean)],
    env: { ...process.env, ...o.env, BENCH_DB_URL: toolUrl.toString(), BENCH_SCHEMA: schema, LOG_LEVEL: o.logLevel ?? process.env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', process.env.BENCH_TOOL_STDOUT === 'inherit' ? 'inherit' : 'ignore', 'inherit', 'ipc'], // the tool's logs go to /dev/null: written, not read
  });
  const tool = new Child(toolProc);
  let progress: ((m: any) => void) | undefined;
  const genProc = fork(path.join(__dirname, 'launch-storm.generator.ts'), [], { execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const gen = new Child(genProc, (m) => m.type === 'progress' && progress?.(m));
  let runs = 0;
  const prefix = `storm-${schema}`;
  const close = async () => {
    genProc.connected && genProc.send({ type: 'exit' });
    if (toolProc.connected) {
      toolProc.send({ type: 'stop' });
      await new Promise((r) => toolProc.once('exit', r));
    }
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [`${schema}_jobs`]);
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await db.destroy();
  };
  try {
    const ready = await tool.next<ToolReady>('ready');
    const init: GeneratorInit = { type: 'init', url: ready.url, identity: ready.identity, platformKey: ready.platformKey };
    genProc.send(init);
    await gen.next('initialised');
    return {
      tool: ready,
      generatorPid: genProc.pid!,
      schema,
      appName,
      db,
      async run(r, onProgress) {
        progress = onProgress;
        genProc.send({ type: 'run', prefix: `${prefix}-${runs++}`, ...r } satisfies RunRequest);
        return gen.next<RunResult>('result', (r.seconds + 120) * 1000);
      },
      memory() {
        toolProc.send({ type: 'mem' });
        return tool.next('mem');
      },
      async backendPids() {
        // The WAL writer too: an asynchronous commit (ADR 0015) hands the flush to it, so leaving it out would count
        // that work as saved. Other shared processes (checkpointer, background writer) stay out.
        const rows: { pid: number }[] = (await db.raw("SELECT pid FROM pg_stat_activity WHERE application_name = ? OR backend_type = 'walwriter'", [appName])).rows;
        return rows.map((r) => r.pid);
      },
      close,
    };
  } catch (err) {
    toolProc.kill();
    genProc.kill();
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * Measures the CPU the tool process and its PostgreSQL backends use while `during` runs. Backends are
 * sampled every 250 ms so ones that come and go in between still count (from 0 if new).
 */
export async function measureCpu<T>(storm: Storm, during: () => Promise<T>): Promise<{ value: T; toolSeconds: number; pgSeconds: number; generatorSeconds: number; backends: number }> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let initial = true;
  const sample = async () => {
    for (const pid of await storm.backendPids()) {
      const s = cpuSeconds(pid);
      if (s === null) continue;
      if (!first.has(pid)) first.set(pid, initial ? s : 0);
      last.set(pid, s);
    }
  };
  await sample();
  initial = false;
  const tool0 = cpuSeconds(storm.tool.pid)!;
  const gen0 = cpuSeconds(storm.generatorPid)!;
  let sampling = Promise.resolve();
  const timer = setInterval(() => void (sampling = sampling.then(sample)), 250);
  const value = await during();
  const tool1 = cpuSeconds(storm.tool.pid)!;
  const gen1 = cpuSeconds(storm.generatorPid)!;
  clearInterval(timer);
  await sampling;
  await sample();
  let pg = 0;
  for (const [pid, end] of last) pg += end - first.get(pid)!;
  return { value, toolSeconds: tool1 - tool0, pgSeconds: pg, generatorSeconds: gen1 - gen0, backends: last.size };
}

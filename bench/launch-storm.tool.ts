/**
 * The tool process of the launch-storm and memory benchmarks: Staffroom on real PostgreSQL in the schema the
 * parent created, sandbox on, logging at LOG_LEVEL (default info, as in production) to stdout, which the
 * parent points at /dev/null (the same buffered destination as `npm start`). Tells the parent its URL and the sandbox platform's identity, then serves
 * until the parent says stop. Run it with `node --cpu-prof` to profile the hot path.
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import { loadConfig } from '../config/config';
import { createDb } from '../db/connection';
import { startTool } from '../lti-tool/src/server';
import { createLogger } from '../lti-tool/src/http/logger';
import type { SandboxIdentity } from '../lti-tool/src/sandbox/sandbox.claims';

/** What the tool process reports once it listens. */
export interface ToolReady {
  type: 'ready';
  url: string;
  pid: number;
  identity: SandboxIdentity;
  /** The sandbox platform's signing key (PKCS#8 PEM) and kid, for the generator's "platform" half. */
  platformKey: { kid: string; pem: string };
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DB_URL!;
  const schema = process.env.BENCH_SCHEMA!;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    JOB_SCHEMA: `${schema}_jobs`,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX,
    JOB_POLLING_SECONDS: process.env.JOB_POLLING_SECONDS,
  });
  const db = createDb({ kind: 'postgres', url, poolMax: config.databasePoolMax, schema });
  const logger = createLogger(config.logLevel); // as server.ts makes it for `npm start`
  // BENCH_QUERIES=1 counts the statements the tool sends, by their first words, and prints them on stop.
  const queries = new Map<string, number>();
  if (process.env.BENCH_QUERIES) db.on('query', (q: { sql: string }) => {
    const key = q.sql.replace(/\s+/g, ' ').slice(0, 70);
    queries.set(key, (queries.get(key) ?? 0) + 1);
  });
  const tool = await startTool({ config, db, logger, ownsDb: true });
  const sandbox = tool.services.sandbox!;
  const key = await sandbox.key();
  const ready: ToolReady = {
    type: 'ready',
    url: tool.url,
    pid: process.pid,
    identity: sandbox.identity,
    platformKey: { kid: key.kid, pem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  };
  // BENCH_HEAP_SAMPLE=file: V8's sampling heap profiler over the whole run, counting objects the GC has already
  // collected too, i.e. where the tool allocates, not what it retains (open the file in Chrome DevTools).
  const heapSampler = process.env.BENCH_HEAP_SAMPLE ? new inspector.Session() : undefined;
  if (heapSampler) {
    heapSampler.connect();
    await heapSampler.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  process.send!(ready);
  process.on('message', async (m: { type?: string }) => {
    // With --expose-gc (BENCH_GC=1), 'mem' reports the heap after a full collection: what is really retained.
    if (m?.type === 'mem') {
      global.gc?.();
      process.send!({ type: 'mem', ...process.memoryUsage(), afterGc: Boolean(global.gc) });
      return;
    }
    if (m?.type !== 'stop') return;
    await tool.close();
    if (heapSampler) {
      const { profile } = await heapSampler.post('HeapProfiler.stopSampling');
      fs.writeFileSync(process.env.BENCH_HEAP_SAMPLE!, JSON.stringify(profile));
    }
    if (queries.size) console.error([...queries].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n'));
    // Exiting normally lets --cpu-prof write its profile.
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { createDb } from '../../db/connection';
import { migrateLatest } from '../../db/migrate';
import { startTool, type RunningTool } from '../../lti-tool/src/server';
import { api, launchAs } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';

/**
 * A TCP proxy in front of PostgreSQL that the test can cut and restore: the tool sees exactly what a database
 * restart looks like (connections reset, new ones refused) without stopping the server other suites use.
 */
function databaseProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    /** The database "goes down": every open connection is reset and new ones are refused. */
    async cut() {
      // close() waits for open connections, so reset them after it stops accepting new ones.
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: listen,
    /** Stops for good (after the test): no listening socket may keep the test worker alive. */
    async close() {
      for (const s of sockets) s.destroy();
      if (server?.listening) await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}

const pgUrl = process.env.DATABASE_URL;
// The outage needs a network database; PGlite runs inside the process and cannot go away on its own.
const onPostgres = pgUrl ? describe : describe.skip;

onPostgres('PostgreSQL going away and coming back under load', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const proxy = databaseProxy({ host: new URL(pgUrl ?? 'postgres://127.0.0.1:5432').hostname, port: Number(new URL(pgUrl ?? 'postgres://x:5432').port || 5432) });
  let running: RunningTool;
  let tool: TestTool;

  beforeAll(async () => {
    const admin = createDb({ kind: 'postgres', url: pgUrl!, poolMax: 1, schema });
    await admin.raw('CREATE SCHEMA ??', [schema]);
    await migrateLatest(admin);
    await admin.destroy();
    await proxy.listen();
    const viaProxy = new URL(pgUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_SCHEMA: `${schema}_jobs`, JOB_POLLING_SECONDS: '0.5' });
    const logger = pino({ level: 'silent' });
    const db = createDb({ kind: 'postgres', url: viaProxy.toString(), poolMax: 5, schema }, logger);
    running = await startTool({ config, db, logger, ownsDb: true });
    tool = { ...running, config: { ...config, publicUrl: running.url }, stop: () => running.close() };
  });

  afterAll(async () => {
    await running?.close();
    await proxy.close();
    const admin = createDb({ kind: 'postgres', url: pgUrl!, poolMax: 1 });
    await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [`${schema}_jobs`]);
    await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await admin.destroy();
  });

  it('answers 503 with a stable id while the database is down, reports not ready, and recovers by itself', async () => {
    const { token } = await launchAs(tool, 'teacher-1');
    expect((await api(tool, '/api/me', token)).status).toBe(200);

    // Requests in flight while the database goes away, then requests made while it is away.
    const inFlight = Array.from({ length: 20 }, () => api(tool, '/api/me', token));
    await proxy.cut();
    const during = await Promise.all([...inFlight, ...Array.from({ length: 10 }, () => api(tool, '/api/me', token))]);
    for (const res of during) expect([200, 503]).toContain(res.status);
    const refused = during.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    const body = await refused[0]!.json();
    expect(body.error.id).toBe('service_unavailable');
    expect(refused[0]!.headers.get('retry-after')).toBe('5');

    expect((await fetch(`${tool.url}/healthz`)).status).toBe(200); // alive: the process did not crash
    const notReady = await fetch(`${tool.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'unavailable', database: 'unreachable', queue: 'unreachable' });

    await proxy.restore();
    const deadline = Date.now() + 15_000;
    let ready = 0;
    while (Date.now() < deadline && ready !== 200) {
      ready = (await fetch(`${tool.url}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready).toBe(200);
    expect((await api(tool, '/api/me', token)).status).toBe(200);
    const relaunch = await launchAs(tool, 'teacher-2');
    expect(relaunch.token).toBeTruthy();
  });
});

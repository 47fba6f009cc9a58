import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { createDb } from '../../db/connection';
import { migrateLatest } from '../../db/migrate';
import { startTool, type RunningTool } from '../../lti-tool/src/server';
import { CookieJar } from '../helpers/browserlessClient';
import { api, authorizeAtPlatform, initiateLogin, launchAs } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';
import { databaseProxy, targetOf, viaProxy } from '../helpers/databaseProxy';

const pgUrl = process.env.DATABASE_URL;
// The outage needs a network database; PGlite runs inside the process and cannot go away on its own.
const onPostgres = pgUrl ? describe : describe.skip;

onPostgres('PostgreSQL going away and coming back under load', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const proxy = databaseProxy(targetOf(pgUrl ?? 'postgres://127.0.0.1:5432'));
  let running: RunningTool;
  let tool: TestTool;

  beforeAll(async () => {
    const admin = createDb({ kind: 'postgres', url: pgUrl!, poolMax: 1, schema });
    await admin.raw('CREATE SCHEMA ??', [schema]);
    await migrateLatest(admin);
    await admin.destroy();
    await proxy.listen();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_SCHEMA: `${schema}_jobs`, JOB_POLLING_SECONDS: '0.5' });
    const logger = pino({ level: 'silent' });
    const db = createDb({ kind: 'postgres', url: viaProxy(pgUrl!, proxy), poolMax: 5, schema }, logger);
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

    // A launch the platform has signed, to be posted while the database is away.
    const jar = new CookieJar();
    const signed = await authorizeAtPlatform(await initiateLogin(tool, jar, { login_hint: 'teacher-3' }));

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

    // Login initiation keeps its state in a sealed cookie, so it still redirects; the launch it leads to shows the
    // LMS frame a page saying what is wrong (a browser asks for HTML).
    expect((await initiateLogin(tool, new CookieJar(), { login_hint: 'teacher-4' })).status).toBe(302);
    const launchPage = await fetch(`${tool.url}/lti/launch`, {
      method: 'POST',
      body: new URLSearchParams(signed.fields),
      headers: { cookie: jar.header() ?? '', accept: 'text/html,application/xhtml+xml' },
      redirect: 'manual',
    });
    expect(launchPage.status).toBe(503);
    expect(launchPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await launchPage.text()).toContain('cannot reach its database');

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

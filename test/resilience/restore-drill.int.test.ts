import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { createDb } from '../../db/connection';
import { restoreDrill } from '../../db/restoreDrill';
import { startTool, type RunningTool } from '../../lti-tool/src/server';
import { api, launchAs } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';

jest.setTimeout(90_000);

const pgUrl = process.env.DATABASE_URL;
// pg_dump / pg_restore work on a PostgreSQL server; PGlite has no server to back up.
const onPostgres = pgUrl ? describe : describe.skip;

onPostgres('backup and restore drill', () => {
  const sourceName = `drill_src_${randomBytes(4).toString('hex')}`;
  const url = (database: string) => Object.assign(new URL(pgUrl ?? 'postgres://x/y'), { pathname: `/${database}` }).toString();
  const config = (databaseUrl: string) => loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_POLLING_SECONDS: '0.5', DATABASE_URL: databaseUrl });
  const start = async (databaseUrl: string): Promise<TestTool> => {
    const c = config(databaseUrl);
    const t: RunningTool = await startTool({ config: c, logger: pino({ level: 'silent' }) });
    return { ...t, config: { ...c, publicUrl: t.url }, stop: () => t.close() };
  };
  const admin = createDb({ kind: 'postgres', url: pgUrl ?? 'postgres://x/y', poolMax: 1 });

  beforeAll(async () => {
    await admin.raw('CREATE DATABASE ??', [sourceName]);
  });
  afterAll(async () => {
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [sourceName]);
    await admin.destroy();
  });

  it('dumps a used database, restores it into a fresh one with every row, and the tool serves launches from the copy', async () => {
    const source = await start(url(sourceName));
    const first = await launchAs(source, 'teacher-1');
    expect(first.res.status).toBe(200);
    await launchAs(source, 'admin');
    await source.stop(); // quiet source: the row counts are compared afterwards

    const { report, restoredUrl, cleanup } = await restoreDrill(url(sourceName));
    try {
      expect(report.dumpBytes).toBeGreaterThan(0);
      const byName = new Map(report.tables.map((t) => [t.table, t]));
      expect(byName.get('public.users')?.source).toBeGreaterThanOrEqual(2);
      expect(byName.get('public.sessions')?.source).toBe(2);
      expect(report.tables.filter((t) => t.source !== t.restored)).toEqual([]);

      const restored = await start(restoredUrl);
      try {
        expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
        const again = await launchAs(restored, 'teacher-1');
        expect(again.res.status).toBe(200);
        const me = await api(restored, '/api/me', again.token);
        expect(me.status).toBe(200);
        const db = createDb({ kind: 'postgres', url: restoredUrl, poolMax: 1 });
        expect(await db('sessions').count({ n: '*' }).first()).toEqual({ n: 3 });
        await db.destroy();
      } finally {
        await restored.stop();
      }
    } finally {
      await cleanup();
    }
  });
});

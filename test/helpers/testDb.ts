import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createDb } from '../../db/connection';
import { migrateLatest } from '../../db/migrate';

/** An isolated, migrated database for one test file, and how to throw it away. */
export interface TestDb {
  db: Knex;
  /** The schema this file's job queue lives in (dropped with the database). */
  jobSchema: string;
  destroy(): Promise<void>;
}

/**
 * With DATABASE_URL set, each test file gets its own schema on that server (dropped afterwards);
 * otherwise a fresh in-memory PGlite. Either way tests never see each other's rows.
 */
export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = createDb({ kind: 'pglite' });
    await migrateLatest(db);
    return { db, jobSchema: 'pgboss', destroy: () => db.destroy() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = createDb({ kind: 'postgres', url, poolMax: 1 });
  await admin.raw('CREATE SCHEMA ??', [schema]);
  await admin.destroy();
  const db = createDb({ kind: 'postgres', url, poolMax: 5, schema });
  await migrateLatest(db);
  const jobSchema = `${schema}_jobs`;
  return {
    db,
    jobSchema,
    async destroy() {
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [jobSchema]);
      await db.raw('DROP SCHEMA ?? CASCADE', [schema]);
      await db.destroy();
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.ts$/;

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Loads migrations with plain `require`, so the same files run under tsx (npm start),
 * jest (SWC transform) and the CLI without knex's own loader guessing the module system.
 */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  async getMigrations(): Promise<string[]> {
    return fs.readdirSync(MIGRATIONS_DIR).filter((f) => MIGRATION_FILE.test(f)).sort();
  }
  getMigrationName(migration: string): string {
    return migration;
  }
  async getMigration(migration: string): Promise<MigrationModule> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(MIGRATIONS_DIR, migration)) as MigrationModule;
  }
}

// Any constant: identifies "Staffroom migrations" among the database's advisory locks.
const MIGRATION_LOCK_KEY = 740_311_202;

/**
 * Applies every pending migration; returns the names applied. On PostgreSQL, processes starting together wait for
 * each other on an advisory lock instead of failing on knex's lock table (PGlite has one connection and one process).
 */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const latest = async () => ((await db.migrate.latest({ migrationSource: new FolderMigrationSource() })) as [number, string[]])[1];
  const poolMax: number = db.client.config.pool?.max ?? 10;
  if (db.client.config.client !== 'pg' || poolMax < 2) return latest(); // the lock holds a connection of its own
  const lockHolder = await db.client.acquireConnection();
  try {
    // Keyed by schema too, so databases shared by several schemas (tests) only serialise per schema.
    await lockHolder.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [MIGRATION_LOCK_KEY]);
    return await latest();
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await db.client.releaseConnection(lockHolder);
  }
}

/** Rolls back every migration (used by the migration round-trip test). */
export async function migrateRollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource: new FolderMigrationSource() }, true);
}

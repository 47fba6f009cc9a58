import fs from 'node:fs';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { DEFAULT_DATABASE_POOL_MAX } from '../config/config';

// Return BIGINT/COUNT as numbers and timestamps as Date on the pg driver, as PGlite does.
pg.types.setTypeParser(20, (v) => Number(v));

/** How to reach the database: a PostgreSQL server, or embedded PGlite (on disk or in memory). */
export type DbTarget =
  | { kind: 'postgres'; url: string; poolMax?: number; schema?: string }
  | { kind: 'pglite'; dataDir?: string };

/**
 * knex-pglite names a delete's command after the builder method ("DEL"), so knex's PostgreSQL dialect, which
 * counts rows only for "DELETE", hands back the raw result instead of the row count `pg` gives. Renaming the
 * command makes `await q.delete()` a number on both databases.
 */
class PgLiteClient extends (ClientPgLite as unknown as { new (config: Knex.Config): { processResponse(obj: unknown, runner: unknown): unknown } }) {
  override processResponse(obj: { method?: string; response?: { command?: string } }, runner: unknown): unknown {
    if (obj.method === 'del' && obj.response) return super.processResponse({ ...obj, method: 'delete' }, runner);
    return super.processResponse(obj, runner);
  }
}

/** Where knex's own messages go (a pino logger fits); without one, knex writes them to the console. */
export interface DbLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/**
 * knex reports some trouble itself (e.g. "Acquire connection error" on every failed connect while the database is
 * down) with console.log: in production those would be plain-text lines among the JSON log lines.
 */
function knexLog(log: DbLog): Knex.Config['log'] {
  const line = (message: unknown) => ({ component: 'knex', detail: typeof message === 'string' ? message : String(message) });
  return {
    warn: (m: unknown) => log.warn(line(m), 'database client warning'),
    error: (m: unknown) => log.error(line(m), 'database client error'),
    deprecate: (method: string, alternative: string) => log.warn({ component: 'knex', method, alternative }, 'database client deprecation'),
    debug: (m: unknown) => log.debug(line(m), 'database client debug'),
  };
}

/** Builds a knex instance. PGlite has one connection, so every query (jobs included) shares it. */
export function createDb(target: DbTarget, log?: DbLog): Knex {
  const logging = log ? { log: knexLog(log) } : {};
  if (target.kind === 'postgres') {
    return knex({
      client: 'pg',
      connection: target.url,
      searchPath: target.schema ? [target.schema] : undefined,
      pool: { min: 0, max: target.poolMax ?? DEFAULT_DATABASE_POOL_MAX },
      acquireConnectionTimeout: 10_000,
      ...logging,
    });
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  return knex({
    client: PgLiteClient as unknown as typeof knex.Client,
    dialect: 'postgres',
    connection: target.dataDir ? { filename: target.dataDir } : {},
    useNullAsDefault: false,
    ...logging,
  } as Knex.Config);
}

/** Chooses the target from configuration: DATABASE_URL wins, else PGlite files under DATA_DIR. */
export function targetFromConfig(config: { databaseUrl?: string; dataDir: string; databasePoolMax: number }): DbTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolMax: config.databasePoolMax }
    : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` };
}

import fs from 'node:fs';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

// Return BIGINT/COUNT as numbers and timestamps as Date on the pg driver, as PGlite does.
pg.types.setTypeParser(20, (v) => Number(v));

/** How to reach the database: a PostgreSQL server, or embedded PGlite (on disk or in memory). */
export type DbTarget =
  | { kind: 'postgres'; url: string; poolMax?: number; schema?: string }
  | { kind: 'pglite'; dataDir?: string };

/** Builds a knex instance. PGlite has one connection, so every query (jobs included) shares it. */
export function createDb(target: DbTarget): Knex {
  if (target.kind === 'postgres') {
    return knex({
      client: 'pg',
      connection: target.url,
      searchPath: target.schema ? [target.schema] : undefined,
      pool: { min: 0, max: target.poolMax ?? 10 },
      acquireConnectionTimeout: 10_000,
    });
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  return knex({
    client: ClientPgLite as unknown as typeof knex.Client,
    dialect: 'postgres',
    connection: target.dataDir ? { filename: target.dataDir } : {},
    useNullAsDefault: false,
  } as Knex.Config);
}

/** Chooses the target from configuration: DATABASE_URL wins, else PGlite files under DATA_DIR. */
export function targetFromConfig(config: { databaseUrl?: string; dataDir: string; databasePoolMax: number }): DbTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolMax: config.databasePoolMax }
    : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` };
}

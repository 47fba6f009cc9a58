import type { Knex } from 'knex';

/** The database interface pg-boss accepts instead of its own pool. */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** PGlite only: runs several statements (pg-boss installs its schema that way). */
  exec?(text: string): Promise<Array<{ rows: unknown[] }>>;
}

interface ConnectionClient {
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(connection: RawConnection): Promise<void>;
}

/**
 * Routes pg-boss's SQL through knex's own connections: on PGlite that is the single connection
 * every other query waits for (so a job never runs inside someone else's transaction), and with
 * a knex transaction it is that transaction's connection, so a job is enqueued atomically with
 * the rows that caused it.
 */
export function knexBossDb(db: Knex): BossDb {
  const client = db.client as unknown as ConnectionClient;
  return {
    async executeSql(text, values) {
      const connection = await client.acquireConnection();
      try {
        if (connection.exec && (!values || values.length === 0)) {
          const results = await connection.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        return await connection.query(text, values);
      } finally {
        await client.releaseConnection(connection);
      }
    },
  };
}

import type { Knex } from 'knex';
import { completeJobs, failJobsById } from 'pg-boss/src/plans';

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
export function knexBossDb(db: Knex): BossDb & { inFlight(): number } {
  const client = db.client as unknown as ConnectionClient;
  const ownsConnection = !(db as { isTransaction?: boolean }).isTransaction;
  let running = 0;
  return {
    /** Statements of pg-boss still running (a worker's fetch may outlive pg-boss's stop()). */
    inFlight: () => running,
    async executeSql(text, values) {
      running++;
      const connection = await client.acquireConnection().catch((err) => {
        running--;
        throw err;
      });
      try {
        if (connection.exec && (!values || values.length === 0)) {
          const results = await connection.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        return await connection.query(text, values);
      } catch (err) {
        // pg-boss sends some commands as one `BEGIN; …; COMMIT` text. One that fails (a deadlock between two
        // processes declaring the same queue) leaves the connection in an aborted transaction, and it would go
        // back to the pool where every later query of any request fails with 25P02. A knex transaction's own
        // connection is left alone: knex rolls it back.
        if (ownsConnection) await connection.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        running--;
        await client.releaseConnection(connection);
      }
    },
  };
}

/**
 * pg-boss 10 records the outcome of a worker's batch (complete or fail) without awaiting it (fixed in 11, which needs
 * Node 22): if the database is gone at that moment, the rejected write is an unhandled rejection and ends the process.
 * On pg-boss's own connection those two statements fail quietly instead: the job stays active and expiry hands it out
 * again, as after a crash. The queue records each job's outcome itself, awaited, on the strict adapter.
 */
export function toleratingOutcomeWrites(db: BossDb, schema: string, onLost: (err: unknown) => void): BossDb {
  const outcomeWrites = new Set([completeJobs(schema), failJobsById(schema)]);
  return {
    executeSql(text, values) {
      if (!outcomeWrites.has(text)) return db.executeSql(text, values);
      return db.executeSql(text, values).catch((err: unknown) => {
        onLost(err);
        return { rows: [{ count: '0' }] }; // what pg-boss reads back: no job changed
      });
    },
  };
}

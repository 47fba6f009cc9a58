import type { Knex } from 'knex';

/** A counter after one more hit: how many in the current window, and when the window ends. */
export interface Hit {
  hits: number;
  resetsAt: Date;
}

/** Fixed-window counters in PostgreSQL, so every tool process behind the load balancer counts together. */
export function createRateLimitStore(db: Knex) {
  return {
    /**
     * Counts one hit for `key` in one statement (an upsert that starts a new window once the old one ended), committed
     * without waiting for the WAL flush: a counter lost in a database crash only forgives a few requests.
     */
    async hit(key: string, windowSeconds: number): Promise<Hit> {
      const { rows } = await db.raw(
        `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
         INSERT INTO rate_limits AS r (key, hits, resets_at) SELECT ?, 1, now() + make_interval(secs => ?) FROM async
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.resets_at <= now() THEN 1 ELSE r.hits + 1 END,
           resets_at = CASE WHEN r.resets_at <= now() THEN excluded.resets_at ELSE r.resets_at END
         RETURNING hits, resets_at`,
        [key, windowSeconds],
      );
      const row = rows[0] as { hits: number; resets_at: Date | string };
      return { hits: row.hits, resetsAt: new Date(row.resets_at) };
    },
    /** Drops windows that ended (called from the hourly housekeeping). */
    async deleteExpired(): Promise<void> {
      await db('rate_limits').where('resets_at', '<', db.fn.now()).delete();
    },
  };
}

/** Data access for rate-limit counters. */
export type RateLimitStore = ReturnType<typeof createRateLimitStore>;

import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Hit } from './rateLimit.store';

interface Entry {
  /** Hits counted here and not yet added to the shared row. */
  pending: number;
  /** The shared row's count at this process's last flush (every process's hits). */
  known: number;
  /** End of the window, in ms (the shared row's once flushed). */
  resetsAt: number;
  /** The rule's limit, so a blocked key is refreshed at each flush (an admin reset or a new window shows up). */
  limit: number;
}

/*
 * One statement for the whole batch: each key's pending hits are added to its shared row (a new window once
 * the old one ended), and the rows come back. Keys are sorted so two processes flushing overlapping keys lock
 * rows in the same order. Committed without waiting for the WAL flush: a lost batch only forgives some requests.
 */
const FLUSH_SQL = `
WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO rate_limits AS r (key, hits, resets_at)
SELECT b.key, b.hits, now() + make_interval(secs => b.window_seconds)
FROM unnest(CAST(:keys AS text[]), CAST(:hits AS int[]), CAST(:windows AS int[])) AS b(key, hits, window_seconds), async
ORDER BY b.key
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.resets_at <= now() THEN excluded.hits ELSE r.hits + excluded.hits END,
  resets_at = CASE WHEN r.resets_at <= now() THEN excluded.resets_at ELSE r.resets_at END
RETURNING key, hits, resets_at`;

/** Past this many keys, a new key triggers an early flush, which forgets ended windows. */
const MAX_KEYS = 200_000;

/**
 * Fixed-window counters counted in this process and added to the shared `rate_limits` rows in batches, every
 * `flushMs` (ADR 0012). A request is decided from memory (no round trip): its key's shared count as of the last
 * flush plus the hits counted here since. So one process enforces the limit exactly, and the processes together
 * admit at most what each admits for a key between two of its flushes beyond the limit (the bound in the ADR).
 */
export function createBatchedRateLimitStore(db: Knex, opts: { flushMs: number; logger: Pick<Logger, 'warn'> }) {
  const entries = new Map<string, Entry>();
  let flushing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function flushOnce(): Promise<void> {
    const now = Date.now();
    const batch: [string, Entry, number][] = [];
    for (const [key, e] of entries) {
      if (e.pending > 0 || e.known >= e.limit) batch.push([key, e, e.pending]);
      else if (e.resetsAt <= now) entries.delete(key);
    }
    if (batch.length === 0) return;
    const windows = batch.map(([, e]) => Math.max(1, Math.ceil((e.resetsAt - now) / 1000)));
    const { rows } = await db.raw(FLUSH_SQL, { keys: batch.map(([k]) => k), hits: batch.map(([, , n]) => n), windows });
    const byKey = new Map((rows as { key: string; hits: number; resets_at: Date | string }[]).map((r) => [r.key, r]));
    for (const [key, e, sent] of batch) {
      const row = byKey.get(key);
      if (!row || entries.get(key) !== e) continue; // the window ended here meanwhile: a fresh entry counts on
      e.pending -= sent;
      e.known = row.hits;
      e.resetsAt = new Date(row.resets_at).getTime();
    }
  }

  const store = {
    /** Counts one hit for `key` here and answers from memory; `limit` marks keys to refresh while blocked. */
    async hit(key: string, windowSeconds: number, limit: number = Number.MAX_SAFE_INTEGER): Promise<Hit> {
      const now = Date.now();
      let e = entries.get(key);
      if (!e || e.resetsAt <= now) {
        // A new window. Hits of the old one not yet flushed are dropped: its shared row's window is over too.
        if (!e && entries.size >= MAX_KEYS && !flushing) void store.flush().catch(() => undefined); // drops ended windows
        e = { pending: 0, known: 0, resetsAt: now + windowSeconds * 1000, limit };
        entries.set(key, e);
      }
      e.pending++;
      return { hits: e.known + e.pending, resetsAt: new Date(e.resetsAt) };
    },
    /** Adds the pending hits to the shared rows and learns the other processes' counts (one statement). */
    async flush(): Promise<void> {
      // One flush at a time; a caller arriving during one runs its own after it, so it covers the caller's hits.
      while (flushing) await flushing.catch(() => undefined);
      flushing = flushOnce().finally(() => {
        flushing = null;
      });
      return flushing;
    },
    /** Flushes every `flushMs` until stop(). */
    start(): void {
      if (timer) return;
      timer = setInterval(() => store.flush().catch((err) => opts.logger.warn({ err }, 'rate limit flush failed; counts kept for the next one')), opts.flushMs);
      timer.unref();
    },
    /** Stops the timer and flushes what is pending (best effort). */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await store.flush().catch((err) => opts.logger.warn({ err }, 'rate limit flush failed at shutdown'));
    },
    /** Keys remembered here (for tests and the memory bench). */
    size: () => entries.size,
  };
  return store;
}

/** Rate-limit counters batched per process. */
export type BatchedRateLimitStore = ReturnType<typeof createBatchedRateLimitStore>;

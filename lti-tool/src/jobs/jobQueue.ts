import type { Knex } from 'knex';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { knexBossDb, toleratingOutcomeWrites } from './jobs.adapter';

/** How a queue retries and expires its jobs. */
export interface QueueDefinition {
  name: string;
  /**
   * pg-boss policy: 'standard'; or 'stately' = per singleton key at most one queued and one running
   * job (e.g. one roster sync per course).
   */
  policy?: 'standard' | 'stately';
  /** Attempts after the first one. */
  retryLimit: number;
  /** Seconds before the first retry; doubled each time (with pg-boss's jitter) when backoff is on. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** A job still active after this long is taken to have died with its process and is retried. */
  expireInSeconds: number;
}

/** A job as a handler receives it. */
export interface QueuedJob<T> {
  id: string;
  data: T;
  retryCount: number;
}

/** Options for sending one job. */
export interface SendOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  trx?: Knex.Transaction;
  /** At most one queued job with this key at a time (e.g. one roster sync per context). */
  singletonKey?: string;
  startAfter?: Date;
}

/** pg-boss's own default: how often one process expires, archives and drops jobs. */
const DEFAULT_MAINTENANCE_SECONDS = 120;

/**
 * A job that died with its process (kill -9, OOM) is only noticed, and retried, when maintenance expires
 * it. With the default interval a passback job (expiring after ~1.5 min) waited up to 2 more minutes; a
 * quarter of the shortest expiry keeps that delay small. Only one process per interval runs it.
 */
export function maintenanceIntervalFor(queues: QueueDefinition[]): number {
  if (queues.length === 0) return DEFAULT_MAINTENANCE_SECONDS;
  const shortest = Math.min(...queues.map((q) => q.expireInSeconds));
  return Math.max(1, Math.min(DEFAULT_MAINTENANCE_SECONDS, Math.floor(shortest / 4)));
}

/**
 * The PostgreSQL-backed job queue (pg-boss). All its SQL goes through knex's connections, so on
 * PGlite it shares the single connection and on PostgreSQL it runs in the same pool; several tool
 * processes on one database share the queue and each job is taken by exactly one of them.
 */
export function createJobQueue(opts: { db: Knex; schema: string; logger: Logger; pollingIntervalSeconds?: number }) {
  const bossDb = knexBossDb(opts.db);
  const strictDb = { db: bossDb as PgBoss.Db };
  const outcomeLost = (err: unknown, job?: { queue: string; jobId: string }) =>
    opts.logger.warn({ err, ...job }, 'job outcome not recorded; the job runs again when it expires');
  const bossDefaultDb = toleratingOutcomeWrites(bossDb, opts.schema, (err) => outcomeLost(err));
  let handling = 0; // batches of jobs whose handlers are running
  const newBoss = (maintenanceIntervalSeconds: number) => {
    const b = new PgBoss({
      db: bossDefaultDb as PgBoss.Db,
      schema: opts.schema,
      supervise: true,
      maintenanceIntervalSeconds,
      schedule: true,
      migrate: true,
    });
    b.on('error', (err) => opts.logger.error({ err }, 'job queue error'));
    return b;
  };
  // Replaced in start(), once the queues (and so how often expiry must be checked) are known.
  let boss = newBoss(DEFAULT_MAINTENANCE_SECONDS);
  const polling = opts.pollingIntervalSeconds ?? 1;
  let started = false;

  async function ensureQueue(q: QueueDefinition): Promise<void> {
    const options = { name: q.name, policy: q.policy ?? 'standard', retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: q.retryBackoff, expireInSeconds: q.expireInSeconds };
    for (let attempt = 1; ; attempt++) {
      try {
        if (await boss.getQueue(q.name)) await boss.updateQueue(q.name, options);
        else await boss.createQueue(q.name, options);
        return;
      } catch (err) {
        // Processes starting together declare the same queues at once: the loser of the race (a unique
        // violation, or a deadlock on the queue's new partition) looks again after a short random pause.
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
      }
    }
  }
  return {
    /** Installs or upgrades the queue schema and declares the queues. */
    async start(queues: QueueDefinition[]): Promise<void> {
      if (!started) boss = newBoss(maintenanceIntervalFor(queues));
      await boss.start();
      started = true;
      for (const q of queues) await ensureQueue(q);
    },
    /** Enqueues a job; returns its id, or null when a singleton job is already queued. */
    async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
      return boss.send(name, data, {
        singletonKey: options.singletonKey,
        startAfter: options.startAfter,
        ...(options.trx ? { db: knexBossDb(options.trx) as PgBoss.Db } : {}),
      });
    },
    /**
     * Runs `handler` for each job of a queue; a thrown error fails the job and pg-boss retries it. The worker looks
     * for jobs every `pollingSeconds`, never more often than the queue's setting (JOB_POLLING_SECONDS).
     */
    async work<T extends object>(name: string, handler: (job: QueuedJob<T>) => Promise<void>, options: { batchSize?: number; pollingSeconds?: number } = {}): Promise<void> {
      const pollingIntervalSeconds = Math.max(polling, options.pollingSeconds ?? polling);
      await boss.work<T>(name, { batchSize: options.batchSize ?? 1, pollingIntervalSeconds, includeMetadata: true }, async (jobs) => {
        handling++;
        // Each job of a batch succeeds or fails on its own. The callback never rejects: its outcome is written here,
        // awaited, and a write the database cannot take leaves the job active for expiry to retry.
        await Promise.all(
          jobs.map(async (job) => {
            let failure: Error | null = null;
            try {
              await handler({ id: job.id, data: job.data, retryCount: job.retryCount });
            } catch (err) {
              failure = err as Error;
              opts.logger.warn({ err, queue: name, jobId: job.id }, 'job failed');
            }
            try {
              if (failure) await boss.fail(name, job.id, { message: failure.message }, strictDb);
              else await boss.complete(name, job.id, {}, strictDb);
            } catch (err) {
              outcomeLost(err, { queue: name, jobId: job.id });
            }
          }),
        ).finally(() => handling--);
      });
    },
    /** Runs a queue on a cron schedule (one job per tick across all processes). */
    async schedule(name: string, cron: string, data: object = {}): Promise<void> {
      await boss.schedule(name, cron, data);
    },
    /** How many jobs of a queue are in each state. */
    async counts(name: string): Promise<Record<string, number>> {
      const rows = await opts.db.raw(`SELECT state, count(*)::int AS n FROM ${opts.schema}.job WHERE name = ? GROUP BY state`, [name]);
      return Object.fromEntries((rows.rows as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
    },
    /** Whether the queue's tables answer (readiness): false while the database is unreachable or before start. */
    async reachable(): Promise<boolean> {
      if (!started) return false;
      try {
        await opts.db.raw(`SELECT 1 FROM ${opts.schema}.version LIMIT 1`);
        return true;
      } catch {
        return false;
      }
    },
    async stop(): Promise<void> {
      if (started) {
        await boss.stop({ graceful: true, wait: true, timeout: 5000, close: false });
        // pg-boss's stop() resolves while a worker may still be fetching (and would then run what it fetched):
        // wait for that, so no worker outlives the queue and the database can be closed behind it.
        const until = Date.now() + 10_000;
        for (let quiet = 0; quiet < 2 && Date.now() < until; ) {
          quiet = bossDb.inFlight() === 0 && handling === 0 ? quiet + 1 : 0;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      started = false;
    },
  };
}

/** The tool's job queue. */
export type JobQueue = ReturnType<typeof createJobQueue>;

import type { JobQueue, QueueDefinition, QueuedJob } from './jobQueue';

/** A kind of background work: its queue, its handler, and optionally a schedule. */
export interface JobDefinition<T extends object = object> {
  queue: QueueDefinition;
  handle(job: QueuedJob<T>): Promise<void>;
  /** How many jobs one worker fetches at once (throughput vs. fairness). */
  batchSize?: number;
  /** Cron expression for recurring work, e.g. a nightly roster sync of every course. */
  schedule?: { cron: string; data?: object };
}

/**
 * How often a worker of a scheduled queue looks for work. Its jobs come from its cron (every minute at most), so
 * looking every second, as the on-demand queues (passback, roster sync) do, would only cost each tool process
 * idle queries: a scheduled job starts within this many seconds of its tick.
 */
export const SCHEDULED_POLLING_SECONDS = 10;

/** Declares every queue, then starts a worker (and schedule) for each definition. */
export async function startJobs(queue: JobQueue, definitions: JobDefinition[]): Promise<void> {
  await queue.start(definitions.map((d) => d.queue));
  for (const d of definitions) {
    await queue.work(d.queue.name, (job) => d.handle(job), { batchSize: d.batchSize, pollingSeconds: d.schedule ? SCHEDULED_POLLING_SECONDS : undefined });
    if (d.schedule) await queue.schedule(d.queue.name, d.schedule.cron, d.schedule.data);
  }
}

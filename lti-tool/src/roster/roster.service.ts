import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/jobQueue';
import type { LaunchFollowUp } from '../lti/launch.service';
import { serviceColumns, type LaunchServicesStore } from '../lti/launchServices.store';
import { rosterErrors } from './roster.errors';
import type { RosterMember, RosterStore, RosterSyncRun, SyncTrigger } from './roster.store';
import type { RosterSyncJob } from './rosterSync.runner';

/** The job queue that runs roster syncs (one queued and one running job per course at most). */
export const ROSTER_SYNC_QUEUE = 'roster-sync';

/** Raised inside the enqueue transaction to roll it back when the queue already holds a job for the course. */
class AlreadyQueued extends Error {}

/** Requests roster syncs (first launch, admin, schedule) and reads runs and rosters. */
export function createRosterService(deps: {
  db: Knex;
  runs: RosterStore;
  launchServices: LaunchServicesStore;
  jobs: JobQueue;
  logger: Logger;
  /** A pending run without progress for this long is taken to be lost and replaced. */
  staleAfterMs: number;
}) {
  const { db, runs } = deps;

  /**
   * Queues a sync of a course unless one is already pending (then that run is returned: idempotent).
   * Inside `outer` (a launch transaction) it works in a savepoint, so its failure cannot undo the launch.
   */
  async function requestSync(contextId: string, trigger: SyncTrigger, requestedBy: string | null, outer?: Knex.Transaction): Promise<{ run: RosterSyncRun; created: boolean }> {
    const reader = outer ?? db;
    const begin = outer ? outer.transaction.bind(outer) : db.transaction.bind(db);
    try {
      return await begin(async (trx: Knex.Transaction) => {
        const services = await deps.launchServices.forContext(contextId, trx);
        if (!services?.nrpsUrl) throw rosterErrors.nrpsUnavailable();
        const pending = await runs.pending(contextId, trx);
        if (pending && Date.now() - pending.updatedAt.getTime() < deps.staleAfterMs) return { run: pending, created: false };
        if (pending) await runs.fail(pending.id, 'abandoned: no progress for a long time (the tool was probably restarted); a new sync replaced it', true, trx);
        const id = randomUUID();
        if (!(await runs.insertQueued({ id, contextId, trigger, requestedBy }, trx))) throw new AlreadyQueued();
        const jobId = await deps.jobs.send<RosterSyncJob>(ROSTER_SYNC_QUEUE, { syncId: id }, { trx, singletonKey: contextId });
        if (!jobId) throw new AlreadyQueued();
        return { run: (await runs.find(id, trx))!, created: true };
      });
    } catch (e) {
      if (!(e instanceof AlreadyQueued)) throw e;
      const pending = (await runs.pending(contextId, reader)) ?? (await runs.latest(contextId, reader));
      if (!pending) throw e;
      return { run: pending, created: false };
    }
  }

  // Courses this process has seen with a roster sync: a sync, once there, stays, so their launches skip the check.
  // Bounded: forgetting only costs one read per course.
  const synced = new Set<string>();
  const remember = (contextId: string) => {
    if (synced.size >= 50_000) synced.clear();
    synced.add(contextId);
  };

  /**
   * Launch follow-up: the first launch in a course that offers NRPS queues its first sync (after the launch
   * committed; if that fails, the next launch in the course or the nightly sync tries again).
   */
  const firstSyncFollowUp: LaunchFollowUp = {
    name: 'roster-first-sync',
    wants: (event) => !synced.has(event.contextId) && serviceColumns(event.claims.services).nrps_url !== null,
    async run(event) {
      if (!(await runs.hasAny(event.contextId))) await requestSync(event.contextId, 'first_launch', event.userId);
      remember(event.contextId);
    },
  };

  return {
    requestSync,
    firstSyncFollowUp,
    /** The scheduled sync: queues a run for every course whose launches announced an NRPS endpoint. */
    async requestScheduled(): Promise<{ queued: number; pending: number; failed: number }> {
      const totals = { queued: 0, pending: 0, failed: 0 };
      for (const { contextId } of await deps.launchServices.contextsWithNrps()) {
        try {
          const { created } = await requestSync(contextId, 'schedule', null);
          totals[created ? 'queued' : 'pending']++;
        } catch (err) {
          totals.failed++;
          deps.logger.error({ err, contextId }, 'could not queue a scheduled roster sync');
        }
      }
      return totals;
    },
    latest: (contextId: string) => runs.latest(contextId),
    members: (contextId: string, q: { status?: 'active' | 'inactive'; limit: number; offset: number }): Promise<{ total: number; members: RosterMember[] }> =>
      runs.members(contextId, q),
  };
}

/** Roster sync requests and roster reads. */
export type RosterService = ReturnType<typeof createRosterService>;

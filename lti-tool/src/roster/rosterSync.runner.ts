import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { QueuedJob } from '../jobs/jobQueue';
import type { LaunchServicesStore } from '../lti/launchServices.store';
import type { PlatformStore } from '../lti/platform.store';
import { mapRoles, parseRole } from '../lti/roles';
import type { NrpsClient } from './nrps.client';
import type { NrpsMember } from './nrps.schema';
import { RosterSyncError, syncFailure } from './roster.errors';
import type { RosterStore } from './roster.store';
import type { RosterStagingStore, StagedMember } from './rosterStaging.store';

/** The job that runs one roster sync. */
export interface RosterSyncJob {
  syncId: string;
}

/**
 * NRPS lists course roles only. Roles a launch showed beyond the course (an institution administrator)
 * are kept, so a sync does not demote the LMS admin who installed Staffroom to a lead teacher.
 */
function mergeRoles(nrpsRoles: string[], recorded: string[]): string[] {
  const beyondCourse = recorded.filter((r) => {
    const parsed = parseRole(r);
    return parsed !== null && parsed.scope !== 'context';
  });
  return [...new Set([...nrpsRoles, ...beyondCourse])];
}

function toStaged(members: NrpsMember[], beyondCourse: Map<string, string[]>): StagedMember[] {
  const byUser = new Map<string, StagedMember>();
  for (const m of members) {
    if (m.status === 'deleted') continue; // gone from the course: the deactivation pass handles them
    const ltiRoles = mergeRoles(m.roles, beyondCourse.get(m.userId) ?? []);
    byUser.set(m.userId, {
      userSub: m.userId,
      name: m.name,
      givenName: m.givenName,
      familyName: m.familyName,
      email: m.email,
      ltiRoles,
      role: mapRoles(ltiRoles),
      status: m.status === 'inactive' ? 'inactive' : 'active',
    });
  }
  return [...byUser.values()];
}

/**
 * Runs a roster sync job: reads the platform's pages into the run's staging rows (progress recorded per page),
 * then applies everything in one transaction. Any failure leaves the roster exactly as it was; transient
 * failures are rethrown so the job queue retries with backoff, permanent ones end the run as failed.
 */
export function createRosterSyncRunner(deps: {
  db: Knex;
  runs: RosterStore;
  staging: RosterStagingStore;
  launchServices: LaunchServicesStore;
  platforms: PlatformStore;
  nrps: NrpsClient;
  logger: Logger;
  /** The queue's retry limit: the attempt with this retry count is the last one. */
  retryLimit: number;
  /** A run reading longer than this gives up (a platform trickling pages forever). */
  runDeadlineMs: number;
}) {
  const { db, runs, staging } = deps;

  async function readAndApply(syncId: string, contextId: string, startedAt: Date): Promise<void> {
    const platformId = await runs.platformOf(contextId);
    const platform = platformId ? await deps.platforms.findById(platformId) : null;
    const services = await deps.launchServices.forContext(contextId);
    if (!platform || !platformId) throw syncFailure.permanent('the course or its LMS registration no longer exists');
    if (!services?.nrpsUrl) throw syncFailure.permanent('the LMS has not announced a roster service (NRPS) for this course');

    const deadline = startedAt.getTime() + deps.runDeadlineMs;
    let fetched = 0;
    const beyondCourse = await staging.beyondCourseRoles(contextId, platformId);
    // No transaction is open while a page is being fetched: on PGlite the sandbox LMS answering it needs the connection.
    for await (const page of deps.nrps.pages(platform, services.nrpsUrl)) {
      fetched += page.members.length;
      // Staged rows are only the run's scratch space: no transaction needed until the apply.
      await staging.stagePage(syncId, toStaged(page.members, beyondCourse), { pages: page.number, members: fetched });
      if (Date.now() > deadline) throw syncFailure.permanent(`reading the roster took longer than ${Math.round(deps.runDeadlineMs / 60_000)} minutes`);
    }

    await db.transaction(async (trx) => {
      if ((await staging.stagedCount(syncId, trx)) === 0 && (await staging.activeMembers(contextId, trx)) > 0) {
        throw syncFailure.permanent('the LMS returned an empty roster; Staffroom kept the current members rather than mark everyone as having left');
      }
      const changes = await staging.apply({ syncId, contextId, platformId, startedAt }, trx);
      await staging.clear(syncId, trx);
      await runs.succeed(syncId, changes, trx);
    });
  }

  return {
    /** The job handler. */
    async handle(job: QueuedJob<RosterSyncJob>): Promise<void> {
      const run = await runs.find(job.data.syncId);
      if (!run || run.status === 'succeeded' || run.status === 'failed') return; // already settled (or abandoned)
      const startedAt = new Date();
      await db.transaction(async (trx) => {
        await staging.clear(run.id, trx); // a retry reads every page again
        await runs.markStarted(run.id, startedAt, trx);
      });
      try {
        await readAndApply(run.id, run.contextId, startedAt);
      } catch (e) {
        const failure = e instanceof RosterSyncError ? e : null;
        if (!failure) deps.logger.error({ err: e, syncId: run.id }, 'roster sync failed unexpectedly');
        const message = failure?.message ?? 'Staffroom could not save the roster (an internal error, logged for the operator)';
        const final = failure?.kind === 'permanent' || job.retryCount >= deps.retryLimit;
        await db.transaction(async (trx) => {
          await staging.clear(run.id, trx);
          await runs.fail(run.id, message, final, trx);
        });
        deps.logger.warn({ syncId: run.id, contextId: run.contextId, attempt: job.retryCount + 1, final, reason: message }, 'roster sync attempt failed');
        if (!final) throw e; // the job queue retries with backoff
      }
    },
  };
}

/** The roster sync job handler. */
export type RosterSyncRunner = ReturnType<typeof createRosterSyncRunner>;

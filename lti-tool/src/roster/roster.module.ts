import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { JobQueue, QueuedJob } from '../jobs/jobQueue';
import type { LaunchServicesStore } from '../lti/launchServices.store';
import type { PlatformStore } from '../lti/platform.store';
import type { ServiceTokenClient } from '../lti/serviceToken';
import { createNrpsClient, type NrpsLimits } from './nrps.client';
import { createRosterService, ROSTER_SYNC_QUEUE } from './roster.service';
import { createRosterStore } from './roster.store';
import { createRosterStagingStore } from './rosterStaging.store';
import { createRosterSyncRunner, type RosterSyncJob } from './rosterSync.runner';

/** The queue whose cron job queues the nightly sync of every course. */
export const ROSTER_SCHEDULE_QUEUE = 'roster-sync-nightly';
/** Every night at 02:30 UTC. */
export const ROSTER_SCHEDULE_CRON = '30 2 * * *';

/** Tunable limits of roster sync (configuration: ROSTER_*). */
export interface RosterSettings {
  pageTimeoutMs: number;
  maxPages: number;
  retryLimit: number;
  retryDelaySeconds: number;
}

/** Limits that are not configurable: 5 MB per page, pages of 100 members asked for, 20 minutes of reading per run. */
export const ROSTER_LIMITS = { maxPageBytes: 5 * 1024 * 1024, pageSize: 100, runDeadlineMs: 20 * 60_000 } as const;

/** Builds roster sync for one tool process: the service, the job handlers and the launch hook. */
export function createRoster(deps: {
  db: Knex;
  jobs: JobQueue;
  serviceTokens: ServiceTokenClient;
  platforms: PlatformStore;
  launchServices: LaunchServicesStore;
  logger: Logger;
  settings: RosterSettings;
}) {
  const runs = createRosterStore(deps.db);
  const limits: NrpsLimits = { pageTimeoutMs: deps.settings.pageTimeoutMs, maxPageBytes: ROSTER_LIMITS.maxPageBytes, maxPages: deps.settings.maxPages, pageSize: ROSTER_LIMITS.pageSize };
  const service = createRosterService({
    db: deps.db,
    runs,
    launchServices: deps.launchServices,
    jobs: deps.jobs,
    logger: deps.logger,
    // Longer than one attempt can read plus the longest retry backoff.
    staleAfterMs: ROSTER_LIMITS.runDeadlineMs * 3,
  });
  const runner = createRosterSyncRunner({
    db: deps.db,
    runs,
    staging: createRosterStagingStore(deps.db),
    launchServices: deps.launchServices,
    platforms: deps.platforms,
    nrps: createNrpsClient({ tokens: deps.serviceTokens, limits }),
    logger: deps.logger,
    retryLimit: deps.settings.retryLimit,
    runDeadlineMs: ROSTER_LIMITS.runDeadlineMs,
  });

  const syncJob: JobDefinition<RosterSyncJob> = {
    queue: {
      name: ROSTER_SYNC_QUEUE,
      policy: 'stately',
      retryLimit: deps.settings.retryLimit,
      retryDelaySeconds: deps.settings.retryDelaySeconds,
      retryBackoff: true,
      // A job still active after this long died with its process; the run's deadline is shorter.
      expireInSeconds: Math.ceil(ROSTER_LIMITS.runDeadlineMs / 1000) + 600,
    },
    batchSize: 2,
    handle: (job) => runner.handle(job),
  };
  const scheduleJob: JobDefinition = {
    queue: { name: ROSTER_SCHEDULE_QUEUE, retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 900 },
    schedule: { cron: ROSTER_SCHEDULE_CRON },
    handle: async (_job: QueuedJob<object>) => {
      const totals = await service.requestScheduled();
      deps.logger.info({ ...totals }, 'nightly roster sync queued');
    },
  };

  return { service, runner, jobDefinitions: [syncJob, scheduleJob] as JobDefinition[] };
}

/** Roster sync of one tool process. */
export type Roster = ReturnType<typeof createRoster>;

import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { JobQueue } from '../jobs/jobQueue';
import type { SecretBox } from '../lti/secretBox';
import { createCanvasAdapter } from './canvas.adapter';
import { createConnectionService } from './connection.service';
import { createConnectionStore } from './connection.store';
import { createEnrolmentLaunchFollowUp } from './courseRef';
import type { LmsAdapterFactory } from './lms.adapter';
import { DEFAULT_LMS_HTTP, type LmsHttpOptions } from './lmsHttp';
import { createMoodleAdapter } from './moodle.adapter';
import { createPeopleStore } from './people.store';
import { createRunService, ENROLMENT_QUEUE, type EnqueueRun } from './runs.service';
import { createRunsStore } from './runs.store';

/** Lists up to this many people are enrolled while the admin waits; longer ones go to the job queue. */
export const SYNC_ENROLMENT_LIMIT = 200;

/** The adapter for a connection's LMS. */
export const lmsAdapter: LmsAdapterFactory = (settings, http) =>
  settings.kind === 'canvas' ? createCanvasAdapter(settings, http) : createMoodleAdapter(settings, http);

/** Builds staff enrolment: LMS connections, runs, the launch hook and the background job. */
export function createEnrolment(deps: {
  db: Knex;
  box: SecretBox;
  logger: Logger;
  /** The tool's job queue (large runs go there). */
  jobs: Pick<JobQueue, 'send'>;
  /** Production: LMS addresses must be https and public. */
  requireHttps: boolean;
  http?: LmsHttpOptions;
  syncLimit?: number;
  syncBudgetMs?: number;
}) {
  const http = deps.http ?? DEFAULT_LMS_HTTP;
  const adapters: LmsAdapterFactory = (settings) => lmsAdapter(settings, http);
  const people = createPeopleStore(deps.db);
  const connections = createConnectionService({ db: deps.db, store: createConnectionStore(deps.db), box: deps.box, adapters, requireHttps: deps.requireHttps });
  const runs = createRunService({
    db: deps.db,
    runs: createRunsStore(deps.db),
    people,
    connections,
    adapters,
    logger: deps.logger,
    syncLimit: deps.syncLimit ?? SYNC_ENROLMENT_LIMIT,
    syncBudgetMs: deps.syncBudgetMs ?? 20_000,
  });
  return {
    people,
    connections,
    runs,
    launchFollowUp: createEnrolmentLaunchFollowUp(people, deps.db),
    /** Enqueues a run on the tool's job queue. */
    enqueue: ((runId, trx) => deps.jobs.send(ENROLMENT_QUEUE.name, { runId }, trx ? { trx } : {})) satisfies EnqueueRun,
    jobDefinition: {
      queue: ENROLMENT_QUEUE,
      async handle(job) {
        await runs.process(job.data.runId, null);
      },
    } satisfies JobDefinition<{ runId: string }>,
  };
}

/** Staff enrolment into the LMS course. */
export type Enrolment = ReturnType<typeof createEnrolment>;

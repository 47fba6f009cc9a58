import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../../../config/config';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { JobQueue, QueueDefinition } from '../jobs/jobQueue';
import type { LaunchServicesStore } from '../lti/launchServices.store';
import type { PlatformStore } from '../lti/platform.store';
import type { ServiceTokenClient } from '../lti/serviceToken';
import { createAgsClient } from './ags.client';
import { createGradesService, PASSBACK_QUEUE } from './grades.service';
import { createGradesStore } from './grades.store';
import { createLineItemsService } from './lineItems.service';
import { createLineItemsStore } from './lineItems.store';
import { createLti11Passback, type BasicOutcomesPort } from './lti11Passback';
import { createPassbackWorker, type PassbackJob } from './passback.worker';

/** Sent with every AGS call (Canvas refuses service calls without a User-Agent). */
export const GRADES_USER_AGENT = 'Staffroom LTI tool';
const SWEEP_QUEUE = 'grade-passback-sweep';

/** Builds grade passback: the service other features call, and its background jobs. */
export function createGrades(deps: {
  db: Knex;
  config: Config['grades'];
  logger: Logger;
  jobs: JobQueue;
  launchServices: LaunchServicesStore;
  platforms: PlatformStore;
  serviceTokens: ServiceTokenClient;
  /** LTI 1.1 Basic Outcomes, for courses launched with LTI 1.1; null when that adapter is off. */
  basicOutcomes: BasicOutcomesPort | null;
}) {
  const c = deps.config;
  // One attempt: a token, at most a few line item calls and the score post, each bounded by the timeout.
  const attemptSeconds = Math.ceil((c.httpTimeoutMs * 6) / 1000) + 30;
  // A pending passback untouched for longer than the longest retry delay has lost its job.
  const longestRetryDelaySeconds = Math.min(c.retryBackoff ? c.retryDelaySeconds * 2 ** Math.min(16, c.retryLimit) : c.retryDelaySeconds, 6 * 3600);
  const staleAfterSeconds = longestRetryDelaySeconds + attemptSeconds + 3600;

  const store = createGradesStore(deps.db);
  const ags = createAgsClient({ serviceTokens: deps.serviceTokens, timeoutMs: c.httpTimeoutMs, userAgent: GRADES_USER_AGENT });
  const lineItems = createLineItemsService({ store: createLineItemsStore(deps.db), launchServices: deps.launchServices, ags, leaseSeconds: attemptSeconds });
  const service = createGradesService({ db: deps.db, store, jobs: deps.jobs });
  const worker = createPassbackWorker({
    store,
    lineItems,
    ags,
    platforms: deps.platforms,
    lti11: createLti11Passback({ port: deps.basicOutcomes, store, timeoutMs: c.httpTimeoutMs }),
    retry: { limit: c.retryLimit, delaySeconds: c.retryDelaySeconds, backoff: c.retryBackoff },
    retryLater: (id, at, kind, message) => service.retryLater(id, at, kind, message),
    attemptLeaseSeconds: attemptSeconds,
    logger: deps.logger,
  });

  // Platform failures are retried by the worker (a new job per attempt). The queue's own retries cover
  // a job that died with its process (expiry) or hit an unexpected error such as a database hiccup.
  const queue: QueueDefinition = { name: PASSBACK_QUEUE, retryLimit: 5, retryDelaySeconds: Math.max(1, c.retryDelaySeconds), retryBackoff: true, expireInSeconds: attemptSeconds };
  const passbacks: JobDefinition<PassbackJob> = { queue, batchSize: c.batchSize, handle: (job) => worker.handle(job) };
  const sweep: JobDefinition = {
    queue: { name: SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 300 },
    schedule: { cron: '*/15 * * * *' },
    handle: async () => {
      const requeued = await service.requeueStale(new Date(Date.now() - staleAfterSeconds * 1000));
      if (requeued > 0) deps.logger.warn({ requeued }, 'requeued grade passbacks whose jobs were lost');
    },
  };

  return {
    service,
    /** The passback queue (one worker per GRADE_WORKERS, each fetching GRADE_BATCH_SIZE jobs) and the sweep. */
    jobDefinitions(): JobDefinition[] {
      return [...Array.from({ length: c.workers }, () => passbacks as JobDefinition), sweep];
    },
  };
}

/** Grade passback. */
export type Grades = ReturnType<typeof createGrades>;

import type { Router } from 'express';
import type { Knex } from 'knex';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { SessionIdentity, SessionTokens } from '../lti/session';
import type { Attachments } from '../attachments/attachments.module';
import { createAllocation } from './allocation.service';
import { allocationStore } from './allocation.store';
import { attachVersionFiles, syncDraftFiles, registerAuditionFiles } from './auditionFiles';
import { auditionSetupRoutes } from './auditions.routes';
import { auditionsStore } from './auditions.store';
import { createLeadService } from './lead.service';
import { createNotificationsService } from './notifications.service';
import { notificationsStore } from './notifications.store';
import { poolStore } from './pool.store';
import { createReviewingService } from './reviewing.service';
import { reviewsStore } from './reviews.store';
import { createSetupService } from './setup.service';
import { createSubmissionsService } from './submissions.service';
import { submissionsStore } from './submissions.store';
import { createSweep } from './sweep.service';
import { auditionWorkRoutes } from './work.routes';

/** The queue of the auditions sweep (deadline allocation, overdue and leaver reassignment). */
export const AUDITIONS_SWEEP_QUEUE = 'auditions-sweep';

/** Builds the auditions feature (issue 5) for one tool process. `now` is injectable for tests. */
export function createAuditions(deps: { db: Knex; now?: () => Date; attachments?: Attachments }) {
  const { db, attachments } = deps;
  if (attachments) registerAuditionFiles({ db, purposes: attachments.purposes });
  const attachFiles = attachments ? (trx: Knex, s: SessionIdentity, versionId: string, ids: readonly string[]) => attachVersionFiles(trx, attachments.service, s, versionId, ids) : undefined;
  const draftFiles = attachments
    ? (trx: Knex, s: SessionIdentity, submissionId: string, before: readonly string[], after: readonly string[]) => syncDraftFiles(trx, attachments.service, s, submissionId, before, after)
    : undefined;
  const now = deps.now ?? (() => new Date());
  const stores = { auditions: auditionsStore, submissions: submissionsStore, reviews: reviewsStore, pool: poolStore, notifications: notificationsStore };
  const allocation = createAllocation({ ...stores, allocationStore });
  const services = {
    setup: createSetupService({ db, ...stores }),
    submissions: createSubmissionsService({ db, ...stores, allocation, now, attachFiles, draftFiles }),
    reviewing: createReviewingService({ db, ...stores, now }),
    lead: createLeadService({ db, ...stores, allocation, now }),
    notifications: createNotificationsService({ db, notifications: notificationsStore }),
    sweep: createSweep({ db, ...stores, allocation }),
  };
  return {
    ...services,
    allocation,
    /** The feature's HTTP routes. */
    routes(tokens: SessionTokens): Router[] {
      return [auditionSetupRoutes({ tokens, ...services }), auditionWorkRoutes({ tokens, ...services })];
    },
    /** The scheduled sweep, every five minutes. */
    jobDefinitions(): JobDefinition[] {
      return [
        {
          queue: { name: AUDITIONS_SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 300 },
          schedule: { cron: '*/5 * * * *' },
          handle: async () => void (await services.sweep.run(now())),
        },
      ];
    },
  };
}

/** The auditions feature. */
export type Auditions = ReturnType<typeof createAuditions>;

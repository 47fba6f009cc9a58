import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AttachmentStorage } from '../attachments/storage/storage';
import type { createAuditStore } from '../audit/audit.store';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { SessionTokens } from '../lti/session';
import { createErasureService } from './erasure.service';
import { createExportService } from './export.service';
import { exportStore } from './export.store';
import { privacyRoutes, uploadReminder } from './privacy.routes';
import { createRetentionService } from './retention.service';
import { createVisibilityService } from './visibility.service';

/** The queue of the daily deletion of expired student material. */
export const RETENTION_QUEUE = 'privacy-retention';

/** Builds data rights: export, erasure, student-material retention (service, routes, nightly job). */
export function createPrivacy(deps: { db: Knex; storage: AttachmentStorage; logger: Logger; audit: ReturnType<typeof createAuditStore>; studentMaterialPurposes?: string[] }) {
  const { db, storage, logger, audit } = deps;
  const store = exportStore(db);
  const exports = createExportService({ store, storage, record: (e) => audit.record(e) });
  const visibility = createVisibilityService({ store });
  const erasure = createErasureService({ db, storage, logger, record: (e, trx) => audit.record(e, trx) });
  const retention = createRetentionService({ db, storage, logger, studentMaterialPurposes: deps.studentMaterialPurposes ?? [] });
  const jobDefinition: JobDefinition = {
    queue: { name: RETENTION_QUEUE, retryLimit: 2, retryDelaySeconds: 600, retryBackoff: false, expireInSeconds: 3600 },
    schedule: { cron: '41 2 * * *' },
    async handle() {
      const { deleted } = await retention.sweep();
      if (deleted) logger.info({ deleted }, 'expired student material removed');
    },
  };
  return {
    exports,
    erasure,
    retention,
    visibility,
    jobDefinition,
    /** Mount before the upload route: adds the consent reminder to upload answers. */
    uploadReminder: () => uploadReminder(retention),
    routes: (tokens: SessionTokens) => privacyRoutes({ db, tokens, exports, erasure, retention, visibility }),
  };
}

/** The data-rights feature. */
export type Privacy = ReturnType<typeof createPrivacy>;

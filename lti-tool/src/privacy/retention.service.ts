import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AttachmentStorage } from '../attachments/storage/storage';
import { retentionStore } from './retention.store';

/** The reminder every upload answer carries. */
export const STUDENT_MATERIAL_REMINDER =
  'Do not upload material that identifies students (faces, names, work with names) unless you have consent to share it. Files marked as student material are deleted after the cohort\'s retention period.';

/**
 * Deletes uploads marked as student material once the cohort's `studentFileRetentionDays` has passed. Rows go
 * first (readers see 404 at once); storage objects after, so a crash leaves at worst an orphan object.
 */
export function createRetentionService(deps: { db: Knex; storage: AttachmentStorage; logger: Logger; studentMaterialPurposes: string[]; batchSize?: number }) {
  return {
    async sweep(now: Date = new Date()): Promise<{ deleted: number }> {
      let deleted = 0;
      for (;;) {
        const batch = await retentionStore.expired(deps.db, now, deps.studentMaterialPurposes, deps.batchSize ?? 200);
        if (batch.length === 0) return { deleted };
        await retentionStore.deleteRows(deps.db, batch.map((b) => b.id));
        for (const b of batch) await deps.storage.remove(b.storage_key).catch((err: unknown) => deps.logger.warn({ err, key: b.storage_key }, 'expired attachment could not be removed from storage'));
        deleted += batch.length;
      }
    },
    markStudentMaterial: (ownerId: string, attachmentId: string, value: boolean) => retentionStore.markStudentMaterial(deps.db, { attachmentId, ownerId, value }),
    retentionDays: (cohortId: string) => retentionStore.retentionDays(deps.db, cohortId),
    setRetentionDays: (cohortId: string, days: number | null) => retentionStore.setRetentionDays(deps.db, cohortId, days),
  };
}

/** Student-material retention. */
export type RetentionService = ReturnType<typeof createRetentionService>;

import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AuditEntry } from '../audit/audit.types';
import type { AttachmentStorage } from '../attachments/storage/storage';
import type { SessionIdentity } from '../lti/session';
import { erasureStore } from './erasure.store';

/** Why an erasure did not happen. */
export type ErasureFailure = { kind: 'person_not_found' } | { kind: 'confirmation_mismatch' };

/** What an erasure removed and kept (counts only). */
export interface ErasureSummary {
  userId: string;
  deleted: Record<string, number>;
  reviewsKeptAnonymised: number;
}

/**
 * Erases a person on an admin's request, in one transaction with its audit event. Files are removed from
 * storage only after the commit: a rollback never leaves rows pointing at deleted files.
 */
export function createErasureService(deps: { db: Knex; storage: AttachmentStorage; logger: Logger; record: (e: AuditEntry, trx: Knex) => Promise<void> }) {
  return {
    async erase(admin: SessionIdentity, userId: string, confirm: string): Promise<{ ok: true; value: ErasureSummary } | { ok: false; error: ErasureFailure }> {
      const person = await erasureStore.findErasable(deps.db, { userId, platformId: admin.platformId, deploymentId: admin.deploymentId, contextId: admin.contextId });
      if (!person) return { ok: false, error: { kind: 'person_not_found' } };
      if (confirm !== person.id) return { ok: false, error: { kind: 'confirmation_mismatch' } };
      const { keys, summary } = await deps.db.transaction(async (trx) => {
        const keys = await erasureStore.deleteAttachments(trx, person.id);
        const deleted = await erasureStore.deleteOwnWork(trx, person.id);
        const reviewsKeptAnonymised = await erasureStore.anonymiseReviewing(trx, person.id);
        await erasureStore.removeRoster(trx, { userId: person.id, sub: person.sub, email: person.email, platformId: admin.platformId });
        await erasureStore.eraseIdentity(trx, person.id);
        const summary: ErasureSummary = { userId: person.id, deleted: { ...deleted, files: keys.length }, reviewsKeptAnonymised };
        await deps.record(
          { action: 'person.data_erased', actorKind: 'person', actorUserId: admin.userId, platformId: admin.platformId, deploymentRowId: admin.deploymentId, subjectType: 'user', subjectId: person.id, details: { deleted: summary.deleted, reviewsKeptAnonymised } },
          trx,
        );
        return { keys, summary };
      });
      for (const key of keys) {
        await deps.storage.remove(key).catch((err: unknown) => deps.logger.warn({ err, key }, 'erased attachment could not be removed from storage'));
      }
      return { ok: true, value: summary };
    },
  };
}

/** Erases people. */
export type ErasureService = ReturnType<typeof createErasureService>;

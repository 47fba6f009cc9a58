import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { SessionIdentity } from '../lti/session';
import { fail, ok, type AttachmentResult } from './attachments.errors';
import { sanitiseFilename } from './attachments.filename';
import { kindClaimedBy, KINDS } from './attachments.kinds';
import type { PurposeRegistry } from './attachments.purposes';
import { sniffFile } from './attachments.sniff';
import type { AttachmentsStore } from './attachments.store';
import type { Attachment, AttachmentPurpose, Tenant } from './attachments.types';
import type { ReceivedFile } from './attachments.upload';
import type { AttachmentStorage } from './storage/storage';

const tenantOf = (s: SessionIdentity): Tenant => ({ platformId: s.platformId, deploymentId: s.deploymentId });

/** Uploads, reads, deletion and references of attachments; every read goes through the purpose's policy. */
export function createAttachmentsService(deps: { db: Knex; store: AttachmentsStore; storage: AttachmentStorage; purposes: PurposeRegistry; maxBytes: number; logger: Logger }) {
  const { db, store, storage, purposes, logger } = deps;

  /** The attachment if the session may read it: 404 outside the tenant, 403 when the policy says no. */
  async function readable(session: SessionIdentity, id: string): Promise<AttachmentResult<Attachment>> {
    const a = await store.findInTenant(db, id, tenantOf(session));
    if (!a) return fail({ kind: 'not_found' });
    if (a.ownerId === session.userId) return ok(a);
    const purpose = purposes.get(a.purpose);
    return purpose && (await purpose.policy.canRead(session, a)) ? ok(a) : fail({ kind: 'read_forbidden' });
  }

  async function removeQuietly(key: string): Promise<void> {
    await storage.remove(key).catch((err) => logger.warn({ err, key }, 'attachment object could not be removed'));
  }

  return {
    /** The purpose a session uploads for, with its effective size limit. */
    async purposeFor(session: SessionIdentity, name: string): Promise<AttachmentResult<AttachmentPurpose>> {
      const purpose = purposes.get(name);
      if (!purpose) return fail({ kind: 'unknown_purpose', purpose: name });
      if (purpose.canUpload && !(await purpose.canUpload(session))) return fail({ kind: 'upload_forbidden' });
      return ok({ ...purpose, maxBytes: Math.min(purpose.maxBytes, deps.maxBytes) });
    },

    /**
     * Checks a received file against its purpose by content (and the name's extension against the content),
     * stores it under a random key and records it. The temporary file is gone afterwards either way.
     */
    async accept(session: SessionIdentity, purpose: AttachmentPurpose, file: ReceivedFile): Promise<AttachmentResult<Attachment>> {
      try {
        if (file.sizeBytes === 0) return fail({ kind: 'empty' });
        const sniffed = await sniffFile(file.tmpPath);
        if (!sniffed.kind || !purpose.accept.includes(sniffed.kind)) {
          return fail({ kind: 'type_not_allowed', detected: sniffed.kind ? KINDS[sniffed.kind].mime : sniffed.detected, allowed: purpose.accept });
        }
        const kind = sniffed.kind;
        const claimed = kindClaimedBy(file.clientFilename ?? '');
        if (claimed && claimed !== kind) return fail({ kind: 'type_mismatch', claimed, detected: kind });
        const storageKey = randomBytes(24).toString('hex');
        const mimeType = KINDS[kind].mime;
        await storage.putFile(storageKey, file.tmpPath, { size: file.sizeBytes, mime: mimeType });
        try {
          return ok(
            await db.transaction((trx) =>
              store.insert(trx, {
                id: randomUUID(),
                ...tenantOf(session),
                contextId: session.contextId,
                ownerId: session.userId,
                purpose: purpose.name,
                filename: sanitiseFilename(file.clientFilename, kind),
                mimeType,
                sizeBytes: file.sizeBytes,
                sha256: file.sha256,
                storageKey,
              }),
            ),
          );
        } catch (err) {
          await removeQuietly(storageKey);
          throw err;
        }
      } finally {
        await rm(file.tmpPath, { force: true });
      }
    },

    /** Metadata of an attachment the session may read. */
    readable,

    /** The bytes of an attachment the session may read. */
    async open(session: SessionIdentity, id: string): Promise<AttachmentResult<{ attachment: Attachment; content: Readable }>> {
      const found = await readable(session, id);
      if (!found.ok) return found;
      const content = await storage.open(found.value.storageKey);
      if (!content) {
        logger.error({ attachmentId: id }, 'attachment object missing from storage');
        return fail({ kind: 'content_missing' });
      }
      return ok({ attachment: found.value, content });
    },

    /** Deletes the session's own attachment unless a feature references it (409). */
    async remove(session: SessionIdentity, id: string): Promise<AttachmentResult<void>> {
      const a = await store.findInTenant(db, id, tenantOf(session));
      if (!a) return fail({ kind: 'not_found' });
      if (a.ownerId !== session.userId) {
        const seen = await readable(session, id);
        return fail({ kind: seen.ok ? 'not_owner' : 'read_forbidden' });
      }
      // Locked, so a reference added at the same moment either commits first (409) or fails its foreign key.
      const outcome = await db.transaction(async (trx): Promise<AttachmentResult<string>> => {
        if (!(await store.findInTenant(trx, id, tenantOf(session), { lock: true }))) return fail({ kind: 'not_found' });
        return (await store.deleteUnreferenced(trx, id)) ? ok(a.storageKey) : fail({ kind: 'in_use' });
      });
      if (!outcome.ok) return outcome;
      await removeQuietly(outcome.value);
      return ok(undefined);
    },

    /**
     * For features, inside their own transaction: the session's own upload of `purpose`, now referenced by
     * `referrer` (e.g. `audition-version:<id>`). Other people's files and files of another purpose are refused.
     */
    async attach(trx: Knex, session: SessionIdentity, id: string, o: { purpose: string; referrer: string }): Promise<AttachmentResult<Attachment>> {
      const a = await store.findInTenant(trx, id, tenantOf(session));
      if (!a || a.ownerId !== session.userId) return fail({ kind: 'not_found' });
      if (a.purpose !== o.purpose) return fail({ kind: 'wrong_purpose', expected: o.purpose });
      return (await store.addReference(trx, id, o.referrer)) ? ok(a) : fail({ kind: 'not_found' });
    },

    /** Marks an attachment as used by `referrer` (idempotent); false when it does not exist. */
    markReferenced: (trx: Knex, id: string, referrer: string) => store.addReference(trx, id, referrer),
    /** Drops one use; with none left the owner may delete it and the cleanup removes it after the grace period. */
    unmarkReferenced: (trx: Knex, id: string, referrer: string) => store.removeReference(trx, id, referrer),
    /** True while any feature record uses the attachment. */
    isReferenced: (id: string, trx: Knex = db) => store.isReferenced(trx, id),

    /** Deletes uploads nothing references that are older than `before`; returns how many went. */
    async cleanup(before: Date, batchSize = 200): Promise<number> {
      let total = 0;
      for (;;) {
        const keys = await db.transaction((trx) => store.deleteAbandoned(trx, before, batchSize));
        for (const key of keys) await removeQuietly(key);
        total += keys.length;
        if (keys.length < batchSize) return total;
      }
    },
  };
}

/** The attachments service. */
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;

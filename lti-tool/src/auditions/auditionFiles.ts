import type { Knex } from 'knex';
import type { AttachmentKind } from '../attachments/attachments.kinds';
import type { PurposeRegistry } from '../attachments/attachments.purposes';
import type { AttachmentsService } from '../attachments/attachments.service';
import { hasModuleLeadRights, loadCohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { abort } from './auditions.errors';
import { auditionFilesStore } from './auditionFiles.store';

/** The attachment purpose of files in audition work (`POST /api/attachments?purpose=audition-submission`). */
export const AUDITION_FILE_PURPOSE = 'audition-submission';
/** What an audition accepts as files: documents, images, slides, short video; never anything that can run. */
export const AUDITION_FILE_KINDS: readonly AttachmentKind[] = ['pdf', 'png', 'jpeg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'text', 'mp4'];
/** The largest audition file (ATTACHMENTS_MAX_BYTES caps it further). */
export const AUDITION_FILE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Registers the audition file purpose. Besides the author, a file may be read by reviewers of a submission whose
 * versions use it and by the audition's leads; a draft's files stay the author's own until submitted.
 */
export function registerAuditionFiles(deps: { db: Knex; purposes: PurposeRegistry }): void {
  deps.purposes.register({
    name: AUDITION_FILE_PURPOSE,
    accept: AUDITION_FILE_KINDS,
    maxBytes: AUDITION_FILE_MAX_BYTES,
    policy: {
      async canRead(session, attachment) {
        const uses = await auditionFilesStore.usesOf(deps.db, attachment.id, attachment.ownerId, session.userId);
        if (uses.some((u) => u.readerReviews)) return true;
        for (const u of uses) {
          const access = await loadCohortAccess(deps.db, session, u.cohortId).catch(() => null);
          if (access && hasModuleLeadRights(access, u.moduleId)) return true;
        }
        return false;
      },
    },
  });
}

/**
 * Inside the submit transaction: records the version as using each file (so the unreferenced-upload cleanup
 * keeps it), refusing ids that are not the author's own audition uploads (400, nothing is submitted).
 */
export async function attachVersionFiles(trx: Knex, attachments: AttachmentsService, s: SessionIdentity, versionId: string, ids: readonly string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const r = await attachments.attach(trx, s, id, { purpose: AUDITION_FILE_PURPOSE, referrer: `audition-version:${versionId}` });
    if (!r.ok) abort({ kind: 'invalid_input', issues: [{ field: `draft.work.attachmentIds.${i}`, message: 'this file is not one of your uploads for this audition; remove it and upload it again' }] });
  }
}

/**
 * Inside the draft-save transaction: the draft uses exactly the files it lists, so the unreferenced-upload cleanup
 * never deletes a file from a draft that is saved but not yet submitted, and a file dropped from the draft is
 * released (its owner may delete it; otherwise the cleanup does after the grace period).
 */
export async function syncDraftFiles(trx: Knex, attachments: AttachmentsService, s: SessionIdentity, submissionId: string, before: readonly string[], after: readonly string[]): Promise<void> {
  const referrer = `audition-draft:${submissionId}`;
  for (const id of before) if (!after.includes(id)) await attachments.unmarkReferenced(trx, id, referrer);
  // A draft may hold anything while it is being written (autosave); an id that is not the author's own audition
  // upload is simply not kept alive here, and submitting refuses it (attachVersionFiles / checkSubmission).
  for (const id of after) await attachments.attach(trx, s, id, { purpose: AUDITION_FILE_PURPOSE, referrer });
}

import type { Knex } from 'knex';
import { loadCohortAccess } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import type { SessionIdentity } from '../lti/session';
import { loadAudition, requireOpen } from './auditionAccess';
import { abort } from './auditions.errors';
import { presentFirstVersion, presentOwnSubmission } from './auditions.presenter';
import type { AuditionsStore } from './auditions.store';
import type { Audition, Draft, Submission, Version } from './auditions.types';
import type { Allocation } from './allocation.service';
import type { NotificationsStore } from './notifications.store';
import type { PoolStore } from './pool.store';
import { checkSubmission, criterionCompetencyIds } from './protocol';
import type { ReviewsStore } from './reviews.store';
import type { SubmissionsStore } from './submissions.store';
import { recordVersionEvidence } from './versionEvidence.store';

/**
 * A teacher's own work: autosaved draft (compare-and-set on its revision: a stale save answers 409 with the
 * stored draft), versions, revisions and withdrawal. Writes that change reviews hold the audition's row lock.
 */
export function createSubmissionsService(deps: {
  db: Knex;
  auditions: AuditionsStore;
  submissions: SubmissionsStore;
  reviews: ReviewsStore;
  pool: PoolStore;
  notifications: NotificationsStore;
  allocation: Allocation;
  now: () => Date;
  /** Records a new version's files as used (see auditionFiles.ts); absent when files are not wired. */
  attachFiles?: (trx: Knex, s: SessionIdentity, versionId: string, ids: readonly string[]) => Promise<void>;
  /** Keeps a saved draft's files referenced (see auditionFiles.ts); absent when files are not wired. */
  draftFiles?: (trx: Knex, s: SessionIdentity, submissionId: string, before: readonly string[], after: readonly string[]) => Promise<void>;
}) {
  const { db, auditions, submissions, reviews } = deps;

  async function own(trx: Knex, a: Audition, sub: Submission) {
    const [versions, given] = await Promise.all([submissions.versions(trx, [sub.id]), reviews.ofSubmissions(trx, [sub.id])]);
    return presentOwnSubmission(sub, versions, given, a);
  }

  /** Invites everyone who reviewed an earlier version (and still reviews in this audition) to look at version N. */
  async function inviteEarlierReviewers(trx: Knex, a: Audition, sub: Submission, versionId: string, number: number, now: Date): Promise<void> {
    for (const reviewerId of await reviews.earlierReviewerIds(trx, sub.id, versionId)) {
      if (!(await deps.pool.find(trx, a.id, reviewerId))?.active) continue;
      await reviews.insert(trx, { auditionId: a.id, submissionId: sub.id, versionId, reviewerId, kind: 'look_again', dueAt: deps.allocation.dueAt(a, now), assignedBy: null });
      await deps.pool.bump(trx, a.id, reviewerId, 1, 1);
      await deps.notifications.add(trx, reviewerId, a.cohortId, 'look_again', { auditionId: a.id, auditionTitle: a.title, versionNumber: number, message: `Work you reviewed for “${a.title}” has a new version: have another look.` });
    }
  }

  /**
   * Evidence for each competency the audition or one of its rubric criteria is linked to (one statement; none when
   * neither names a competency). The audition was read under its lock in this transaction, so its protocol is current.
   */
  function recordEvidence(trx: Knex, a: Audition, sub: Submission, v: Version): Promise<number> {
    const text = [`Version ${v.number} of “${a.title}”, shared for peer feedback.`, v.whatChanged ? `What I changed: ${v.whatChanged}` : '', v.work.text ?? ''].filter(Boolean).join('\n\n');
    return recordVersionEvidence(trx, { cohortId: a.cohortId, auditionId: a.id, submissionId: sub.id, versionId: v.id, authorId: sub.authorId, competencyIds: a.competencyIds, criterionCompetencyIds: criterionCompetencyIds(a.protocol), title: `${a.title}: version ${v.number}`, text });
  }

  return {
    /** The caller's submission (null before their first save). */
    async mine(s: SessionIdentity, cohortId: string, auditionId: string) {
      const { audition } = await loadAudition(db, auditions, s, cohortId, auditionId);
      const sub = await submissions.findOwn(db, audition.id, s.userId);
      return { submission: sub ? await own(db, audition, sub) : null };
    },

    async saveDraft(s: SessionIdentity, cohortId: string, auditionId: string, input: Draft & { revision: number }) {
      return db.transaction(async (trx) => {
        const { access, audition } = await loadAudition(trx, auditions, s, cohortId, auditionId);
        requireOpen(access);
        const draft: Draft = { work: input.work, context: input.context, whatChanged: input.whatChanged };
        const existing = await submissions.findOwn(trx, audition.id, s.userId);
        if (existing?.status === 'withdrawn') return abort({ kind: 'submission_withdrawn' });
        const saved = input.revision === 0 ? !existing && (await submissions.insertDraft(trx, audition.id, s.userId, draft)) : !!existing && (await submissions.updateDraftIfRevision(trx, existing.id, input.revision, draft));
        const latest = await submissions.findOwn(trx, audition.id, s.userId);
        if (!saved || !latest) return abort({ kind: 'draft_conflict', current: latest ? { draft: latest.draft, revision: latest.draftRevision } : null });
        await deps.draftFiles?.(trx, s, latest.id, existing?.draft.work.attachmentIds ?? [], draft.work.attachmentIds);
        return { submission: await own(trx, audition, latest) };
      });
    },

    /** Submits the draft at `revision` as the next version (1, then revisions with "what I changed"). */
    async submit(s: SessionIdentity, cohortId: string, auditionId: string, revision: number) {
      return db.transaction(async (trx) => {
        // As loadAudition with the lock, but the submission's row lock comes in the same round trip (hot path).
        const access = await loadCohortAccess(trx, s, cohortId);
        if (!isUuid(auditionId)) return abort({ kind: 'audition_not_found' });
        const locked = (await submissions.lockForSubmit(trx, { cohortId, auditionId, authorId: s.userId })) ?? abort({ kind: 'audition_not_found' });
        const a = locked.audition;
        requireOpen(access);
        const sub = locked.submission ?? abort({ kind: 'invalid_input', issues: [{ field: 'revision', message: 'save a draft first' }] });
        if (sub.status === 'withdrawn') return abort({ kind: 'submission_withdrawn' });
        if (sub.submittedRevision === revision) return abort({ kind: 'already_submitted', version: sub.currentVersion });
        if (sub.draftRevision !== revision) return abort({ kind: 'draft_conflict', current: { draft: sub.draft, revision: sub.draftRevision } });
        const issues = checkSubmission(a, sub.draft.work, sub.draft.context, 'draft');
        const number = sub.currentVersion + 1;
        if (number > 1 && !sub.draft.whatChanged.trim()) issues.push({ field: 'draft.whatChanged', message: 'say what you changed since the last version' });
        if (issues.length) return abort({ kind: 'invalid_input', issues });
        const now = deps.now();
        if (number === 1) {
          // The answer is built from what this transaction already knows: version 1 is the only version, nothing
          // is reviewed yet, and the reviewers just assigned are the live ones (rebalancing moves, never drops).
          const { version, school } = await submissions.submitFirstVersion(trx, { auditionId: a.id, cohortId: a.cohortId, submissionId: sub.id, authorId: s.userId, revision, reviewersNeeded: a.reviewersPerSubmission, work: sub.draft.work, context: sub.draft.context });
          await deps.attachFiles?.(trx, s, version.id, sub.draft.work.attachmentIds);
          await recordEvidence(trx, a, sub, version);
          const assigned = await deps.allocation.onFirstVersion(trx, a, sub, now);
          const submitted: Submission = { ...sub, status: 'submitted', currentVersion: 1, submittedRevision: revision, school, reviewersNeeded: a.reviewersPerSubmission - assigned };
          return { submission: presentFirstVersion(submitted, version, assigned, a) };
        }
        const version = await submissions.addVersion(trx, sub.id, number, { work: sub.draft.work, context: sub.draft.context, whatChanged: sub.draft.whatChanged });
        await submissions.markRevised(trx, sub.id, { version: number, revision });
        await deps.attachFiles?.(trx, s, version.id, sub.draft.work.attachmentIds);
        await recordEvidence(trx, a, sub, version);
        await reviews.moveOpenToVersion(trx, sub.id, version.id);
        await inviteEarlierReviewers(trx, a, sub, version.id, number, now);
        return { submission: await own(trx, a, { ...sub, status: 'submitted', currentVersion: number, submittedRevision: revision }) };
      });
    },

    /** Withdraws submitted work: its open reviews are cancelled (submitted ones stay in the history). */
    async withdraw(s: SessionIdentity, cohortId: string, auditionId: string) {
      return db.transaction(async (trx) => {
        const { access, audition: a } = await loadAudition(trx, auditions, s, cohortId, auditionId, true);
        requireOpen(access);
        const sub = await submissions.findOwn(trx, a.id, s.userId, true);
        if (!sub || sub.status === 'draft') return abort({ kind: 'nothing_submitted' });
        if (sub.status === 'withdrawn') return abort({ kind: 'submission_withdrawn' });
        const now = deps.now();
        for (const r of await reviews.open(trx, sub.id)) {
          if (!(await reviews.close(trx, r.id, 'cancelled', 'withdrawn', now))) continue;
          await deps.pool.bump(trx, a.id, r.reviewerId, -1, 0);
          await deps.notifications.add(trx, r.reviewerId, a.cohortId, 'review_cancelled', { auditionId: a.id, auditionTitle: a.title, message: `Work you were reviewing for “${a.title}” was withdrawn by its author. Nothing more to do.` });
        }
        await submissions.markWithdrawn(trx, sub.id);
        return { submission: await own(trx, a, (await submissions.findById(trx, a.id, sub.id))!) };
      });
    },
  };
}

/** A teacher's own submissions. */
export type SubmissionsService = ReturnType<typeof createSubmissionsService>;

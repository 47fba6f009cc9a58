import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { loadAudition, requireOpen } from './auditionAccess';
import { abort } from './auditions.errors';
import { presentOwnSubmission } from './auditions.presenter';
import type { AuditionsStore } from './auditions.store';
import type { Audition, Draft, Submission } from './auditions.types';
import type { Allocation } from './allocation.service';
import type { NotificationsStore } from './notifications.store';
import type { PoolStore } from './pool.store';
import { checkSubmission } from './protocol';
import type { ReviewsStore } from './reviews.store';
import type { SubmissionsStore } from './submissions.store';

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
        return { submission: await own(trx, audition, latest) };
      });
    },

    /** Submits the draft at `revision` as the next version (1, then revisions with "what I changed"). */
    async submit(s: SessionIdentity, cohortId: string, auditionId: string, revision: number) {
      return db.transaction(async (trx) => {
        const { access, audition: a } = await loadAudition(trx, auditions, s, cohortId, auditionId, true);
        requireOpen(access);
        const sub = (await submissions.findOwn(trx, a.id, s.userId, true)) ?? abort({ kind: 'invalid_input', issues: [{ field: 'revision', message: 'save a draft first' }] });
        if (sub.status === 'withdrawn') return abort({ kind: 'submission_withdrawn' });
        if (sub.submittedRevision === revision) return abort({ kind: 'already_submitted', version: sub.currentVersion });
        if (sub.draftRevision !== revision) return abort({ kind: 'draft_conflict', current: { draft: sub.draft, revision: sub.draftRevision } });
        const issues = checkSubmission(a, sub.draft.work, sub.draft.context, 'draft');
        const number = sub.currentVersion + 1;
        if (number > 1 && !sub.draft.whatChanged.trim()) issues.push({ field: 'draft.whatChanged', message: 'say what you changed since the last version' });
        if (issues.length) return abort({ kind: 'invalid_input', issues });
        const now = deps.now();
        const version = await submissions.addVersion(trx, sub.id, number, { work: sub.draft.work, context: sub.draft.context, whatChanged: number > 1 ? sub.draft.whatChanged : null });
        if (number === 1) {
          const school = await submissions.schoolOf(trx, a.cohortId, s.userId);
          await submissions.markSubmitted(trx, sub.id, { version: 1, revision, school, reviewersNeeded: a.reviewersPerSubmission });
          await deps.allocation.onFirstVersion(trx, a, { ...sub, status: 'submitted', currentVersion: 1, school, reviewersNeeded: a.reviewersPerSubmission }, now);
        } else {
          await submissions.markSubmitted(trx, sub.id, { version: number, revision, school: sub.school });
          await reviews.moveOpenToVersion(trx, sub.id, version.id);
          await inviteEarlierReviewers(trx, a, sub, version.id, number, now);
        }
        return { submission: await own(trx, a, (await submissions.findById(trx, a.id, sub.id))!) };
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

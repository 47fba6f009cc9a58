import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { loadAudition, requireOpen } from './auditionAccess';
import { abort } from './auditions.errors';
import { presentReviewForReviewer } from './auditions.presenter';
import type { Answers } from './auditions.schema';
import type { AuditionsStore } from './auditions.store';
import type { Audition, Review } from './auditions.types';
import type { NotificationsStore } from './notifications.store';
import type { PoolStore } from './pool.store';
import { checkAnswers } from './protocol';
import type { ReviewsStore } from './reviews.store';
import type { SubmissionsStore } from './submissions.store';

/** How a teacher's calibration ratings compare with the lead's, criterion by criterion. */
function compare(a: Audition, mine: Answers) {
  const lead = a.calibration!.answers;
  const criteria = a.protocol.criteria.map((c) => ({ criterionId: c.id, title: c.title, yours: mine.ratings[c.id] ?? null, lead: lead.ratings[c.id] ?? null, difference: (mine.ratings[c.id] ?? 0) - (lead.ratings[c.id] ?? 0) }));
  return { criteria, matches: criteria.filter((c) => c.difference === 0).length, withinOne: criteria.filter((c) => Math.abs(c.difference) <= 1).length, leadComments: lead.comments };
}

/**
 * Giving feedback: the queue, a review (context first, then the work), its autosaved draft, submitting it;
 * rating feedback received; and calibration against a lead's example. A review is visible only to its reviewer
 * here (404 for anyone else, the author included).
 */
export function createReviewingService(deps: { db: Knex; auditions: AuditionsStore; submissions: SubmissionsStore; reviews: ReviewsStore; pool: PoolStore; notifications: NotificationsStore; now: () => Date }) {
  const { db, auditions, submissions, reviews } = deps;

  async function ownReview(trx: Knex, s: SessionIdentity, auditionId: string, reviewId: string): Promise<Review> {
    const r = await reviews.find(trx, auditionId, reviewId);
    if (!r || r.reviewerId !== s.userId) return abort({ kind: 'review_not_found' });
    return r;
  }

  async function present(trx: Knex, a: Audition, r: Review) {
    const sub = (await submissions.findById(trx, a.id, r.submissionId))!;
    const v = (await submissions.versionById(trx, r.versionId))!;
    const previous = r.kind === 'look_again' && v.number > 1 ? await submissions.version(trx, sub.id, v.number - 1) : null;
    return { review: presentReviewForReviewer(r, sub, v, previous, a) };
  }

  const reviewId = (id: string) => (/^[0-9a-f-]{36}$/i.test(id) ? id : abort({ kind: 'review_not_found' }));

  return {
    /** "Feedback to give": the caller's open reviews in the cohorts of their course, due first. */
    async queue(s: SessionIdentity) {
      const rows = await reviews.queue(db, s.userId, s.contextId);
      return {
        reviews: rows.map((r) => ({
          id: r.id,
          cohortId: r.cohort_id,
          auditionId: r.audition_id,
          auditionTitle: r.title,
          kind: r.kind,
          versionNumber: r.version_number,
          gradeLevel: r.grade_level ?? '',
          subject: r.subject ?? '',
          started: r.draft_revision > 0,
          dueAt: new Date(r.due_at).toISOString(),
        })),
      };
    },

    async get(s: SessionIdentity, cohortId: string, auditionId: string, id: string) {
      const { audition } = await loadAudition(db, auditions, s, cohortId, auditionId);
      return present(db, audition, await ownReview(db, s, audition.id, reviewId(id)));
    },

    async saveDraft(s: SessionIdentity, cohortId: string, auditionId: string, id: string, input: { answers: Answers; revision: number }) {
      return db.transaction(async (trx) => {
        const { access, audition } = await loadAudition(trx, auditions, s, cohortId, auditionId);
        requireOpen(access);
        const r = await ownReview(trx, s, audition.id, reviewId(id));
        if (r.status !== 'assigned') return abort({ kind: 'review_closed', status: r.status });
        const issues = checkAnswers(audition.protocol, input.answers, false);
        if (issues.length) return abort({ kind: 'invalid_input', issues });
        if (!(await reviews.saveDraftIfRevision(trx, r.id, s.userId, input.revision, input.answers))) {
          const current = (await reviews.find(trx, audition.id, r.id))!;
          if (current.status !== 'assigned') return abort({ kind: 'review_closed', status: current.status });
          return abort({ kind: 'draft_conflict', current: { draft: current.draft, revision: current.draftRevision } });
        }
        return present(trx, audition, (await reviews.find(trx, audition.id, r.id))!);
      });
    },

    /** Submits a review. After the author withdrew the work: 409 submission_withdrawn; after a reassignment: 409 review_closed. */
    async submit(s: SessionIdentity, cohortId: string, auditionId: string, id: string, answers: Answers) {
      return db.transaction(async (trx) => {
        const { access, audition: a } = await loadAudition(trx, auditions, s, cohortId, auditionId, true);
        requireOpen(access);
        const r = await ownReview(trx, s, a.id, reviewId(id));
        const sub = (await submissions.findById(trx, a.id, r.submissionId, true))!;
        if (sub.status === 'withdrawn') return abort({ kind: 'submission_withdrawn' });
        if (r.status !== 'assigned') return abort({ kind: 'review_closed', status: r.status });
        const issues = checkAnswers(a.protocol, answers, true);
        if (issues.length) return abort({ kind: 'invalid_input', issues });
        if (!(await reviews.submit(trx, r.id, s.userId, answers, deps.now()))) return abort({ kind: 'review_closed', status: 'submitted' });
        await deps.pool.bump(trx, a.id, s.userId, -1, 0);
        await deps.notifications.add(trx, sub.authorId, a.cohortId, 'feedback_received', { auditionId: a.id, auditionTitle: a.title, versionNumber: r.versionNumber, message: `You have new feedback on “${a.title}”.` });
        return present(trx, a, (await reviews.find(trx, a.id, r.id))!);
      });
    },

    /** The author rates a review of their work (again to change it). */
    async rate(s: SessionIdentity, cohortId: string, auditionId: string, id: string, rating: { specific: number; supportive: number; thanks: string }) {
      return db.transaction(async (trx) => {
        const { access, audition: a } = await loadAudition(trx, auditions, s, cohortId, auditionId);
        requireOpen(access);
        const r = await reviews.find(trx, a.id, reviewId(id));
        const sub = r && (await submissions.findById(trx, a.id, r.submissionId));
        if (!r || !sub || sub.authorId !== s.userId) return abort({ kind: 'review_not_found' });
        if (r.status !== 'submitted') return abort({ kind: 'review_not_submitted' });
        await reviews.upsertRating(trx, r.id, s.userId, rating);
        return { rating: { reviewId: r.id, ...rating } };
      });
    },

    /** The calibration example (context, work, protocol) and the caller's last attempt compared with the lead's. */
    async calibration(s: SessionIdentity, cohortId: string, auditionId: string) {
      const { audition: a } = await loadAudition(db, auditions, s, cohortId, auditionId);
      if (!a.calibration) return abort({ kind: 'no_calibration' });
      const attempt = await auditions.findCalibration(db, a.id, s.userId);
      return { example: { context: a.calibration.context, work: a.calibration.work }, protocol: a.protocol, attempt: attempt ? { answers: attempt.answers, comparison: compare(a, attempt.answers) } : null };
    },

    async calibrate(s: SessionIdentity, cohortId: string, auditionId: string, answers: Answers) {
      const { access, audition: a } = await loadAudition(db, auditions, s, cohortId, auditionId);
      requireOpen(access);
      if (!a.calibration) return abort({ kind: 'no_calibration' });
      const issues = checkAnswers(a.protocol, answers, true);
      if (issues.length) return abort({ kind: 'invalid_input', issues });
      await auditions.saveCalibration(db, a.id, s.userId, answers);
      return { attempt: { answers, comparison: compare(a, answers) } };
    },
  };
}

/** Giving and rating feedback. */
export type ReviewingService = ReturnType<typeof createReviewingService>;

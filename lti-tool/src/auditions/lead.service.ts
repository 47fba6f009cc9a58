import type { Knex } from 'knex';
import { personalDataContextIds } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { loadAudition, requireLead, requireOpen } from './auditionAccess';
import { abort } from './auditions.errors';
import { presentReviewForAuthor, presentReviewForLead, presentVersion } from './auditions.presenter';
import type { AuditionsStore } from './auditions.store';
import type { Audition, Review } from './auditions.types';
import type { Allocation } from './allocation.service';
import type { PoolStore } from './pool.store';
import type { ReviewsStore } from './reviews.store';
import { membersWithoutSubmission, type SubmissionsStore } from './submissions.store';

/**
 * The lead's side (admins, leads, the module's facilitators): overview, whole history, fixed-deadline allocation,
 * reassignment and the reviewers' feedback-quality record. A lead who is also an author of the audition sees
 * their own submission's reviewers as any author does.
 */
export function createLeadService(deps: { db: Knex; auditions: AuditionsStore; submissions: SubmissionsStore; reviews: ReviewsStore; pool: PoolStore; allocation: Allocation; now: () => Date }) {
  const { db, auditions, submissions, reviews } = deps;
  const reviewFor = (viewerId: string, authorId: string, a: Audition) => (r: Review) => (authorId === viewerId ? presentReviewForAuthor(r, a) : presentReviewForLead(r));
  const lead = async (s: SessionIdentity, cohortId: string, auditionId: string, trx: Knex = db, lock = false) => {
    const scope = await loadAudition(trx, auditions, s, cohortId, auditionId, lock);
    requireLead(scope);
    return scope;
  };

  return {
    /** Who submitted, review progress per submission, who has not submitted (own course), and reviewer loads. */
    async overview(s: SessionIdentity, cohortId: string, auditionId: string) {
      const { access, audition: a } = await lead(s, cohortId, auditionId);
      const subs = (await submissions.listForAudition(db, a.id)).filter((x) => x.status !== 'draft');
      const all = await reviews.ofSubmissions(db, subs.map((x) => x.id));
      const loads = await deps.pool.all(db, a.id);
      return {
        audition: { id: a.id, title: a.title, mode: a.mode, anonymity: a.anonymity, reviewersPerSubmission: a.reviewersPerSubmission, allocatedAt: a.allocatedAt?.toISOString() ?? null },
        submissions: subs.map((x) => {
          const mine = all.filter((r) => r.submissionId === x.id && r.versionNumber === x.currentVersion && (r.status === 'assigned' || r.status === 'submitted'));
          const own = x.authorId === s.userId;
          return {
            id: x.id,
            author: { id: x.authorId, name: x.authorName },
            status: x.status,
            currentVersion: x.currentVersion,
            submittedAt: x.submittedAt?.toISOString() ?? null,
            reviewersNeeded: x.reviewersNeeded,
            progress: { assigned: mine.length, submitted: mine.filter((r) => r.status === 'submitted').length },
            reviews: own ? [] : mine.map((r) => ({ id: r.id, kind: r.kind, status: r.status, reviewer: { id: r.reviewerId, name: r.reviewerName }, dueAt: r.dueAt.toISOString(), overdue: r.status === 'assigned' && r.dueAt < deps.now() })),
          };
        }),
        notSubmitted: await membersWithoutSubmission(db, a.cohortId, a.id, personalDataContextIds(access, a.moduleId)),
        reviewers: loads.map((p) => ({ userId: p.userId, openReviews: p.openReviews, totalReviews: p.totalReviews, active: p.active })),
      };
    },

    /** Every version, review (with status history) and rating of one submission. */
    async history(s: SessionIdentity, cohortId: string, auditionId: string, submissionId: string) {
      const { audition: a } = await lead(s, cohortId, auditionId);
      if (!/^[0-9a-f-]{36}$/i.test(submissionId)) return abort({ kind: 'submission_not_found' });
      const sub = (await submissions.findById(db, a.id, submissionId)) ?? abort({ kind: 'submission_not_found' });
      const [versions, all] = await Promise.all([submissions.versions(db, [sub.id]), reviews.ofSubmissions(db, [sub.id])]);
      return {
        submission: { id: sub.id, author: { id: sub.authorId, name: sub.authorName }, status: sub.status, currentVersion: sub.currentVersion, submittedAt: sub.submittedAt?.toISOString() ?? null, withdrawnAt: sub.withdrawnAt?.toISOString() ?? null },
        versions: versions.map(presentVersion),
        reviews: all.filter((r) => sub.authorId !== s.userId || r.status === 'submitted').map(reviewFor(s.userId, sub.authorId, a)),
      };
    },

    /** Fixed mode: allocates now (a lead need not wait for the deadline job). */
    async allocate(s: SessionIdentity, cohortId: string, auditionId: string) {
      return db.transaction(async (trx) => {
        const { access, audition } = await lead(s, cohortId, auditionId, trx, true);
        requireOpen(access);
        return deps.allocation.allocateFixed(trx, audition, deps.now());
      });
    },

    /** Gives an open review to someone else (`toUserId`, or the next in line). */
    async reassign(s: SessionIdentity, cohortId: string, auditionId: string, reviewId: string, toUserId: string | undefined) {
      return db.transaction(async (trx) => {
        const { access, audition } = await lead(s, cohortId, auditionId, trx, true);
        requireOpen(access);
        if (!/^[0-9a-f-]{36}$/i.test(reviewId)) return abort({ kind: 'review_not_found' });
        const review = (await reviews.find(trx, audition.id, reviewId)) ?? abort({ kind: 'review_not_found' });
        if (review.status !== 'assigned') return abort({ kind: 'review_closed', status: review.status });
        await deps.allocation.reassign(trx, audition, review.id, 'lead', deps.now(), { toUserId, by: s.userId });
        const sub = (await submissions.findById(trx, audition.id, review.submissionId))!;
        const live = (await reviews.ofSubmissions(trx, [sub.id])).filter((r) => r.status === 'assigned' || r.status === 'submitted');
        return { reviews: live.map(presentReviewForLead), reviewersNeeded: sub.reviewersNeeded };
      });
    },

    /** Each reviewer's feedback-quality record: reviews given, late ones, and the authors' average ratings. */
    async quality(s: SessionIdentity, cohortId: string, auditionId: string) {
      const { audition: a } = await lead(s, cohortId, auditionId);
      const rows = await reviews.quality(db, a.id);
      const round = (v: number | null) => (v == null ? null : Math.round(v * 100) / 100);
      return {
        reviewers: rows.map((r) => ({ reviewer: { id: r.reviewer_id, name: r.name }, submitted: r.submitted, open: r.open, late: r.late, ratings: r.ratings, specific: round(r.specific), supportive: round(r.supportive) })),
      };
    },
  };
}

/** The lead's side of auditions. */
export type LeadService = ReturnType<typeof createLeadService>;

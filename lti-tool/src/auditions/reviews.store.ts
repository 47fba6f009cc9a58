import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Answers } from './auditions.schema';
import type { Review } from './auditions.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toReview = (r: Row): Review => ({
  id: r.id,
  auditionId: r.audition_id,
  submissionId: r.submission_id,
  versionId: r.version_id,
  versionNumber: r.version_number,
  reviewerId: r.reviewer_id,
  reviewerName: r.reviewer_name ?? null,
  kind: r.kind,
  status: r.status,
  closedReason: r.closed_reason,
  draft: r.draft ?? null,
  draftRevision: r.draft_revision,
  answers: r.answers ?? null,
  dueAt: new Date(r.due_at),
  assignedAt: new Date(r.assigned_at),
  submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
  closedAt: r.closed_at ? new Date(r.closed_at) : null,
  assignedBy: r.assigned_by,
  rating: r.rating_specific == null ? null : { specific: r.rating_specific, supportive: r.rating_supportive, thanks: r.rating_thanks ?? '', updatedAt: new Date(r.rating_updated_at) },
});

const full = (q: Knex.QueryBuilder) =>
  q
    .join('audition_versions as v', 'v.id', 'r.version_id')
    .leftJoin('users as u', 'u.id', 'r.reviewer_id')
    .leftJoin('audition_review_ratings as rt', 'rt.review_id', 'r.id')
    .select('r.*', 'v.number as version_number', 'u.name as reviewer_name', 'rt.specific as rating_specific', 'rt.supportive as rating_supportive', 'rt.thanks as rating_thanks', 'rt.updated_at as rating_updated_at');

/** Data access for reviews and their ratings. Status changes are conditional updates: a stale one changes nothing. */
export const reviewsStore = {
  /** First-round reviews for several reviewers of one version, in one statement. */
  async insertMany(trx: Knex, r: { auditionId: string; submissionId: string; versionId: string; reviewerIds: string[]; dueAt: Date }): Promise<void> {
    if (r.reviewerIds.length === 0) return;
    await trx('audition_reviews').insert(
      r.reviewerIds.map((reviewerId) => ({ id: randomUUID(), audition_id: r.auditionId, submission_id: r.submissionId, version_id: r.versionId, reviewer_id: reviewerId, kind: 'initial', status: 'assigned', due_at: r.dueAt })),
    );
  },

  async insert(trx: Knex, r: { auditionId: string; submissionId: string; versionId: string; reviewerId: string; kind: Review['kind']; dueAt: Date; assignedBy: string | null; draft?: Answers | null }): Promise<string> {
    const id = randomUUID();
    await trx('audition_reviews').insert({
      id,
      audition_id: r.auditionId,
      submission_id: r.submissionId,
      version_id: r.versionId,
      reviewer_id: r.reviewerId,
      kind: r.kind,
      status: 'assigned',
      due_at: r.dueAt,
      assigned_by: r.assignedBy,
      draft: r.draft ? JSON.stringify(r.draft) : null,
    });
    return id;
  },

  async find(trx: Knex, auditionId: string, id: string): Promise<Review | null> {
    const row = await full(trx('audition_reviews as r').where({ 'r.audition_id': auditionId, 'r.id': id })).first();
    return row ? toReview(row) : null;
  },

  /** Every review of some submissions (history), oldest first by time then id: never by reviewer. */
  async ofSubmissions(trx: Knex, submissionIds: string[]): Promise<Review[]> {
    if (submissionIds.length === 0) return [];
    return (await full(trx('audition_reviews as r').whereIn('r.submission_id', submissionIds)).orderBy([{ column: 'r.assigned_at' }, { column: 'r.id' }])).map(toReview);
  },

  /** Everyone who ever had a review of the submission (so a replacement is someone new). */
  async reviewerIdsOf(trx: Knex, submissionId: string): Promise<string[]> {
    return (await trx('audition_reviews').where({ submission_id: submissionId }).distinct('reviewer_id').pluck('reviewer_id')) as string[];
  },

  async open(trx: Knex, submissionId: string): Promise<Review[]> {
    return (await full(trx('audition_reviews as r').where({ 'r.submission_id': submissionId, 'r.status': 'assigned' }))).map(toReview);
  },

  /** Reviewers who submitted a review of an earlier version and are not yet invited to this one. */
  async earlierReviewerIds(trx: Knex, submissionId: string, versionId: string): Promise<string[]> {
    return (await trx('audition_reviews as r')
      .where({ 'r.submission_id': submissionId, 'r.status': 'submitted' })
      .whereNot('r.version_id', versionId)
      .whereNotExists((q) => q.select(trx.raw('1')).from('audition_reviews as x').whereRaw('x.version_id = ? and x.reviewer_id = r.reviewer_id', [versionId]))
      .distinct('r.reviewer_id')
      .pluck('r.reviewer_id')) as string[];
  },

  /** Moves still-open reviews of a submission to its newest version (their drafts are kept). */
  async moveOpenToVersion(trx: Knex, submissionId: string, versionId: string): Promise<void> {
    await trx('audition_reviews').where({ submission_id: submissionId, status: 'assigned' }).whereNot('version_id', versionId).update({ version_id: versionId });
  },

  async saveDraftIfRevision(trx: Knex, id: string, reviewerId: string, revision: number, draft: Answers): Promise<boolean> {
    const n = await trx('audition_reviews').where({ id, reviewer_id: reviewerId, draft_revision: revision, status: 'assigned' }).update({ draft: JSON.stringify(draft), draft_revision: revision + 1 });
    return n === 1;
  },

  /** assigned → submitted; false when it was no longer assigned. */
  async submit(trx: Knex, id: string, reviewerId: string, answers: Answers, now: Date): Promise<boolean> {
    const n = await trx('audition_reviews').where({ id, reviewer_id: reviewerId, status: 'assigned' }).update({ status: 'submitted', answers: JSON.stringify(answers), draft: JSON.stringify(answers), submitted_at: now });
    return n === 1;
  },

  /** assigned → reassigned | cancelled; false when it was no longer assigned. */
  async close(trx: Knex, id: string, status: 'reassigned' | 'cancelled', reason: 'overdue' | 'left' | 'lead' | 'withdrawn', now: Date): Promise<boolean> {
    const n = await trx('audition_reviews').where({ id, status: 'assigned' }).update({ status, closed_reason: reason, closed_at: now });
    return n === 1;
  },

  /** Initial reviews still open past their due date plus the audition's grace days. */
  async overdue(trx: Knex, now: Date, limit = 500): Promise<{ id: string; auditionId: string }[]> {
    const rows = await trx('audition_reviews as r')
      .join('auditions as a', 'a.id', 'r.audition_id')
      .where({ 'r.status': 'assigned', 'r.kind': 'initial' })
      .andWhereRaw(`r.due_at + make_interval(days => a.reassign_after_days) < ?`, [now])
      .orderBy('r.due_at')
      .limit(limit)
      .select('r.id', 'r.audition_id');
    return rows.map((r: Row) => ({ id: r.id, auditionId: r.audition_id }));
  },

  /** Open reviews whose reviewer is no longer an active member of any of the cohort's courses. */
  async ofLeavers(trx: Knex, limit = 500): Promise<{ id: string; auditionId: string }[]> {
    const rows = await trx('audition_reviews as r')
      .join('auditions as a', 'a.id', 'r.audition_id')
      .where('r.status', 'assigned')
      .whereNotExists((q) =>
        q
          .select(trx.raw('1'))
          .from('memberships as m')
          .join('cohort_contexts as cc', 'cc.context_id', 'm.context_id')
          .whereRaw(`cc.cohort_id = a.cohort_id and m.user_id = r.reviewer_id and m.status = 'active'`),
      )
      .limit(limit)
      .select('r.id', 'r.audition_id');
    return rows.map((r: Row) => ({ id: r.id, auditionId: r.audition_id }));
  },

  async upsertRating(trx: Knex, reviewId: string, raterId: string, r: { specific: number; supportive: number; thanks: string }): Promise<void> {
    await trx('audition_review_ratings')
      .insert({ review_id: reviewId, rater_id: raterId, ...r })
      .onConflict('review_id')
      .merge({ ...r, updated_at: trx.fn.now() });
  },

  /** Per reviewer: reviews given, late reassignments, and rating averages (leads' quality view). */
  async quality(trx: Knex, auditionId: string): Promise<Row[]> {
    return trx('audition_reviews as r')
      .leftJoin('audition_review_ratings as rt', 'rt.review_id', 'r.id')
      .leftJoin('users as u', 'u.id', 'r.reviewer_id')
      .where('r.audition_id', auditionId)
      .groupBy('r.reviewer_id', 'u.name')
      .orderBy([{ column: 'u.name' }, { column: 'r.reviewer_id' }])
      .select(
        'r.reviewer_id',
        'u.name',
        trx.raw(`count(*) filter (where r.status = 'submitted')::int as submitted`),
        trx.raw(`count(*) filter (where r.status = 'assigned')::int as open`),
        trx.raw(`count(*) filter (where r.closed_reason = 'overdue')::int as late`),
        trx.raw(`count(rt.review_id)::int as ratings`),
        trx.raw(`avg(rt.specific)::float as specific`),
        trx.raw(`avg(rt.supportive)::float as supportive`),
      );
  },

  /** "Feedback to give": the caller's open reviews in the cohorts of their course, due first. */
  async queue(trx: Knex, userId: string, contextId: string): Promise<Row[]> {
    return trx('audition_reviews as r')
      .join('auditions as a', 'a.id', 'r.audition_id')
      .join('cohort_contexts as cc', function () {
        this.on('cc.cohort_id', '=', 'a.cohort_id').andOnVal('cc.context_id', '=', contextId);
      })
      .join('audition_versions as v', 'v.id', 'r.version_id')
      .where({ 'r.reviewer_id': userId, 'r.status': 'assigned' })
      .orderBy([{ column: 'r.due_at' }, { column: 'r.id' }])
      .select('r.id', 'r.kind', 'r.due_at', 'r.assigned_at', 'r.draft_revision', 'a.id as audition_id', 'a.cohort_id', 'a.title', 'v.number as version_number', trx.raw(`v.context->>'gradeLevel' as grade_level`), trx.raw(`v.context->>'subject' as subject`));
  },
};

/** Data access for reviews. */
export type ReviewsStore = typeof reviewsStore;

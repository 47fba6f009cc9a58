import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** How an erased person is shown wherever their anonymised reviews remain. */
export const ERASED_NAME = 'a former colleague';

/** Data access of erasure. Every write takes the caller's transaction. */
export const erasureStore = {
  /**
   * The person, when they belong to the admin's tenant (platform and deployment) and are a member of the admin's
   * course or of a course that shares a cohort with it; null otherwise (answered with 404).
   */
  async findErasable(db: Knex, q: { userId: string; platformId: string; deploymentId: string; contextId: string }): Promise<{ id: string; sub: string; email: string | null } | null> {
    const shared = db('cohort_contexts as mine').join('cohort_contexts as other', 'other.cohort_id', 'mine.cohort_id').select('other.context_id').where('mine.context_id', q.contextId);
    const row = await db('users as u')
      .first('u.id', 'u.sub', 'u.email')
      .where({ 'u.id': q.userId, 'u.platform_id': q.platformId })
      .whereExists((m) =>
        m
          .select(db.raw('1'))
          .from('memberships as m')
          .join('contexts as c', 'c.id', 'm.context_id')
          .whereRaw('m.user_id = u.id')
          .andWhere('c.deployment_id', q.deploymentId)
          .andWhere((w) => w.where('m.context_id', q.contextId).orWhereIn('m.context_id', shared)),
      );
    return row ?? null;
  },

  /** Deletes the person's uploads; returns the storage keys to remove once the transaction commits. */
  async deleteAttachments(trx: Knex, userId: string): Promise<string[]> {
    const rows: { storage_key: string }[] = await trx('attachments').where('owner_id', userId).delete().returning('storage_key');
    return rows.map((r) => r.storage_key);
  },

  /** Deletes their own work: responses, submissions (with versions and the reviews of them), evidence, requests. */
  async deleteOwnWork(trx: Knex, userId: string): Promise<Record<string, number>> {
    const submissions = trx('audition_submissions').select('id').where('author_id', userId);
    // Reviews still open on their work no longer count against their reviewers' load.
    const open: { reviewer_id: string; audition_id: string; n: string | number }[] = await trx('audition_reviews')
      .select('reviewer_id', 'audition_id')
      .count('* as n')
      .whereIn('submission_id', submissions)
      .andWhere('status', 'assigned')
      .groupBy('reviewer_id', 'audition_id');
    for (const o of open) {
      await trx('audition_reviewers').where({ user_id: o.reviewer_id, audition_id: o.audition_id }).update({ open_reviews: trx.raw('greatest(open_reviews - ?, 0)', [Number(o.n)]) });
    }
    return {
      responses: await trx('step_responses').where('user_id', userId).delete(),
      surveyAnswers: await trx('survey_responses').where('user_id', userId).delete(),
      stepTime: await trx('step_time').where('user_id', userId).delete(),
      submissions: await trx('audition_submissions').where('author_id', userId).delete(),
      calibrations: await trx('audition_calibrations').where('user_id', userId).delete(),
      evidence: await trx('competency_evidence').where('user_id', userId).delete(),
      reviewRequests: await trx('competency_review_requests').where('user_id', userId).delete(),
      ratingsReceived: await trx('competency_ratings').where('user_id', userId).delete(),
      mastery: await trx('competency_mastery').where('user_id', userId).delete(),
      certificates: await trx('competency_certificates').where('user_id', userId).delete(),
      notifications: await trx('notifications').where('user_id', userId).delete(),
      passbacks: await trx('score_passbacks').where('user_id', userId).delete(),
    };
  },

  /** Their reviews of others stay (answers kept), drafts go; open assignments are closed as if they had left. */
  async anonymiseReviewing(trx: Knex, userId: string): Promise<number> {
    const now = new Date();
    await trx('audition_reviews').where({ reviewer_id: userId, status: 'assigned' }).update({ status: 'cancelled', closed_reason: 'left', closed_at: now });
    await trx('audition_reviews').where('reviewer_id', userId).update({ draft: null });
    await trx('audition_reviewers').where('user_id', userId).update({ active: false, school: null, open_reviews: 0 });
    await trx('audition_review_ratings').where('rater_id', userId).update({ thanks: null });
    return trx('audition_reviews').where({ reviewer_id: userId, status: 'submitted' }).count<{ n: string }[]>('* as n').then((r) => Number(r[0]?.n ?? 0));
  },

  /** Removes roster rows and launch sessions, and the copies of their identity in roster syncs and staff lists. */
  async removeRoster(trx: Knex, p: { userId: string; sub: string; email: string | null; platformId: string }): Promise<void> {
    await trx('sessions').where('user_id', p.userId).delete();
    await trx('cohort_facilitators').where('user_id', p.userId).delete();
    await trx('memberships').where('user_id', p.userId).delete();
    const tenantContexts = trx('contexts as c').join('deployments as d', 'd.id', 'c.deployment_id').select('c.id').where('d.platform_id', p.platformId);
    await trx('roster_sync_members')
      .where('user_sub', p.sub)
      .whereIn('sync_id', trx('roster_syncs').select('id').whereIn('context_id', tenantContexts))
      .delete();
    if (p.email) {
      await trx('enrolment_run_items')
        .whereRaw('lower(email) = lower(?)', [p.email])
        .whereIn('run_id', trx('enrolment_runs').select('id').whereIn('context_id', tenantContexts))
        .update({ email: '', name: ERASED_NAME, school: null, message: null });
    }
  },

  /** Replaces the identity with an opaque marker: a new launch of the same LMS user creates a new person. */
  async eraseIdentity(trx: Knex, userId: string): Promise<void> {
    await trx('users').where('id', userId).update({ sub: `erased:${randomUUID()}`, name: ERASED_NAME, given_name: null, family_name: null, email: null, updated_at: new Date() });
  },
};

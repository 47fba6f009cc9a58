import type { Knex } from 'knex';

type Row = Record<string, unknown>;

/**
 * Everything Staffroom holds about one person, table by table, as plain rows. Reviews received and ratings of
 * their reviews never carry the other person's id unless the audition is `named` (anonymity rules).
 */
export function exportStore(db: Knex) {
  const submissionIds = (userId: string) => db('audition_submissions').select('id').where('author_id', userId);
  return {
    profile: (userId: string): Promise<Row | undefined> =>
      db('users').first('id', 'sub', 'name', 'given_name', 'family_name', 'email', 'created_at', 'updated_at').where('id', userId),
    memberships: (userId: string): Promise<Row[]> =>
      db('memberships as m')
        .join('contexts as c', 'c.id', 'm.context_id')
        .select('m.context_id', 'c.title as course_title', 'm.role', 'm.status', 'm.school', 'm.lti_roles', 'm.last_launch_at', 'm.created_at')
        .where('m.user_id', userId),
    cohorts: (userId: string): Promise<Row[]> =>
      db('cohorts as co')
        .distinct('co.id', 'co.title', 'co.work_visibility', 'co.student_file_retention_days')
        .join('cohort_contexts as cc', 'cc.cohort_id', 'co.id')
        .join('memberships as m', 'm.context_id', 'cc.context_id')
        .where({ 'm.user_id': userId, 'co.kind': 'cohort' }),
    auditionsOf: (cohortIds: string[]): Promise<Row[]> => db('auditions').select('id', 'cohort_id', 'title', 'anonymity').whereIn('cohort_id', cohortIds),
    byUser: (table: string, userId: string, column = 'user_id'): Promise<Row[]> => db(table).select('*').where(column, userId),
    versions: (userId: string): Promise<Row[]> => db('audition_versions').select('*').whereIn('submission_id', submissionIds(userId)).orderBy(['submission_id', 'number']),
    reviewsGiven: (userId: string): Promise<Row[]> =>
      db('audition_reviews')
        .select('id', 'audition_id', 'submission_id', 'version_id', 'kind', 'status', 'draft', 'answers', 'due_at', 'assigned_at', 'submitted_at', 'closed_at')
        .where('reviewer_id', userId),
    reviewsReceived: (userId: string): Promise<Row[]> =>
      db('audition_reviews as r')
        .join('auditions as a', 'a.id', 'r.audition_id')
        .join('users as u', 'u.id', 'r.reviewer_id')
        .select('r.id', 'r.audition_id', 'r.submission_id', 'r.version_id', 'r.kind', 'r.answers', 'r.submitted_at', 'a.anonymity')
        .select(db.raw(`case when a.anonymity = 'named' then u.name else null end as reviewer_name`))
        .whereIn('r.submission_id', submissionIds(userId))
        .andWhere('r.status', 'submitted'),
    feedbackRatingsGiven: (userId: string): Promise<Row[]> =>
      db('audition_review_ratings').select('review_id', 'thanks', 'created_at', 'updated_at').where('rater_id', userId),
    feedbackRatingsReceived: (userId: string): Promise<Row[]> =>
      db('audition_review_ratings as rr')
        .join('audition_reviews as r', 'r.id', 'rr.review_id')
        .select('rr.review_id', 'rr.thanks', 'rr.created_at')
        .where('r.reviewer_id', userId),
    competencyRatingsGiven: (userId: string): Promise<Row[]> =>
      db('competency_ratings').select('id', 'cohort_id', 'user_id as rated_user_id', 'competency_id', 'level_position', 'level_label', 'comment', 'rated_at').where('rated_by', userId),
    attachments: (userId: string): Promise<Row[]> =>
      db('attachments').select('id', 'purpose', 'filename', 'mime_type', 'sha256', 'storage_key', 'contains_student_material', 'created_at').where('owner_id', userId).orderBy('created_at'),
  };
}

/** Reads one person's data for their export. */
export type ExportStore = ReturnType<typeof exportStore>;

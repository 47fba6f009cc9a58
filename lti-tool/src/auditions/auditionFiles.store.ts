import type { Knex } from 'knex';

/** A submission whose versions use a file, with what a read check needs. */
export interface FileUse {
  submissionId: string;
  cohortId: string;
  moduleId: string;
  /** The reader has (or had) a review of this submission. */
  readerReviews: boolean;
}

/** Read-only queries behind the audition files' access policy. */
export const auditionFilesStore = {
  /** Submissions by `ownerId` whose submitted versions list `attachmentId`, and whether `readerId` reviews them. */
  async usesOf(db: Knex, attachmentId: string, ownerId: string, readerId: string): Promise<FileUse[]> {
    const rows = await db('audition_versions as v')
      .join('audition_submissions as s', 's.id', 'v.submission_id')
      .join('auditions as a', 'a.id', 's.audition_id')
      .where('s.author_id', ownerId)
      // jsonb containment: the version's attachment id list holds this id.
      .whereRaw(`(v.work -> 'attachmentIds') @> ?::jsonb`, [JSON.stringify([attachmentId])])
      .distinct('s.id as submission_id', 'a.cohort_id', 'a.module_id')
      .select(db.raw('exists (select 1 from audition_reviews r where r.submission_id = s.id and r.reviewer_id = ?) as reader_reviews', [readerId]));
    return rows.map((r: Record<string, unknown>) => ({ submissionId: String(r.submission_id), cohortId: String(r.cohort_id), moduleId: String(r.module_id), readerReviews: r.reader_reviews === true }));
  },
};

import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { preparedQuery } from '../../../db/preparedQuery';
import type { ContextInput, WorkInput } from './auditions.schema';
import { toAudition } from './auditions.store';
import type { Audition, Draft, Submission, Version } from './auditions.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toSubmission = (r: Row): Submission => ({
  id: r.id,
  auditionId: r.audition_id,
  authorId: r.author_id,
  authorName: r.author_name ?? null,
  school: r.school,
  status: r.status,
  draft: r.draft,
  draftRevision: r.draft_revision,
  submittedRevision: r.submitted_revision,
  currentVersion: r.current_version,
  reviewersNeeded: r.reviewers_needed,
  submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
  withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
  updatedAt: new Date(r.updated_at),
});

const toVersion = (r: Row): Version => ({
  id: r.id,
  submissionId: r.submission_id,
  number: r.number,
  work: r.work,
  context: r.context,
  whatChanged: r.what_changed,
  createdAt: new Date(r.created_at),
});

// The audition's row lock, then the author's submission row lock, in one round trip and in that order (every
// allocation-changing write takes the audition's first): the materialised CTE `a` is scanned before the
// sub-select on `s` runs. Rows come back as jsonb, so both tables' columns keep their own names.
const LOCK_FOR_SUBMIT = `
with a as materialized (
  select * from auditions where id = :auditionId and cohort_id = :cohortId for no key update),
s as materialized (
  select s.* from audition_submissions s where s.audition_id = (select id from a) and s.author_id = :authorId for update of s)
select to_jsonb(a) as audition,
       (select to_jsonb(s) || jsonb_build_object('author_name', u.name) from s left join users u on u.id = s.author_id) as submission
  from a`;

// Version 1 (see submitFirstVersion). Named columns, not `*`: a prepared statement's result shape must not change.
const SUBMIT_FIRST_VERSION = `
with v as (
  insert into audition_versions (id, submission_id, number, work, context, what_changed)
  values (:versionId, :submissionId, 1, :work::jsonb, :context::jsonb, null)
  returning id, submission_id, number, work, context, what_changed, created_at),
s as (
  update audition_submissions set status = 'submitted', current_version = 1, submitted_revision = :revision,
         school = (select m.school from memberships m join cohort_contexts cc on cc.context_id = m.context_id
                    where cc.cohort_id = :cohortId and m.user_id = :authorId and m.school is not null
                    order by m.updated_at desc limit 1),
         submitted_at = now(), reviewers_needed = :reviewersNeeded, updated_at = now()
   where id = :submissionId returning school),
p as (
  insert into audition_reviewers (audition_id, user_id, school) select :auditionId, :authorId, s.school from s
  on conflict (audition_id, user_id) do update set active = true, school = excluded.school)
select v.*, s.school as author_school from v, s`;

const withAuthor = (q: Knex.QueryBuilder) => q.leftJoin('users as u', 'u.id', 's.author_id').select('s.*', 'u.name as author_name');

/** Data access for submissions and their versions. Draft saves are compare-and-set on `draft_revision`. */
export const submissionsStore = {
  async findOwn(trx: Knex, auditionId: string, authorId: string, lock = false): Promise<Submission | null> {
    const q = withAuthor(trx('audition_submissions as s').where({ 's.audition_id': auditionId, 's.author_id': authorId })).first();
    if (lock) q.forUpdate('s');
    const row = await q;
    return row ? toSubmission(row) : null;
  },

  /**
   * The submit path's locks in one statement: the audition (only in that cohort; null otherwise) under its row lock,
   * then the author's submission (null before their first draft) under its row lock.
   */
  async lockForSubmit(trx: Knex, o: { cohortId: string; auditionId: string; authorId: string }): Promise<{ audition: Audition; submission: Submission | null } | null> {
    const [row] = await preparedQuery<Row>(trx, 'auditions_lock_for_submit', LOCK_FOR_SUBMIT, o);
    return row ? { audition: toAudition(row.audition), submission: row.submission ? toSubmission(row.submission) : null } : null;
  },

  async findById(trx: Knex, auditionId: string, id: string, lock = false): Promise<Submission | null> {
    const q = withAuthor(trx('audition_submissions as s').where({ 's.audition_id': auditionId, 's.id': id })).first();
    if (lock) q.forUpdate('s');
    const row = await q;
    return row ? toSubmission(row) : null;
  },

  async listForAudition(trx: Knex, auditionId: string): Promise<Submission[]> {
    return (await withAuthor(trx('audition_submissions as s').where('s.audition_id', auditionId)).orderBy([{ column: 's.created_at' }, { column: 's.id' }])).map(toSubmission);
  },

  /** Creates the first draft unless one exists; false when another save came first. */
  async insertDraft(trx: Knex, auditionId: string, authorId: string, draft: Draft): Promise<boolean> {
    const { rows } = await trx.raw(
      `INSERT INTO audition_submissions (id, audition_id, author_id, status, draft, draft_revision) VALUES (?, ?, ?, 'draft', ?::jsonb, 1)
       ON CONFLICT (audition_id, author_id) DO NOTHING RETURNING id`,
      [randomUUID(), auditionId, authorId, JSON.stringify(draft)],
    );
    return rows.length === 1;
  },

  /** Saves the draft if its stored revision is still `revision`. */
  async updateDraftIfRevision(trx: Knex, id: string, revision: number, draft: Draft): Promise<boolean> {
    const n = await trx('audition_submissions').where({ id, draft_revision: revision }).update({ draft: JSON.stringify(draft), draft_revision: revision + 1, updated_at: trx.fn.now() });
    return n === 1;
  },

  async addVersion(trx: Knex, submissionId: string, number: number, v: { work: WorkInput; context: ContextInput; whatChanged: string | null }): Promise<Version> {
    const [row] = await trx('audition_versions')
      .insert({ id: randomUUID(), submission_id: submissionId, number, work: JSON.stringify(v.work), context: JSON.stringify(v.context), what_changed: v.whatChanged })
      .returning('*');
    return toVersion(row);
  },

  /**
   * Version 1 in one statement: stores the version, marks the submission submitted with the author's school (from
   * the cohort's staff list) and the slots to fill, and puts the author in the reviewer pool (again, if they had left).
   */
  async submitFirstVersion(trx: Knex, o: { auditionId: string; cohortId: string; submissionId: string; authorId: string; revision: number; reviewersNeeded: number; work: WorkInput; context: ContextInput }): Promise<{ version: Version; school: string | null }> {
    const [row] = await preparedQuery<Row>(trx, 'auditions_submit_first_version', SUBMIT_FIRST_VERSION, {
      auditionId: o.auditionId,
      cohortId: o.cohortId,
      submissionId: o.submissionId,
      authorId: o.authorId,
      revision: o.revision,
      reviewersNeeded: o.reviewersNeeded,
      versionId: randomUUID(),
      work: JSON.stringify(o.work),
      context: JSON.stringify(o.context),
    });
    return { version: toVersion(row!), school: row!.author_school ?? null };
  },

  /** Version 2, 3, …: the submission's current version moves on (school and slots stay as at version 1). */
  async markRevised(trx: Knex, id: string, o: { version: number; revision: number }): Promise<void> {
    await trx('audition_submissions').where({ id }).update({ status: 'submitted', current_version: o.version, submitted_revision: o.revision, updated_at: trx.fn.now() });
  },

  async setReviewersNeeded(trx: Knex, id: string, delta: number): Promise<void> {
    await trx('audition_submissions').where({ id }).update({ reviewers_needed: trx.raw('greatest(0, reviewers_needed + ?)', [delta]) });
  },

  async markWithdrawn(trx: Knex, id: string): Promise<void> {
    await trx('audition_submissions').where({ id }).update({ status: 'withdrawn', withdrawn_at: trx.fn.now(), reviewers_needed: 0, updated_at: trx.fn.now() });
  },

  async versions(trx: Knex, submissionIds: string[]): Promise<Version[]> {
    if (submissionIds.length === 0) return [];
    return (await trx('audition_versions').whereIn('submission_id', submissionIds).orderBy([{ column: 'submission_id' }, { column: 'number' }])).map(toVersion);
  },

  async version(trx: Knex, submissionId: string, number: number): Promise<Version | null> {
    const row = await trx('audition_versions').where({ submission_id: submissionId, number }).first();
    return row ? toVersion(row) : null;
  },

  async versionById(trx: Knex, id: string): Promise<Version | null> {
    const row = await trx('audition_versions').where({ id }).first();
    return row ? toVersion(row) : null;
  },
};

/** Data access for submissions. */
export type SubmissionsStore = typeof submissionsStore;

/** Members of the cohort's given courses with no submitted work for an audition (lead overview), by name. */
export async function membersWithoutSubmission(trx: Knex, cohortId: string, auditionId: string, contextIds: string[]): Promise<{ id: string; name: string | null }[]> {
  if (contextIds.length === 0) return [];
  return trx('memberships as m')
    .join('cohort_contexts as cc', 'cc.context_id', 'm.context_id')
    .join('users as u', 'u.id', 'm.user_id')
    .where({ 'cc.cohort_id': cohortId, 'm.status': 'active', 'm.role': 'participant' })
    .whereIn('m.context_id', contextIds)
    .whereNotExists((q) => q.select(trx.raw('1')).from('audition_submissions as s').whereRaw(`s.audition_id = ? and s.author_id = m.user_id and s.status <> 'draft'`, [auditionId]))
    .distinct('u.id', 'u.name')
    .orderBy([{ column: 'u.name' }, { column: 'u.id' }]);
}

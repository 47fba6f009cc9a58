import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Answers } from './auditions.schema';
import type { Audition } from './auditions.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An `auditions` row (or its jsonb) as the domain type. */
export const toAudition = (r: Row): Audition => ({
  id: r.id,
  cohortId: r.cohort_id,
  moduleId: r.module_id,
  stepId: r.step_id,
  title: r.title,
  prompt: r.prompt,
  acceptedParts: r.accepted_parts,
  protocol: r.protocol,
  reviewersPerSubmission: r.reviewers_per_submission,
  anonymity: r.anonymity,
  mode: r.mode,
  deadline: r.deadline ? new Date(r.deadline) : null,
  reviewDueDays: r.review_due_days,
  reassignAfterDays: r.reassign_after_days,
  excludeSameSchool: r.exclude_same_school,
  competencyIds: r.competency_ids,
  calibration: r.calibration ?? null,
  allocatedAt: r.allocated_at ? new Date(r.allocated_at) : null,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** The stored form of audition settings (without ids and times). */
export type AuditionFields = Omit<Audition, 'id' | 'cohortId' | 'allocatedAt' | 'createdAt' | 'updatedAt'>;

const toRow = (a: Partial<AuditionFields>): Row => {
  const row: Row = {
    module_id: a.moduleId,
    step_id: a.stepId,
    title: a.title,
    prompt: a.prompt,
    accepted_parts: a.acceptedParts && JSON.stringify(a.acceptedParts),
    protocol: a.protocol && JSON.stringify(a.protocol),
    reviewers_per_submission: a.reviewersPerSubmission,
    anonymity: a.anonymity,
    mode: a.mode,
    deadline: a.deadline,
    review_due_days: a.reviewDueDays,
    reassign_after_days: a.reassignAfterDays,
    exclude_same_school: a.excludeSameSchool,
    competency_ids: a.competencyIds && JSON.stringify(a.competencyIds),
    calibration: a.calibration === undefined ? undefined : a.calibration === null ? null : JSON.stringify(a.calibration),
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
};

/** Data access for auditions and calibration attempts. */
export const auditionsStore = {
  async insert(trx: Knex, cohortId: string, createdBy: string, a: AuditionFields): Promise<Audition> {
    const [row] = await trx('auditions').insert({ id: randomUUID(), cohort_id: cohortId, created_by: createdBy, ...toRow(a) }).returning('*');
    return toAudition(row);
  },

  async update(trx: Knex, id: string, a: Partial<AuditionFields>): Promise<Audition> {
    const [row] = await trx('auditions').where({ id }).update({ ...toRow(a), updated_at: trx.fn.now() }).returning('*');
    return toAudition(row);
  },

  /** The audition if it belongs to the cohort; `lock` takes the row lock every allocation-changing write starts with. */
  async find(trx: Knex, cohortId: string, id: string, lock = false): Promise<Audition | null> {
    const q = trx('auditions').where({ id, cohort_id: cohortId }).first();
    if (lock) q.forNoKeyUpdate();
    const row = await q;
    return row ? toAudition(row) : null;
  },

  /** Locks an audition by id alone (jobs). */
  async lockById(trx: Knex, id: string): Promise<Audition | null> {
    const row = await trx('auditions').where({ id }).forNoKeyUpdate().first();
    return row ? toAudition(row) : null;
  },

  async listInCohort(trx: Knex, cohortId: string): Promise<Audition[]> {
    return (await trx('auditions').where({ cohort_id: cohortId }).orderBy([{ column: 'created_at' }, { column: 'id' }])).map(toAudition);
  },

  async markAllocated(trx: Knex, id: string): Promise<void> {
    await trx('auditions').where({ id }).update({ allocated_at: trx.fn.now(), updated_at: trx.fn.now() });
  },

  /** Fixed-mode auditions whose deadline has passed and that are not allocated yet. */
  async dueForAllocation(trx: Knex, now: Date): Promise<string[]> {
    return (await trx('auditions').where({ mode: 'fixed' }).whereNull('allocated_at').andWhere('deadline', '<=', now).pluck('id')) as string[];
  },

  /** True when the module belongs to the cohort. */
  async moduleInCohort(trx: Knex, cohortId: string, moduleId: string): Promise<boolean> {
    return !!(await trx('modules').where({ id: moduleId, cohort_id: cohortId }).first('id'));
  },

  async saveCalibration(trx: Knex, auditionId: string, userId: string, answers: Answers): Promise<void> {
    await trx('audition_calibrations')
      .insert({ audition_id: auditionId, user_id: userId, answers: JSON.stringify(answers) })
      .onConflict(['audition_id', 'user_id'])
      .merge({ answers: JSON.stringify(answers), created_at: trx.fn.now() });
  },

  async findCalibration(trx: Knex, auditionId: string, userId: string): Promise<{ answers: Answers; createdAt: Date } | null> {
    const row = await trx('audition_calibrations').where({ audition_id: auditionId, user_id: userId }).first();
    return row ? { answers: row.answers, createdAt: new Date(row.created_at) } : null;
  },
};

/** Data access for auditions. */
export type AuditionsStore = typeof auditionsStore;

import type { Knex } from 'knex';
import type { StepStatus } from './modules.types';

/** A person's state on one step. */
export interface StepProgress {
  stepId: string;
  status: StepStatus;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** A module a person completed, with the PD minutes it credited. */
export interface Completion {
  userId: string;
  moduleId: string;
  cohortId: string;
  versionId: string;
  pdMinutes: number;
  completedAt: Date;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toProgress = (r: Row): StepProgress => ({ stepId: r.step_id, status: r.status, startedAt: r.started_at, completedAt: r.completed_at });
const toCompletion = (r: Row): Completion => ({ userId: r.user_id, moduleId: r.module_id, cohortId: r.cohort_id, versionId: r.version_id, pdMinutes: r.pd_minutes, completedAt: r.completed_at });

/** Data access for step progress and module completions. */
export const progressStore = {
  /**
   * Records progress on a step (and that the person is active in its module). Status only moves forward
   * (a complete step stays complete) and the first start and completion times are kept, so repeated or
   * concurrent submits change nothing.
   */
  async upsert(trx: Knex, p: { userId: string; stepId: string; cohortId: string; moduleId: string; status: 'in_progress' | 'complete' }): Promise<StepProgress> {
    const complete = p.status === 'complete';
    const { rows } = await trx.raw(
      `INSERT INTO step_progress (user_id, step_id, cohort_id, module_id, status, started_at, completed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, now(), ${complete ? 'now()' : 'NULL'}, now())
       ON CONFLICT (user_id, step_id) DO UPDATE SET
         status = CASE WHEN step_progress.status = 'complete' THEN 'complete' ELSE EXCLUDED.status END,
         started_at = COALESCE(step_progress.started_at, EXCLUDED.started_at),
         completed_at = COALESCE(step_progress.completed_at, EXCLUDED.completed_at),
         updated_at = CASE WHEN step_progress.status = EXCLUDED.status OR step_progress.status = 'complete' THEN step_progress.updated_at ELSE now() END
       RETURNING step_id, status, started_at, completed_at`,
      [p.userId, p.stepId, p.cohortId, p.moduleId, p.status],
    );
    await trx.raw(
      `INSERT INTO module_progress (user_id, module_id, cohort_id) VALUES (?, ?, ?)
       ON CONFLICT (user_id, module_id) DO UPDATE SET last_activity_at = now()`,
      [p.userId, p.moduleId, p.cohortId],
    );
    return toProgress(rows[0]);
  },

  /** Serialises completion checks of one person's module, so the last of two concurrent completes sees both. */
  async lockPersonModule(trx: Knex, userId: string, moduleId: string): Promise<void> {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [`module-completion:${userId}:${moduleId}`]);
  },

  /** Records how many steps of the module's current version the person has complete (for the matrix). */
  async setCompletedSteps(trx: Knex, userId: string, moduleId: string, completedSteps: number): Promise<void> {
    await trx('module_progress').where({ user_id: userId, module_id: moduleId }).update({ completed_steps: completedSteps });
  },

  /** After a publish: recounts everyone's complete steps against the new version's steps. */
  async recountModule(trx: Knex, moduleId: string, stepIds: string[]): Promise<void> {
    await trx.raw(
      `UPDATE module_progress mp SET completed_steps = (
         SELECT count(*) FROM step_progress sp WHERE sp.user_id = mp.user_id AND sp.step_id = ANY(?::uuid[]) AND sp.status = 'complete')
       WHERE mp.module_id = ?`,
      [stepIds, moduleId],
    );
  },

  async countComplete(trx: Knex, userId: string, stepIds: string[]): Promise<number> {
    if (stepIds.length === 0) return 0;
    const row = await trx('step_progress').where({ user_id: userId, status: 'complete' }).whereIn('step_id', stepIds).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  },

  /** Inserts a completion unless one exists; returns it only when this call created it. */
  async insertCompletion(trx: Knex, c: Omit<Completion, 'completedAt'>): Promise<Completion | null> {
    const rows = await trx('module_completions')
      .insert({ user_id: c.userId, module_id: c.moduleId, cohort_id: c.cohortId, version_id: c.versionId, pd_minutes: c.pdMinutes })
      .onConflict(['user_id', 'module_id'])
      .ignore()
      .returning('*');
    return rows[0] ? toCompletion(rows[0]) : null;
  },

  /**
   * Completes the module for everyone who has every one of `stepIds` complete and no completion yet
   * (after a publish removed the steps they had left). Returns the completions created.
   */
  async completeAllFinished(trx: Knex, m: { moduleId: string; cohortId: string; versionId: string; pdMinutes: number }, stepIds: string[]): Promise<Completion[]> {
    const { rows } = await trx.raw(
      `INSERT INTO module_completions (user_id, module_id, cohort_id, version_id, pd_minutes)
       SELECT sp.user_id, ?, ?, ?, ? FROM step_progress sp
       WHERE sp.cohort_id = ? AND sp.module_id = ? AND sp.status = 'complete' AND sp.step_id = ANY(?::uuid[])
       GROUP BY sp.user_id HAVING count(*) = ?
       ON CONFLICT (user_id, module_id) DO NOTHING
       RETURNING *`,
      [m.moduleId, m.cohortId, m.versionId, m.pdMinutes, m.cohortId, m.moduleId, stepIds, stepIds.length],
    );
    return (rows as Row[]).map(toCompletion);
  },

  async progressOf(trx: Knex, userId: string, moduleId: string): Promise<StepProgress[]> {
    return (await trx('step_progress').where({ user_id: userId, module_id: moduleId })).map(toProgress);
  },

  async completionsOf(trx: Knex, userId: string, moduleIds: string[]): Promise<Completion[]> {
    if (moduleIds.length === 0) return [];
    return (await trx('module_completions').where({ user_id: userId }).whereIn('module_id', moduleIds)).map(toCompletion);
  },

  /** The cohort course each person is a member through (for reporting to that course's gradebook). */
  async memberContexts(trx: Knex, userIds: string[], contextIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0 || contextIds.length === 0) return new Map();
    const rows = await trx('memberships').whereIn('user_id', userIds).whereIn('context_id', contextIds).andWhere({ status: 'active' }).select('user_id', 'context_id');
    const byUser = new Map<string, string>();
    for (const contextId of contextIds) for (const r of rows) if (r.context_id === contextId && !byUser.has(r.user_id)) byUser.set(r.user_id, r.context_id);
    return byUser;
  },
};

/** Data access for progress and completions. */
export type ProgressStore = typeof progressStore;

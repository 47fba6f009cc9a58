import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { StepKind } from './modules.schema';
import type { ModuleFields, ModuleRecord, NewStep, StepRecord, UnlockRule, VersionRecord } from './modules.types';
import type { StepContent } from './stepContent';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** jsonb comes back parsed from pg and PGlite alike, but older rows may hold a JSON string. */
export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const toModule = (r: Row): ModuleRecord => ({
  id: r.id,
  cohortId: r.cohort_id,
  position: r.position,
  title: r.title,
  summary: r.summary,
  pdMinutes: r.pd_minutes,
  unlockRule: r.unlock_rule as UnlockRule,
  reportsToGradebook: r.reports_to_gradebook,
  publishedVersionId: r.published_version_id,
  archivedAt: r.archived_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toVersion = (r: Row): VersionRecord => ({
  id: r.id,
  moduleId: r.module_id,
  number: r.number,
  status: r.status,
  title: r.title,
  summary: r.summary,
  pdMinutes: r.pd_minutes,
  unlockRule: r.unlock_rule as UnlockRule,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  updatedAt: r.updated_at,
});

const toStep = (r: Row): StepRecord => ({
  versionId: r.version_id,
  stepId: r.step_id,
  position: r.position,
  kind: r.kind as StepKind,
  title: r.title,
  estimatedMinutes: r.estimated_minutes,
  content: fromJson<StepContent>(r.content),
});

const fieldsRow = (f: Partial<ModuleFields>) => ({
  ...(f.title !== undefined ? { title: f.title } : {}),
  ...(f.summary !== undefined ? { summary: f.summary } : {}),
  ...(f.pdMinutes !== undefined ? { pd_minutes: f.pdMinutes } : {}),
  ...(f.unlockRule !== undefined ? { unlock_rule: f.unlockRule } : {}),
});

/** Data access for modules, their versions and steps. Every function takes the transaction it runs in. */
export const modulesStore = {
  async insertModule(trx: Knex, m: { id: string; cohortId: string; position: number; fields: ModuleFields; reportsToGradebook: boolean; createdBy: string | null }): Promise<void> {
    await trx('modules').insert({ id: m.id, cohort_id: m.cohortId, position: m.position, ...fieldsRow(m.fields), reports_to_gradebook: m.reportsToGradebook, created_by: m.createdBy });
  },

  async insertVersion(trx: Knex, v: { id: string; moduleId: string; number: number; status: VersionRecord['status']; fields: ModuleFields; publishedBy?: string | null }): Promise<void> {
    const published = v.status === 'published';
    await trx('module_versions').insert({
      id: v.id, module_id: v.moduleId, number: v.number, status: v.status, ...fieldsRow(v.fields),
      published_at: published ? trx.fn.now() : null, published_by: published ? (v.publishedBy ?? null) : null,
    });
  },

  async insertSteps(trx: Knex, versionId: string, steps: NewStep[]): Promise<void> {
    if (steps.length === 0) return;
    await trx('module_steps').insert(
      steps.map((s) => ({
        id: randomUUID(), version_id: versionId, step_id: s.stepId, position: s.position, kind: s.kind,
        title: s.title, estimated_minutes: s.estimatedMinutes, content: JSON.stringify(s.content),
      })),
    );
  },

  /** Copies every step of one version into another, keeping step ids (a new draft from the published version). */
  async copySteps(trx: Knex, fromVersionId: string, toVersionId: string): Promise<void> {
    await trx.raw(
      `INSERT INTO module_steps (id, version_id, step_id, position, kind, title, estimated_minutes, content)
       SELECT gen_random_uuid(), ?, step_id, position, kind, title, estimated_minutes, content FROM module_steps WHERE version_id = ?`,
      [toVersionId, fromVersionId],
    );
  },

  async setPublished(trx: Knex, moduleId: string, versionId: string, fields: ModuleFields): Promise<void> {
    await trx('modules').where({ id: moduleId }).update({ published_version_id: versionId, ...fieldsRow(fields), updated_at: trx.fn.now() });
  },

  async nextPosition(trx: Knex, cohortId: string): Promise<number> {
    const row = await trx('modules').where({ cohort_id: cohortId }).max({ max: 'position' }).first();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  },

  /** Every module of a cohort (archived too), by position. */
  async listModules(trx: Knex, cohortId: string): Promise<ModuleRecord[]> {
    return (await trx('modules').where({ cohort_id: cohortId }).orderBy([{ column: 'position' }, { column: 'created_at' }])).map(toModule);
  },

  /**
   * A module of this cohort. `update` locks the row so edits and publishes of one module run one at a time;
   * `share` lets many people record progress at once while a publish waits for them (and they for it).
   */
  async findModule(trx: Knex, cohortId: string, moduleId: string, lock: 'update' | 'share' | null = null): Promise<ModuleRecord | null> {
    const q = trx('modules').where({ id: moduleId, cohort_id: cohortId }).first();
    const row = await (lock === 'update' ? q.forUpdate() : lock === 'share' ? q.forShare() : q);
    return row ? toModule(row) : null;
  },

  /** Serialises edits of one module's draft without blocking people working through the published version. */
  async lockDraft(trx: Knex, moduleId: string): Promise<void> {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [`module-draft:${moduleId}`]);
  },

  async updateModuleSettings(trx: Knex, moduleId: string, s: { archived?: boolean; reportsToGradebook?: boolean }): Promise<void> {
    await trx('modules')
      .where({ id: moduleId })
      .update({
        ...(s.archived === undefined ? {} : { archived_at: s.archived ? trx.fn.now() : null }),
        ...(s.reportsToGradebook === undefined ? {} : { reports_to_gradebook: s.reportsToGradebook }),
        updated_at: trx.fn.now(),
      });
  },

  /** Numbers the given modules 0, 1, 2… in the given order (one statement). */
  async setModulePositions(trx: Knex, cohortId: string, moduleIds: string[]): Promise<void> {
    await trx.raw(
      `UPDATE modules m SET position = v.n - 1, updated_at = now() FROM unnest(?::uuid[]) WITH ORDINALITY AS v(id, n) WHERE m.id = v.id AND m.cohort_id = ?`,
      [moduleIds, cohortId],
    );
  },

  async findVersion(trx: Knex, versionId: string): Promise<VersionRecord | null> {
    const row = await trx('module_versions').where({ id: versionId }).first();
    return row ? toVersion(row) : null;
  },

  /** Versions by id, in one query. */
  async versionsByIds(trx: Knex, versionIds: string[]): Promise<VersionRecord[]> {
    if (versionIds.length === 0) return [];
    return (await trx('module_versions').whereIn('id', versionIds)).map(toVersion);
  },

  async findDraft(trx: Knex, moduleId: string): Promise<VersionRecord | null> {
    const row = await trx('module_versions').where({ module_id: moduleId, status: 'draft' }).first();
    return row ? toVersion(row) : null;
  },

  /** Drafts of many modules at once (for the editor's outline). */
  async draftsOf(trx: Knex, moduleIds: string[]): Promise<VersionRecord[]> {
    if (moduleIds.length === 0) return [];
    return (await trx('module_versions').whereIn('module_id', moduleIds).andWhere({ status: 'draft' })).map(toVersion);
  },

  async maxVersionNumber(trx: Knex, moduleId: string): Promise<number> {
    const row = await trx('module_versions').where({ module_id: moduleId }).max({ max: 'number' }).first();
    return Number(row?.max ?? 0);
  },

  async updateVersionFields(trx: Knex, versionId: string, fields: Partial<ModuleFields>): Promise<void> {
    await trx('module_versions').where({ id: versionId }).update({ ...fieldsRow(fields), updated_at: trx.fn.now() });
  },

  async touchVersion(trx: Knex, versionId: string): Promise<void> {
    await trx('module_versions').where({ id: versionId }).update({ updated_at: trx.fn.now() });
  },

  async deleteVersion(trx: Knex, versionId: string): Promise<void> {
    await trx('module_versions').where({ id: versionId }).delete();
  },

  /** Marks a draft published and the version it replaces superseded. */
  async publishVersion(trx: Knex, draftId: string, previousId: string | null, userId: string | null): Promise<void> {
    if (previousId) await trx('module_versions').where({ id: previousId }).update({ status: 'superseded', updated_at: trx.fn.now() });
    await trx('module_versions').where({ id: draftId }).update({ status: 'published', published_at: trx.fn.now(), published_by: userId, updated_at: trx.fn.now() });
  },

  async listSteps(trx: Knex, versionId: string): Promise<StepRecord[]> {
    return (await trx('module_steps').where({ version_id: versionId }).orderBy('position')).map(toStep);
  },

  /** Steps of many versions at once, by version then position. */
  async stepsOfVersions(trx: Knex, versionIds: string[]): Promise<StepRecord[]> {
    if (versionIds.length === 0) return [];
    return (await trx('module_steps').whereIn('version_id', versionIds).orderBy([{ column: 'version_id' }, { column: 'position' }])).map(toStep);
  },

  async updateStep(trx: Knex, versionId: string, stepId: string, s: { title?: string; estimatedMinutes?: number; content?: StepContent }): Promise<void> {
    await trx('module_steps')
      .where({ version_id: versionId, step_id: stepId })
      .update({
        ...(s.title === undefined ? {} : { title: s.title }),
        ...(s.estimatedMinutes === undefined ? {} : { estimated_minutes: s.estimatedMinutes }),
        ...(s.content === undefined ? {} : { content: JSON.stringify(s.content) }),
        updated_at: trx.fn.now(),
      });
  },

  async deleteStep(trx: Knex, versionId: string, stepId: string): Promise<void> {
    await trx('module_steps').where({ version_id: versionId, step_id: stepId }).delete();
  },

  /** Numbers the given steps of a version 0, 1, 2… in the given order (one statement). */
  async setStepPositions(trx: Knex, versionId: string, stepIds: string[]): Promise<void> {
    if (stepIds.length === 0) return;
    await trx.raw(
      `UPDATE module_steps s SET position = v.n - 1, updated_at = now() FROM unnest(?::uuid[]) WITH ORDINALITY AS v(step_id, n) WHERE s.step_id = v.step_id AND s.version_id = ?`,
      [stepIds, versionId],
    );
  },
};

/** Data access for modules (a namespace of functions over a given transaction). */
export type ModulesStore = typeof modulesStore;

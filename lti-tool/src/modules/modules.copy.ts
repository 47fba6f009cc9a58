import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { errors } from '../http/errors';
import type { StepKind } from './modules.schema';
import { modulesStore as store } from './modules.store';
import type { ModuleFields, NewStep } from './modules.types';
import { prepareStepContent, type StepContentByKind } from './stepContent';

/**
 * Copies each module of `fromCohortId` that has a published version (archived modules and never-published
 * drafts are left behind) into `toCohortId` as a new module whose version 1 is published, with new step
 * ids and nothing of people or their work. Audition steps lose their audition reference: an audition
 * belongs to the cohort it runs in. Appends after any modules the target already has. Returns the new ids
 * in order. Runs inside the caller's transaction (cohort creation from a template).
 */
export async function copyModules(trx: Knex.Transaction, fromCohortId: string, toCohortId: string): Promise<string[]> {
  const modules = (await store.listModules(trx, fromCohortId)).filter((m) => m.publishedVersionId && !m.archivedAt);
  const versionIds = modules.map((m) => m.publishedVersionId!);
  const steps = await store.stepsOfVersions(trx, versionIds);
  const versions = await store.versionsByIds(trx, versionIds);
  let position = await store.nextPosition(trx, toCohortId);
  const created: string[] = [];
  for (const m of modules) {
    const version = versions.find((v) => v.id === m.publishedVersionId)!;
    const fields: ModuleFields = { title: version.title, summary: version.summary, pdMinutes: version.pdMinutes, unlockRule: version.unlockRule };
    const copied: NewStep[] = steps
      .filter((s) => s.versionId === version.id)
      .map((s) => ({
        stepId: randomUUID(),
        position: s.position,
        kind: s.kind,
        title: s.title,
        estimatedMinutes: s.estimatedMinutes,
        content: s.kind === 'audition' ? { ...(s.content as StepContentByKind['audition']), auditionId: null } : s.content,
      }));
    created.push(await insertModuleVersion1(trx, { cohortId: toCohortId, position: position++, fields, reportsToGradebook: m.reportsToGradebook, steps: copied, userId: null }));
  }
  return created;
}

/** A module as a seed or template describes it: fields and steps with editor-style content. */
export interface ModuleSpec extends Partial<Omit<ModuleFields, 'title'>> {
  title: string;
  reportsToGradebook?: boolean;
  steps: { kind: StepKind; title: string; estimatedMinutes: number; content: unknown }[];
}

/**
 * Inserts a published module built from a spec (validating and rendering each step's content), e.g. for
 * built-in starter templates. Throws a validation error naming the step when the spec is wrong.
 */
export async function insertPublishedModule(trx: Knex.Transaction, cohortId: string, spec: ModuleSpec, userId: string | null = null): Promise<string> {
  const steps: NewStep[] = spec.steps.map((s, position) => {
    const prepared = prepareStepContent(s.kind, s.content);
    if (!prepared.ok) throw errors.validation(`Step ${position + 1} of “${spec.title}” is not valid.`, { fields: prepared.issues });
    if (!Number.isInteger(s.estimatedMinutes) || s.estimatedMinutes < 1 || s.estimatedMinutes > 600) {
      throw errors.validation(`Step ${position + 1} of “${spec.title}” needs an estimate of 1–600 minutes.`);
    }
    return { stepId: randomUUID(), position, kind: s.kind, title: s.title, estimatedMinutes: s.estimatedMinutes, content: prepared.content };
  });
  const fields: ModuleFields = { title: spec.title, summary: spec.summary ?? '', pdMinutes: spec.pdMinutes ?? 0, unlockRule: spec.unlockRule ?? 'open' };
  const position = await store.nextPosition(trx, cohortId);
  return insertModuleVersion1(trx, { cohortId, position, fields, reportsToGradebook: spec.reportsToGradebook ?? false, steps, userId });
}

async function insertModuleVersion1(
  trx: Knex.Transaction,
  m: { cohortId: string; position: number; fields: ModuleFields; reportsToGradebook: boolean; steps: NewStep[]; userId: string | null },
): Promise<string> {
  const moduleId = randomUUID();
  const versionId = randomUUID();
  await store.insertModule(trx, { id: moduleId, cohortId: m.cohortId, position: m.position, fields: m.fields, reportsToGradebook: m.reportsToGradebook, createdBy: m.userId });
  await store.insertVersion(trx, { id: versionId, moduleId, number: 1, status: 'published', fields: m.fields, publishedBy: m.userId });
  await store.insertSteps(trx, versionId, m.steps);
  await store.setPublished(trx, moduleId, versionId, m.fields);
  return moduleId;
}

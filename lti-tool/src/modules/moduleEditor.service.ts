import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { abort, runResult, type ModuleFailure, type Result } from './modules.errors';
import { presentDraft, presentOutlineModule } from './modules.presenter';
import type { StepKind } from './modules.schema';
import type { ModulesStore } from './modules.store';
import type { ModuleFields, ModuleRecord, StepRecord, VersionRecord } from './modules.types';
import { modulePolicy } from './moduleAccess';
import type { ProgressService } from './progress.service';
import { prepareStepContent } from './stepContent';

type Draft = ReturnType<typeof presentDraft>;

/**
 * Editing modules. Every change to content goes to the module's one draft (created on the first edit as a
 * copy of the published version, keeping step ids), so people working through the published version are
 * never affected until someone publishes. Edits of one module's draft run one at a time (an advisory lock).
 */
export function createModuleEditor(deps: { db: Knex; store: ModulesStore; progress: ProgressService }) {
  const { db, store } = deps;

  /**
   * The module if the caller may edit it (404 / 403 aborts otherwise), with its draft locked against other
   * editors. Publishing also locks the module row, which waits for progress being recorded right then.
   */
  async function editable(trx: Knex, a: CohortAccess, moduleId: string, publishing = false): Promise<ModuleRecord> {
    const found = await store.findModule(trx, a.cohort.id, moduleId);
    if (!found) return abort({ kind: 'module_not_found' });
    if (!modulePolicy.canEdit(a, found.id)) return abort({ kind: 'not_editor' });
    if (a.cohort.status === 'archived') return abort({ kind: 'cohort_closed', reason: 'archived' });
    await store.lockDraft(trx, found.id);
    return (await store.findModule(trx, a.cohort.id, moduleId, publishing ? 'update' : null)) ?? abort({ kind: 'module_not_found' });
  }

  /** The draft, created from the published version when there is none yet. */
  async function ensureDraft(trx: Knex, m: ModuleRecord): Promise<VersionRecord> {
    const existing = await store.findDraft(trx, m.id);
    if (existing) return existing;
    const published = m.publishedVersionId ? await store.findVersion(trx, m.publishedVersionId) : null;
    const fields: ModuleFields = published ?? m;
    const id = randomUUID();
    await store.insertVersion(trx, { id, moduleId: m.id, number: (await store.maxVersionNumber(trx, m.id)) + 1, status: 'draft', fields });
    if (published) await store.copySteps(trx, published.id, id);
    return (await store.findVersion(trx, id))!;
  }

  async function draftView(trx: Knex, m: ModuleRecord): Promise<Draft> {
    const draft = await store.findDraft(trx, m.id);
    const base = m.publishedVersionId ? await store.findVersion(trx, m.publishedVersionId) : null;
    const version = draft ?? base;
    return presentDraft(m, draft, base, version ? await store.listSteps(trx, version.id) : []);
  }

  /** Runs an edit of the draft in one transaction and answers with the draft as it now is. */
  const editDraft = (a: CohortAccess, moduleId: string, edit: (trx: Knex, draft: VersionRecord, steps: StepRecord[]) => Promise<void>): Promise<Result<Draft>> =>
    runResult(() =>
      db.transaction(async (trx) => {
        const m = await editable(trx, a, moduleId);
        const draft = await ensureDraft(trx, m);
        await edit(trx, draft, await store.listSteps(trx, draft.id));
        await store.touchVersion(trx, draft.id);
        return draftView(trx, m);
      }),
    );

  /** Why the caller may not change the module list, or null when they may. */
  const manageRefusal = (a: CohortAccess): ModuleFailure | null =>
    !modulePolicy.canManage(a) ? { kind: 'not_manager' } : a.cohort.status === 'archived' ? { kind: 'cohort_closed', reason: 'archived' } : null;

  const sameSet = (given: string[], expected: string[]) => given.length === expected.length && new Set(given).size === given.length && expected.every((id) => given.includes(id));

  return {
    /** The cohort's modules: everyone sees published, unarchived ones; editors also see drafts and archived ones. */
    async outline(a: CohortAccess) {
      const all = await store.listModules(db, a.cohort.id);
      const visible = modulePolicy.canManage(a) ? all : all.filter((m) => (m.publishedVersionId && !m.archivedAt) || modulePolicy.canEdit(a, m.id));
      const versionIds = visible.map((m) => m.publishedVersionId).filter((id): id is string => id !== null);
      const [published, drafts] = await Promise.all([store.versionsByIds(db, versionIds), store.draftsOf(db, visible.map((m) => m.id))]);
      return {
        canManage: modulePolicy.canManage(a),
        modules: visible.map((m) =>
          presentOutlineModule(m, published.find((v) => v.id === m.publishedVersionId) ?? null, drafts.find((d) => d.moduleId === m.id) ?? null, modulePolicy.canEdit(a, m.id)),
        ),
      };
    },

    /** Creates a module (unpublished, with an empty draft version 1) at the end of the cohort. */
    async create(a: CohortAccess, s: SessionIdentity, input: ModuleFields & { reportsToGradebook: boolean }): Promise<Result<Draft>> {
      const refused = manageRefusal(a);
      if (refused) return { ok: false, error: refused };
      return runResult(() =>
        db.transaction(async (trx) => {
          const id = randomUUID();
          const { reportsToGradebook, ...fields } = input;
          await store.insertModule(trx, { id, cohortId: a.cohort.id, position: await store.nextPosition(trx, a.cohort.id), fields, reportsToGradebook, createdBy: s.userId });
          await store.insertVersion(trx, { id: randomUUID(), moduleId: id, number: 1, status: 'draft', fields });
          return draftView(trx, (await store.findModule(trx, a.cohort.id, id))!);
        }),
      );
    },

    /** Puts the cohort's unarchived modules in a new order (the list must name each exactly once). */
    async reorder(a: CohortAccess, moduleIds: string[]): Promise<Result<{ moduleIds: string[] }>> {
      const refused = manageRefusal(a);
      if (refused) return { ok: false, error: refused };
      return runResult(() =>
        db.transaction(async (trx) => {
          const current = (await store.listModules(trx, a.cohort.id)).filter((m) => !m.archivedAt).map((m) => m.id);
          if (!sameSet(moduleIds, current)) abort({ kind: 'order_mismatch', expected: current.length });
          await store.setModulePositions(trx, a.cohort.id, moduleIds);
          return { moduleIds };
        }),
      );
    },

    /** Archives or restores a module and turns gradebook reporting on or off; both apply at once. */
    async updateSettings(a: CohortAccess, moduleId: string, settings: { archived?: boolean; reportsToGradebook?: boolean }) {
      const refused = manageRefusal(a);
      if (refused) return { ok: false as const, error: refused };
      return runResult(() =>
        db.transaction(async (trx) => {
          const m = await store.findModule(trx, a.cohort.id, moduleId, 'update');
          if (!m) return abort({ kind: 'module_not_found' });
          await store.updateModuleSettings(trx, m.id, settings);
          if (settings.archived === false && m.archivedAt) await store.setModulePositions(trx, a.cohort.id, [...(await store.listModules(trx, a.cohort.id)).filter((x) => !x.archivedAt && x.id !== m.id).map((x) => x.id), m.id]);
          const updated = (await store.findModule(trx, a.cohort.id, m.id))!;
          const published = updated.publishedVersionId ? await store.findVersion(trx, updated.publishedVersionId) : null;
          return presentOutlineModule(updated, published, await store.findDraft(trx, m.id), true);
        }),
      );
    },

    /** The draft as it stands (or the published version a first edit will start from). */
    draft: (a: CohortAccess, moduleId: string): Promise<Result<Draft>> =>
      runResult(async () => {
        const m = await store.findModule(db, a.cohort.id, moduleId);
        if (!m) return abort({ kind: 'module_not_found' });
        if (!modulePolicy.canEdit(a, m.id)) return abort({ kind: 'not_editor' });
        return draftView(db, m);
      }),

    editFields: (a: CohortAccess, moduleId: string, fields: Partial<ModuleFields>) => editDraft(a, moduleId, (trx, draft) => store.updateVersionFields(trx, draft.id, fields)),

    addStep: (a: CohortAccess, moduleId: string, step: { kind: StepKind; title: string; estimatedMinutes: number; content: unknown; position?: number }) =>
      editDraft(a, moduleId, async (trx, draft, steps) => {
        const prepared = prepareStepContent(step.kind, step.content);
        if (!prepared.ok) return abort({ kind: 'invalid_input', issues: prepared.issues });
        const at = Math.min(step.position ?? steps.length, steps.length);
        const stepId = randomUUID();
        await store.insertSteps(trx, draft.id, [{ stepId, position: at, kind: step.kind, title: step.title, estimatedMinutes: step.estimatedMinutes, content: prepared.content }]);
        const order = steps.map((s) => s.stepId);
        order.splice(at, 0, stepId);
        await store.setStepPositions(trx, draft.id, order);
      }),

    editStep: (a: CohortAccess, moduleId: string, stepId: string, edit: { title?: string; estimatedMinutes?: number; content?: unknown }) =>
      editDraft(a, moduleId, async (trx, draft, steps) => {
        const step = steps.find((s) => s.stepId === stepId);
        if (!step) return abort({ kind: 'step_not_found' });
        let content;
        if (edit.content !== undefined) {
          const prepared = prepareStepContent(step.kind, edit.content);
          if (!prepared.ok) return abort({ kind: 'invalid_input', issues: prepared.issues });
          content = prepared.content;
        }
        await store.updateStep(trx, draft.id, stepId, { title: edit.title, estimatedMinutes: edit.estimatedMinutes, content });
      }),

    removeStep: (a: CohortAccess, moduleId: string, stepId: string) =>
      editDraft(a, moduleId, async (trx, draft, steps) => {
        if (!steps.some((s) => s.stepId === stepId)) return abort({ kind: 'step_not_found' });
        await store.deleteStep(trx, draft.id, stepId);
        await store.setStepPositions(trx, draft.id, steps.map((s) => s.stepId).filter((id) => id !== stepId));
      }),

    reorderSteps: (a: CohortAccess, moduleId: string, stepIds: string[]) =>
      editDraft(a, moduleId, async (trx, draft, steps) => {
        if (!sameSet(stepIds, steps.map((s) => s.stepId))) return abort({ kind: 'order_mismatch', expected: steps.length });
        await store.setStepPositions(trx, draft.id, stepIds);
      }),

    /** Throws the draft away; the published version is untouched. */
    discardDraft: (a: CohortAccess, moduleId: string): Promise<Result<Draft>> =>
      runResult(() =>
        db.transaction(async (trx) => {
          const m = await editable(trx, a, moduleId);
          const draft = await store.findDraft(trx, m.id);
          if (!draft) return abort({ kind: 'nothing_to_publish' });
          await store.deleteVersion(trx, draft.id);
          return draftView(trx, m);
        }),
      ),

    /**
     * Publishes the draft as the module's new version; the previous one becomes superseded. Progress is keyed
     * by step id, so it carries over to every step the new version keeps; completions stay. People whose kept
     * steps now cover the whole module complete it (and are credited) here.
     */
    publish: (a: CohortAccess, s: SessionIdentity, moduleId: string): Promise<Result<Draft>> =>
      runResult(() =>
        db.transaction(async (trx) => {
          const m = await editable(trx, a, moduleId, true);
          const draft = await store.findDraft(trx, m.id);
          if (!draft) return abort({ kind: 'nothing_to_publish' });
          const steps = await store.listSteps(trx, draft.id);
          if (steps.length === 0) return abort({ kind: 'module_empty' });
          await store.publishVersion(trx, draft.id, m.publishedVersionId, s.userId);
          await store.setPublished(trx, m.id, draft.id, draft);
          const published = (await store.findModule(trx, a.cohort.id, m.id))!;
          await deps.progress.completeFinishedAfterPublish(trx, a, published, steps.map((x) => x.stepId));
          return draftView(trx, published);
        }),
      ),
  };
}

/** Module editing. */
export type ModuleEditor = ReturnType<typeof createModuleEditor>;

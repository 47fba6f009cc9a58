import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { copyModules } from '../modules/modules.copy';
import { loadCohortAccess, requireCohortManager, type CohortAccess } from './cohortAccess';
import { recordCohortEvent, type CohortActor } from './cohortEvents.store';
import type { CohortModulesView } from './cohortModules.store';
import { applySettings, changedFields, DEFAULT_SETTINGS, settingsOf } from './cohortSettings';
import type { Cohort, CohortStatus } from './cohort.types';
import { cohortErrors } from './cohorts.errors';
import { presentCohortDetail, presentCohortSummary, presentTemplate } from './cohorts.presenter';
import type { CreateCohortBody, SaveAsTemplateBody, UpdateCohortBody } from './cohorts.schema';
import type { CohortStore } from './cohorts.store';

const actorOf = (s: SessionIdentity): CohortActor => ({ userId: s.userId, contextId: s.contextId });
const STATUSES: Record<'active' | 'archived' | 'all', CohortStatus[]> = { active: ['active'], archived: ['archived'], all: ['active', 'archived'] };

/** Cohorts and templates of a course: list, read, create (from scratch or a template), edit, save as template. */
export function createCohortService(deps: { db: Knex; store: CohortStore; modules: CohortModulesView }) {
  const { db, store } = deps;

  async function detail(access: CohortAccess) {
    // A template has no people: its owner course's staff are not its members.
    const isTemplate = access.cohort.kind === 'template';
    const [memberCount, modules, contexts] = await Promise.all([
      isTemplate ? 0 : store.memberCount(access.cohort.id),
      deps.modules.counts([access.cohort.id]),
      store.contextsOf(access.cohort.id),
    ]);
    const courses = isTemplate ? contexts.map((c) => ({ ...c, memberCount: 0 })) : contexts;
    return presentCohortDetail(access, { memberCount, modules: modules.get(access.cohort.id), contexts: courses });
  }

  return {
    /** Cohorts the caller's course owns or has joined; participants see active ones only. */
    async list(session: SessionIdentity, status: keyof typeof STATUSES) {
      const rows = await store.listForContext(session.contextId, session.role === 'participant' ? STATUSES.active : STATUSES[status]);
      const modules = await deps.modules.counts(rows.map((r) => r.cohort.id));
      return rows.map((r) =>
        presentCohortSummary(r.cohort, { role: session.role, contextId: session.contextId, memberCount: r.memberCount, contextCount: r.contextCount, modules: modules.get(r.cohort.id) }),
      );
    },

    async get(session: SessionIdentity, cohortId: string) {
      return detail(await loadCohortAccess(db, session, cohortId));
    },

    /** Creates a cohort in the caller's course, copying a template's settings and modules when one is named. */
    async create(session: SessionIdentity, body: CreateCohortBody) {
      const { templateId, ...change } = body;
      const cohortId = await db.transaction(async (trx) => {
        const source = templateId ? await store.findCopySource(trx, templateId, session.contextId) : null;
        if (templateId && !source) throw cohortErrors.templateNotFound();
        // Dates belong to one run of a cohort, so a copy starts without them.
        const base = source ? { ...settingsOf(source), startsOn: null, endsOn: null } : { ...DEFAULT_SETTINGS, title: '' };
        const settings = applySettings(base, change);
        const cohort = await store.insert(trx, { ...settings, ownerContextId: session.contextId, kind: 'cohort', templateSourceId: source?.id ?? null, createdBy: session.userId });
        const moduleIds = source ? await copyModules(trx, source.id, cohort.id) : [];
        await recordCohortEvent(trx, { cohortId: cohort.id, actor: actorOf(session), action: 'cohort_created', details: { templateId: source?.id ?? null, modulesCopied: moduleIds.length } });
        return cohort.id;
      });
      return detail(await loadCohortAccess(db, session, cohortId));
    },

    /** Edits settings or archives/unarchives; an archived cohort accepts only being unarchived (with other edits). */
    async update(session: SessionIdentity, cohortId: string, body: UpdateCohortBody) {
      requireCohortManager(await loadCohortAccess(db, session, cohortId));
      const { status, ...change } = body;
      await db.transaction(async (trx) => {
        const current = (await store.findForUpdate(trx, cohortId))!;
        const editsSettings = Object.values(change).some((v) => v !== undefined);
        if (current.status === 'archived' && status !== 'active' && editsSettings) {
          throw cohortErrors.archived();
        }
        const before = settingsOf(current);
        const after = applySettings(before, change);
        const fields = changedFields(before, after);
        const statusChanged = status !== undefined && status !== current.status;
        if (!fields.length && !statusChanged) return;
        const patch = Object.fromEntries(fields.map((f) => [f, after[f]]));
        await store.update(trx, cohortId, { ...patch, ...(statusChanged ? { status } : {}) });
        await recordCohortEvent(trx, { cohortId, actor: actorOf(session), action: 'cohort_updated', details: { fields, ...(statusChanged ? { status } : {}) } });
      });
      return detail(await loadCohortAccess(db, session, cohortId));
    },

    /** Saves a cohort (or template) as a new template of the same course: settings and modules, no people, dates or work. */
    async saveAsTemplate(session: SessionIdentity, cohortId: string, body: SaveAsTemplateBody) {
      const access = await loadCohortAccess(db, session, cohortId);
      requireCohortManager(access);
      const templateId = await db.transaction(async (trx) => {
        const source: Cohort = (await store.findForUpdate(trx, cohortId))!;
        const settings = { ...settingsOf(source), startsOn: null, endsOn: null, title: body.title ?? source.title, description: body.description ?? source.description };
        const template = await store.insert(trx, { ...settings, ownerContextId: session.contextId, kind: 'template', templateSourceId: source.id, createdBy: session.userId });
        const moduleIds = await copyModules(trx, source.id, template.id);
        await recordCohortEvent(trx, { cohortId: template.id, actor: actorOf(session), action: 'cohort_created', details: { templateId: source.id, modulesCopied: moduleIds.length } });
        await recordCohortEvent(trx, { cohortId: source.id, actor: actorOf(session), action: 'template_saved', details: { savedTemplateId: template.id } });
        return template.id;
      });
      return detail(await loadCohortAccess(db, session, templateId));
    },

    /** Templates the caller's course can start from: built-in starter templates, then its own. */
    async templates(session: SessionIdentity) {
      const templates = await store.templatesFor(session.contextId);
      const outlines = await deps.modules.outlines(templates.map((t) => t.id));
      return templates.map((t) => presentTemplate(t, outlines.get(t.id)));
    },
  };
}

/** The cohorts service. */
export type CohortService = ReturnType<typeof createCohortService>;

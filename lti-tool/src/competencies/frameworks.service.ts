import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { isUuid } from '../cohorts/validate';
import type { Framework, FrameworkTree, ScaleLevel } from './competency.types';
import { competencyErrors, raise, type ImportIssue } from './competencies.errors';
import { DEFAULT_SCALE } from './defaultScale';
import { draftIssues, scaleIssues, type FrameworkDraft } from './frameworkDraft';
import { presentFramework, presentFrameworkSummary } from './frameworks.presenter';
import type { CompetencyFields, FrameworksStore } from './frameworks.store';

type ScaleInput = Omit<ScaleLevel, 'position'>;
const withPositions = (scale: readonly ScaleInput[]): ScaleLevel[] => scale.map((l, position) => ({ ...l, position }));

/**
 * Frameworks of a course (admins write, admins and leads read) and the built-in ones (read-only; copied to edit).
 * A framework of another course does not exist for the caller (404).
 */
export function createFrameworkService(deps: { db: Knex; store: FrameworksStore }) {
  const { db, store } = deps;

  async function visible(s: SessionIdentity, id: string, conn: Knex = db): Promise<Framework> {
    if (!isUuid(id)) throw competencyErrors.frameworkNotFound();
    return (await store.findVisible(conn, id, s.contextId)) ?? raise(competencyErrors.frameworkNotFound());
  }
  async function writable(s: SessionIdentity, id: string, trx: Knex.Transaction): Promise<Framework> {
    const f = await visible(s, id, trx);
    if (f.ownerContextId === null) throw competencyErrors.starterReadOnly();
    await trx.raw('select 1 from competency_frameworks where id = ? for update', [id]);
    return f;
  }
  const tree = async (conn: Knex, id: string) => presentFramework(await store.tree(conn, (await store.findById(conn, id))!));

  /** Saves a whole draft if it has no problems; otherwise 422 `import_invalid` listing them all. */
  async function saveDraft(s: SessionIdentity, draft: FrameworkDraft, before: ImportIssue[] = [], sourceFrameworkId: string | null = null, readable = true) {
    // Every problem at once: the reader's (shape of rows) and, when the rows could be read, the tree's.
    const issues = [...before, ...(readable ? draftIssues(draft) : [])].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (issues.length) throw competencyErrors.invalidImport(issues);
    return db.transaction(async (trx) => {
      const id = await store.insertDraft(trx, draft, { ownerContextId: s.contextId, createdBy: s.userId, sourceFrameworkId });
      return tree(trx, id);
    });
  }

  return {
    list: async (s: SessionIdentity) => (await store.listVisible(db, s.contextId)).map(presentFrameworkSummary),
    get: async (s: SessionIdentity, id: string) => presentFramework(await store.tree(db, await visible(s, id))),
    /** The raw tree (for exports and copies). */
    tree: async (s: SessionIdentity, id: string): Promise<FrameworkTree> => store.tree(db, await visible(s, id)),

    create: (s: SessionIdentity, b: { title: string; description: string; scale?: ScaleInput[] }) =>
      saveDraft(s, { title: b.title, description: b.description, scale: b.scale ? withPositions(b.scale) : DEFAULT_SCALE.map((l) => ({ ...l })), nodes: [] }),

    importDraft: (s: SessionIdentity, read: { draft: FrameworkDraft; issues: ImportIssue[]; readable: boolean }) => saveDraft(s, read.draft, read.issues, null, read.readable),

    async copy(s: SessionIdentity, id: string, title?: string) {
      const from = await store.tree(db, await visible(s, id));
      const identifiers = new Map(from.competencies.map((c) => [c.id, c.identifier]));
      const draft: FrameworkDraft = {
        title: title ?? (from.ownerContextId === null ? from.title : `${from.title} (copy)`).slice(0, 200),
        description: from.description,
        scale: from.scale,
        nodes: from.competencies.map((c) => ({ row: null, identifier: c.identifier, parentIdentifier: c.parentId ? identifiers.get(c.parentId)! : null, kind: c.kind, title: c.title, description: c.description, levelDescriptions: c.levelDescriptions })),
      };
      return saveDraft(s, draft, [], from.id);
    },

    update: (s: SessionIdentity, id: string, b: { title?: string; description?: string; scale?: ScaleInput[] }) =>
      db.transaction(async (trx) => {
        await writable(s, id, trx);
        if (b.scale) {
          const scale = withPositions(b.scale);
          const issues = scaleIssues(scale);
          if (issues.length) throw competencyErrors.invalidImport(issues);
          if (await store.hasRatings(trx, id)) throw competencyErrors.scaleInUse();
          await store.replaceScale(trx, id, scale);
        }
        await store.update(trx, id, { title: b.title, description: b.description });
        return tree(trx, id);
      }),

    remove: (s: SessionIdentity, id: string) =>
      db.transaction(async (trx) => {
        await writable(s, id, trx);
        if (await store.isLinked(trx, id)) throw competencyErrors.frameworkInUse();
        await store.remove(trx, id);
      }),

    addCompetency: (s: SessionIdentity, id: string, c: CompetencyFields) =>
      db.transaction(async (trx) => {
        await writable(s, id, trx);
        if (c.parentId) {
          const parent = await store.findCompetency(trx, id, c.parentId);
          if (!parent) throw competencyErrors.badParent('The parent is not a competency of this framework.');
          const ok = (c.kind === 'competency' && parent.kind === 'domain') || (c.kind === 'indicator' && parent.kind === 'competency');
          if (!ok) throw competencyErrors.badParent(`A ${c.kind} cannot sit under a ${parent.kind}.`);
        } else if (c.kind === 'indicator') throw competencyErrors.badParent('An indicator sits under a competency.');
        await levelLabelsExist(trx, id, c.levelDescriptions);
        if (await store.identifierTaken(trx, id, c.identifier)) throw competencyErrors.duplicateIdentifier(c.identifier);
        const competencyId = await store.insertCompetency(trx, id, c);
        return { competencyId, framework: await tree(trx, id) };
      }),

    updateCompetency: (s: SessionIdentity, id: string, competencyId: string, c: Partial<CompetencyFields>) =>
      db.transaction(async (trx) => {
        await writable(s, id, trx);
        if (!isUuid(competencyId) || !(await store.findCompetency(trx, id, competencyId))) throw competencyErrors.competencyNotFound();
        if (c.identifier && (await store.identifierTaken(trx, id, c.identifier, competencyId))) throw competencyErrors.duplicateIdentifier(c.identifier);
        if (c.levelDescriptions) await levelLabelsExist(trx, id, c.levelDescriptions);
        await store.updateCompetency(trx, competencyId, c);
        await store.update(trx, id, {});
        return tree(trx, id);
      }),

    removeCompetency: (s: SessionIdentity, id: string, competencyId: string) =>
      db.transaction(async (trx) => {
        await writable(s, id, trx);
        if (!isUuid(competencyId) || !(await store.findCompetency(trx, id, competencyId))) throw competencyErrors.competencyNotFound();
        if (await store.hasRatings(trx, id, await store.subtreeIds(trx, id, competencyId))) throw competencyErrors.competencyHasRatings();
        await store.removeCompetency(trx, competencyId);
        await store.update(trx, id, {});
      }),
  };

  async function levelLabelsExist(trx: Knex, id: string, descriptions: Record<string, string>) {
    const labels = new Set((await store.scale(trx, id)).map((l) => l.label));
    for (const label of Object.keys(descriptions)) if (!labels.has(label)) throw competencyErrors.unknownLevel(label);
  }
}

/** The frameworks service. */
export type FrameworkService = ReturnType<typeof createFrameworkService>;

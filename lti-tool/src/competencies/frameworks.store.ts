import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Competency, CompetencyKind, Framework, FrameworkTree, ScaleLevel } from './competency.types';
import { parentsFirst, type FrameworkDraft } from './frameworkDraft';
import { treeOrder } from './treeOrder';

/* eslint-disable @typescript-eslint/no-explicit-any */
const toFramework = (r: any): Framework => ({
  id: r.id,
  ownerContextId: r.owner_context_id,
  starterKey: r.starter_key,
  title: r.title,
  description: r.description,
  caseIdentifier: r.case_identifier,
  sourceFrameworkId: r.source_framework_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const toLevel = (r: any): ScaleLevel => ({ position: r.position, label: r.label, points: Number(r.points), countsAsProficient: r.counts_as_proficient, description: r.description });
/** A competencies row as a domain object. */
export const toCompetency = (r: any): Competency => ({
  id: r.id,
  frameworkId: r.framework_id,
  parentId: r.parent_id,
  kind: r.kind as CompetencyKind,
  identifier: r.identifier,
  title: r.title,
  description: r.description,
  position: r.position,
  levelDescriptions: typeof r.level_descriptions === 'string' ? JSON.parse(r.level_descriptions) : (r.level_descriptions ?? {}),
  caseIdentifier: r.case_identifier,
});
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A competency as written by the editor. */
export interface CompetencyFields {
  parentId: string | null;
  kind: CompetencyKind;
  identifier: string;
  title: string;
  description: string;
  levelDescriptions: Record<string, string>;
}

/** Frameworks, their scales and their trees. */
export const frameworksStore = {
  /** Frameworks a course may use: its own and the built-in ones (starters first, then newest). */
  async listVisible(db: Knex, contextId: string): Promise<Array<Framework & { competencyCount: number }>> {
    const rows = await db('competency_frameworks as f')
      .where((q) => q.where('f.owner_context_id', contextId).orWhereNull('f.owner_context_id'))
      .orderByRaw('f.owner_context_id is not null, f.created_at desc, f.id')
      .select('f.*', db.raw('(select count(*) from competencies c where c.framework_id = f.id)::int as competency_count'));
    return rows.map((r) => ({ ...toFramework(r), competencyCount: Number(r.competency_count) }));
  },

  /** The framework if the course may see it (its own, or built in). */
  async findVisible(db: Knex, id: string, contextId: string): Promise<Framework | null> {
    const row = await db('competency_frameworks').where({ id }).andWhere((q) => q.where('owner_context_id', contextId).orWhereNull('owner_context_id')).first();
    return row ? toFramework(row) : null;
  },

  async findById(db: Knex, id: string): Promise<Framework | null> {
    const row = await db('competency_frameworks').where({ id }).first();
    return row ? toFramework(row) : null;
  },

  /** Scale levels, lowest first. */
  async scale(db: Knex, frameworkId: string): Promise<ScaleLevel[]> {
    return (await db('competency_scale_levels').where({ framework_id: frameworkId }).orderBy('position')).map(toLevel);
  },

  /** Nodes, parents before children (depth first), siblings by position. */
  async competencies(db: Knex, frameworkId: string): Promise<Competency[]> {
    return treeOrder((await db('competencies').where({ framework_id: frameworkId })).map(toCompetency));
  },

  /** The whole framework. */
  async tree(db: Knex, f: Framework): Promise<FrameworkTree> {
    const [scale, competencies] = await Promise.all([this.scale(db, f.id), this.competencies(db, f.id)]);
    return { ...f, scale, competencies };
  },

  /** Inserts a validated draft (framework, scale and nodes, in batches); returns the new framework's id. */
  async insertDraft(trx: Knex.Transaction, d: FrameworkDraft, o: { ownerContextId: string | null; createdBy: string | null; starterKey?: string; sourceFrameworkId?: string | null }): Promise<string> {
    const id = randomUUID();
    await trx('competency_frameworks').insert({
      id,
      owner_context_id: o.ownerContextId,
      starter_key: o.starterKey ?? null,
      title: d.title.trim(),
      description: d.description,
      case_identifier: d.caseIdentifier ?? null,
      source_framework_id: o.sourceFrameworkId ?? null,
      created_by: o.createdBy,
    });
    await this.replaceScale(trx, id, d.scale);
    const ids = new Map<string, string>();
    const siblings = new Map<string, number>();
    const rows = parentsFirst(d.nodes).map((n) => {
      const nodeId = randomUUID();
      ids.set(n.identifier, nodeId);
      const parentId = n.parentIdentifier ? ids.get(n.parentIdentifier)! : null;
      const position = siblings.get(parentId ?? '') ?? 0;
      siblings.set(parentId ?? '', position + 1);
      return { id: nodeId, framework_id: id, parent_id: parentId, kind: n.kind, identifier: n.identifier.trim(), title: n.title.trim(), description: n.description, position, level_descriptions: JSON.stringify(n.levelDescriptions), case_identifier: n.caseIdentifier ?? null };
    });
    for (let i = 0; i < rows.length; i += 1000) await trx('competencies').insert(rows.slice(i, i + 1000));
    return id;
  },

  /** Replaces a framework's scale. */
  async replaceScale(trx: Knex.Transaction, frameworkId: string, scale: readonly ScaleLevel[]): Promise<void> {
    await trx('competency_scale_levels').where({ framework_id: frameworkId }).del();
    await trx('competency_scale_levels').insert(
      scale.map((l, position) => ({ framework_id: frameworkId, position, label: l.label.trim(), points: l.points, counts_as_proficient: l.countsAsProficient, description: l.description })),
    );
  },

  /** Changes title/description. */
  async update(trx: Knex.Transaction, id: string, patch: { title?: string; description?: string }): Promise<void> {
    await trx('competency_frameworks').where({ id }).update({ ...patch, updated_at: trx.fn.now() });
  },

  async remove(trx: Knex.Transaction, id: string): Promise<void> {
    await trx('competency_frameworks').where({ id }).del();
  },

  /** True when some cohort uses the framework. */
  async isLinked(db: Knex, frameworkId: string): Promise<boolean> {
    return !!(await db('cohort_competency_settings').where({ framework_id: frameworkId }).first('cohort_id'));
  },

  /** True when any competency of the framework (or, with competencyIds, one of those) has a rating. */
  async hasRatings(db: Knex, frameworkId: string, competencyIds?: string[]): Promise<boolean> {
    const q = db('competency_ratings as r').join('competencies as c', 'c.id', 'r.competency_id').where('c.framework_id', frameworkId);
    if (competencyIds) q.whereIn('c.id', competencyIds);
    return !!(await q.first('r.id'));
  },

  async findCompetency(db: Knex, frameworkId: string, id: string): Promise<Competency | null> {
    const row = await db('competencies').where({ framework_id: frameworkId, id }).first();
    return row ? toCompetency(row) : null;
  },

  async identifierTaken(db: Knex, frameworkId: string, identifier: string, exceptId?: string): Promise<boolean> {
    const q = db('competencies').where({ framework_id: frameworkId, identifier });
    if (exceptId) q.whereNot('id', exceptId);
    return !!(await q.first('id'));
  },

  /** The node and all its descendants' ids. */
  async subtreeIds(db: Knex, frameworkId: string, id: string): Promise<string[]> {
    const rows = await db.raw(
      `with recursive t as (select id from competencies where id = ? union all select c.id from competencies c join t on c.parent_id = t.id and c.framework_id = ?) select id from t`,
      [id, frameworkId],
    );
    return (rows.rows as Array<{ id: string }>).map((r) => r.id);
  },

  async insertCompetency(trx: Knex.Transaction, frameworkId: string, c: CompetencyFields): Promise<string> {
    const id = randomUUID();
    const q = trx('competencies').where({ framework_id: frameworkId });
    if (c.parentId) q.where({ parent_id: c.parentId });
    else q.whereNull('parent_id');
    const last = await q.max('position as max').first();
    await trx('competencies').insert({ id, framework_id: frameworkId, parent_id: c.parentId, kind: c.kind, identifier: c.identifier, title: c.title, description: c.description, position: Number(last?.max ?? -1) + 1, level_descriptions: JSON.stringify(c.levelDescriptions) });
    await trx('competency_frameworks').where({ id: frameworkId }).update({ updated_at: trx.fn.now() });
    return id;
  },

  async updateCompetency(trx: Knex.Transaction, id: string, c: Partial<Omit<CompetencyFields, 'parentId' | 'kind'>>): Promise<void> {
    const row: Record<string, unknown> = {};
    if (c.identifier !== undefined) row.identifier = c.identifier;
    if (c.title !== undefined) row.title = c.title;
    if (c.description !== undefined) row.description = c.description;
    if (c.levelDescriptions !== undefined) row.level_descriptions = JSON.stringify(c.levelDescriptions);
    if (Object.keys(row).length) await trx('competencies').where({ id }).update(row);
  },

  async removeCompetency(trx: Knex.Transaction, id: string): Promise<void> {
    await trx('competencies').where({ id }).del();
  },

  /** The built-in framework with this key, if installed. */
  async starterId(db: Knex, key: string): Promise<string | null> {
    return ((await db('competency_frameworks').where({ starter_key: key }).first('id')) as { id: string } | undefined)?.id ?? null;
  },
};

/** The frameworks store. */
export type FrameworksStore = typeof frameworksStore;

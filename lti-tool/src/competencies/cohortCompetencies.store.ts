import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CohortCompetency, CohortCompetencySettings, Competency, MasteryMethod, RollupRule, ScaleLevel } from './competency.types';
import { toCompetency } from './frameworks.store';
import { treeOrder } from './treeOrder';

/** A competency a cohort works on, with its place in the tree and the cohort's flags. */
export interface CohortNode extends Competency, CohortCompetency {
  /** True for leaves (rated directly); parents roll up. */
  ratable: boolean;
}

/** Everything about a cohort's framework a rating, profile or heatmap needs. */
export interface CohortFramework {
  settings: CohortCompetencySettings;
  frameworkTitle: string;
  scale: ScaleLevel[];
  /** The cohort's competencies, parents before children. */
  nodes: CohortNode[];
}

/** A link from a competency to a module step or audition rubric criterion. */
export interface CompetencyLink {
  id: string;
  competencyId: string;
  targetKind: 'module_step' | 'audition_criterion';
  targetId: string;
  createdAt: Date;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const toSettings = (r: any): CohortCompetencySettings => ({
  cohortId: r.cohort_id,
  frameworkId: r.framework_id,
  masteryMethod: r.mastery_method as MasteryMethod,
  methodN: r.method_n,
  methodWeight: Number(r.method_weight),
  rollupRule: r.rollup_rule as RollupRule,
  credentialTitle: r.credential_title,
});
const toLink = (r: any): CompetencyLink => ({ id: r.id, competencyId: r.competency_id, targetKind: r.target_kind, targetId: r.target_id, createdAt: new Date(r.created_at) });
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Cohort ↔ framework settings, the cohort's competencies and competency ↔ work links. */
export const cohortCompetenciesStore = {
  async settings(db: Knex, cohortId: string): Promise<CohortCompetencySettings | null> {
    const row = await db('cohort_competency_settings').where({ cohort_id: cohortId }).first();
    return row ? toSettings(row) : null;
  },

  /**
   * The cohort's framework view in one round trip (settings, scale, and the cohort's nodes in tree order with
   * their flags), or null when it has none.
   */
  async cohortFramework(db: Knex, cohortId: string): Promise<CohortFramework | null> {
    const result = await db.raw(
      `select s.*, f.title as framework_title,
              (select json_agg(json_build_object('position', l.position, 'label', l.label, 'points', l.points,
                       'countsAsProficient', l.counts_as_proficient, 'description', l.description) order by l.position)
                 from competency_scale_levels l where l.framework_id = s.framework_id) as scale,
              (select json_agg(json_build_object('id', c.id, 'framework_id', c.framework_id, 'parent_id', c.parent_id, 'kind', c.kind,
                        'identifier', c.identifier, 'title', c.title, 'description', c.description, 'position', c.position,
                        'level_descriptions', c.level_descriptions, 'case_identifier', c.case_identifier,
                        'reports_to_gradebook', cc.reports_to_gradebook, 'in_credential', cc.in_credential))
                 from cohort_competencies cc join competencies c on c.id = cc.competency_id
                where cc.cohort_id = s.cohort_id) as nodes
         from cohort_competency_settings s join competency_frameworks f on f.id = s.framework_id
        where s.cohort_id = ?`,
      [cohortId],
    );
    const row = result.rows[0];
    if (!row) return null;
    const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const scale = json<Array<ScaleLevel>>(row.scale ?? []).map((l) => ({ ...l, points: Number(l.points) }));
    const inCohort = json<Array<Record<string, unknown>>>(row.nodes ?? []);
    const order = new Map(treeOrder(inCohort.map((r) => ({ id: r.id as string, parentId: r.parent_id as string | null, position: r.position as number }))).map((n, i) => [n.id, i]));
    inCohort.sort((a, b) => order.get(a.id as string)! - order.get(b.id as string)!);
    const present = new Set(inCohort.map((r) => r.id as string));
    const parents = new Set(inCohort.map((r) => r.parent_id as string | null).filter((p): p is string => p !== null && present.has(p)));
    const nodes = inCohort.map((r) => {
      const c = toCompetency(r);
      return {
        ...c,
        // A parent not in the cohort does not exist for it: its children hang at the top.
        parentId: c.parentId && present.has(c.parentId) ? c.parentId : null,
        competencyId: c.id,
        reportsToGradebook: !!r.reports_to_gradebook,
        inCredential: !!r.in_credential,
        ratable: !parents.has(c.id),
      };
    });
    return { settings: toSettings(row), frameworkTitle: row.framework_title, scale, nodes };
  },

  async upsertSettings(trx: Knex.Transaction, s: CohortCompetencySettings, linkedBy: string): Promise<void> {
    const row = {
      framework_id: s.frameworkId,
      mastery_method: s.masteryMethod,
      method_n: s.methodN,
      method_weight: s.methodWeight,
      rollup_rule: s.rollupRule,
      credential_title: s.credentialTitle,
    };
    await trx('cohort_competency_settings')
      .insert({ cohort_id: s.cohortId, ...row, linked_by: linkedBy })
      .onConflict('cohort_id')
      .merge({ ...row, updated_at: trx.fn.now() });
  },

  async replaceCompetencies(trx: Knex.Transaction, cohortId: string, list: readonly CohortCompetency[]): Promise<void> {
    await trx('cohort_competencies').where({ cohort_id: cohortId }).del();
    const rows = list.map((c) => ({ cohort_id: cohortId, competency_id: c.competencyId, reports_to_gradebook: c.reportsToGradebook, in_credential: c.inCredential }));
    for (let i = 0; i < rows.length; i += 1000) await trx('cohort_competencies').insert(rows.slice(i, i + 1000));
  },

  async hasRatings(db: Knex, cohortId: string): Promise<boolean> {
    return !!(await db('competency_ratings').where({ cohort_id: cohortId }).first('id'));
  },

  /** The framework's competency ids (to check a cohort's list against). */
  async frameworkCompetencyIds(db: Knex, frameworkId: string): Promise<string[]> {
    return db('competencies').where({ framework_id: frameworkId }).pluck('id');
  },

  /** True when the step belongs to one of the cohort's modules (any version). */
  async stepInCohort(db: Knex, cohortId: string, stepId: string): Promise<boolean> {
    const row = await db('module_steps as s')
      .join('module_versions as v', 'v.id', 's.version_id')
      .join('modules as m', 'm.id', 'v.module_id')
      .where({ 's.step_id': stepId, 'm.cohort_id': cohortId })
      .first('s.step_id');
    return !!row;
  },

  async addLink(trx: Knex.Transaction, l: { competencyId: string; targetKind: string; targetId: string; createdBy: string }): Promise<void> {
    await trx('competency_links')
      .insert({ id: randomUUID(), competency_id: l.competencyId, target_kind: l.targetKind, target_id: l.targetId, created_by: l.createdBy })
      .onConflict(['competency_id', 'target_kind', 'target_id'])
      .ignore();
  },

  async links(db: Knex, competencyId: string): Promise<CompetencyLink[]> {
    return (await db('competency_links').where({ competency_id: competencyId }).orderBy(['created_at', 'id'])).map(toLink);
  },

  async removeLink(trx: Knex.Transaction, competencyId: string, linkId: string): Promise<number> {
    return trx('competency_links').where({ id: linkId, competency_id: competencyId }).del();
  },

  /** The cohort's competencies linked to a piece of work (a step or rubric criterion). */
  async competenciesForTarget(db: Knex, cohortId: string, targetKind: string, targetId: string): Promise<Competency[]> {
    const rows = await db('competency_links as l')
      .join('cohort_competencies as cc', 'cc.competency_id', 'l.competency_id')
      .join('competencies as c', 'c.id', 'l.competency_id')
      .where({ 'l.target_kind': targetKind, 'l.target_id': targetId, 'cc.cohort_id': cohortId })
      .select('c.*');
    return rows.map(toCompetency);
  },
};

/** The cohort competencies store. */
export type CohortCompetenciesStore = typeof cohortCompetenciesStore;

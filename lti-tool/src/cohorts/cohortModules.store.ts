import type { Knex } from 'knex';
import { preparedQuery } from '../../../db/preparedQuery';

/** How many modules a cohort has: published (what participants can take) and not yet published. */
export interface ModuleCounts {
  published: number;
  unpublished: number;
}

/** A published module as a template preview lists it. */
export interface ModuleOutline {
  moduleId: string;
  title: string;
  pdMinutes: number;
  estimatedMinutes: number;
}

// GET /api/cohorts's second statement (any number of cohorts, one text: the ids are an array parameter).
const COUNTS_SQL = `
SELECT cohort_id, count(*) FILTER (WHERE published_version_id IS NOT NULL)::int AS published,
  count(*) FILTER (WHERE published_version_id IS NULL)::int AS unpublished
FROM modules
WHERE cohort_id = ANY(CAST(? AS uuid[])) AND archived_at IS NULL
GROUP BY cohort_id`;

/**
 * Read-only views over the modules feature's tables for cohort lists and template previews, one query per
 * list (no N+1). Writes to those tables belong to lti-tool/src/modules/.
 */
export function createCohortModulesView(db: Knex) {
  return {
    /** Non-archived module counts per cohort (cohorts without modules are absent from the map). */
    async counts(cohortIds: readonly string[]): Promise<Map<string, ModuleCounts>> {
      if (cohortIds.length === 0) return new Map();
      const rows = await preparedQuery<{ cohort_id: string; published: number; unpublished: number }>(db, 'cohort_module_counts', COUNTS_SQL, [cohortIds as string[]]);
      return new Map(rows.map((r) => [r.cohort_id, { published: Number(r.published), unpublished: Number(r.unpublished) }]));
    },
    /** Published, non-archived modules per cohort in order, with the estimated minutes of their steps. */
    async outlines(cohortIds: readonly string[]): Promise<Map<string, ModuleOutline[]>> {
      const result = new Map<string, ModuleOutline[]>();
      if (cohortIds.length === 0) return result;
      const rows = await db('modules as m')
        .whereIn('m.cohort_id', cohortIds)
        .whereNull('m.archived_at')
        .whereNotNull('m.published_version_id')
        .orderBy([{ column: 'm.cohort_id' }, { column: 'm.position' }, { column: 'm.id' }])
        .select(
          'm.cohort_id', 'm.id', 'm.title', 'm.pd_minutes',
          db.raw('(select coalesce(sum(s.estimated_minutes), 0) from module_steps s where s.version_id = m.published_version_id)::int as minutes'),
        );
      for (const r of rows) {
        const list = result.get(r.cohort_id) ?? [];
        list.push({ moduleId: r.id, title: r.title, pdMinutes: Number(r.pd_minutes), estimatedMinutes: Number(r.minutes) });
        result.set(r.cohort_id, list);
      }
      return result;
    },
  };
}

/** Read-only module views for cohort screens. */
export type CohortModulesView = ReturnType<typeof createCohortModulesView>;

import type { Knex } from 'knex';
import type { Cohort } from './cohort.types';
import { cohortColumns, toCohort } from './cohortRow';

/** A cohort as one session may see it: the row, the courses it spans and the caller's facilitated modules. */
export interface CohortAccessRow {
  cohort: Cohort;
  contextIds: string[];
  facilitatorModuleIds: string[];
}

/**
 * One query: the cohort, only if the caller's course (in the caller's deployment) is one of its courses,
 * with its course ids (owner first) and the modules the caller facilitates.
 */
export async function findCohortForSession(
  db: Knex,
  q: { cohortId: string; contextId: string; deploymentId: string; userId: string },
): Promise<CohortAccessRow | null> {
  const row = await db('cohorts as c')
    .where('c.id', q.cohortId)
    .whereExists((sub) =>
      sub
        .select(db.raw('1'))
        .from('cohort_contexts as mine')
        .join('contexts as x', 'x.id', 'mine.context_id')
        .whereRaw('mine.cohort_id = c.id')
        .andWhere({ 'mine.context_id': q.contextId, 'x.deployment_id': q.deploymentId }),
    )
    .first([
      ...cohortColumns(db),
      db.raw(
        `array(select cc.context_id::text from cohort_contexts cc where cc.cohort_id = c.id
           order by (cc.context_id = c.owner_context_id) desc, cc.joined_at, cc.context_id) as context_ids`,
      ),
      db.raw(`array(select f.module_id::text from cohort_facilitators f where f.cohort_id = c.id and f.user_id = ? order by f.module_id) as facilitator_module_ids`, [q.userId]),
    ]);
  if (!row) return null;
  return { cohort: toCohort(row), contextIds: pgArray(row.context_ids), facilitatorModuleIds: pgArray(row.facilitator_module_ids) };
}

// Drivers return text[] as an array; be tolerant of the '{a,b}' literal form too.
function pgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) return value.slice(1, -1).split(',').filter(Boolean);
  return [];
}

import type { Knex } from 'knex';

/** One cohort's line of the tenant overview. */
export interface CohortOverview {
  cohortId: string;
  title: string;
  status: 'active' | 'archived';
  /** Published, not archived modules. */
  modules: number;
  /** Active members with the participant role. */
  participants: number;
  /** Members with any step in progress or complete (by the end of the range). */
  started: number;
  /** Members who completed every published module (by the end of the range; 0 when the cohort has none). */
  completedAll: number;
  /** Module completions within the range and the PD minutes they credited. */
  moduleCompletions: number;
  pdMinutes: number;
}

/** Which cohorts: those held by courses of one deployment (the tenant), and a time range. */
export interface OverviewScope {
  deploymentId: string;
  from: Date;
  to: Date;
}

/**
 * The tenant overview in one statement: every cohort (not template) whose owner course is in the deployment, with
 * counts over the members of its courses in that deployment. Only counts: no person is named.
 */
export async function loadOverview(db: Knex, s: OverviewScope): Promise<CohortOverview[]> {
  const { rows } = await db.raw(
    `WITH cohorts_in AS (
       SELECT c.id, c.title, c.status FROM cohorts c JOIN contexts x ON x.id = c.owner_context_id
        WHERE c.kind = 'cohort' AND x.deployment_id = ?),
     members AS (
       SELECT DISTINCT ON (cc.cohort_id, m.user_id) cc.cohort_id, m.user_id, m.role, m.status
         FROM cohorts_in ci JOIN cohort_contexts cc ON cc.cohort_id = ci.id
         JOIN contexts x ON x.id = cc.context_id AND x.deployment_id = ?
         JOIN memberships m ON m.context_id = cc.context_id
        ORDER BY cc.cohort_id, m.user_id, (m.status = 'active') DESC),
     mods AS (SELECT m.id, m.cohort_id FROM modules m JOIN cohorts_in ci ON ci.id = m.cohort_id
               WHERE m.archived_at IS NULL AND m.published_version_id IS NOT NULL),
     done AS (SELECT mc.cohort_id, mc.user_id,
                     count(*) FILTER (WHERE mc.completed_at < ? AND mods.id IS NOT NULL)::int AS live_by_end,
                     count(*) FILTER (WHERE mc.completed_at >= ? AND mc.completed_at < ?)::int AS in_range,
                     coalesce(sum(mc.pd_minutes) FILTER (WHERE mc.completed_at >= ? AND mc.completed_at < ?), 0)::int AS minutes
                FROM module_completions mc JOIN members mb ON mb.cohort_id = mc.cohort_id AND mb.user_id = mc.user_id
                LEFT JOIN mods ON mods.id = mc.module_id
               GROUP BY mc.cohort_id, mc.user_id),
     began AS (SELECT sp.cohort_id, count(DISTINCT sp.user_id)::int AS n FROM step_progress sp
                 JOIN members mb ON mb.cohort_id = sp.cohort_id AND mb.user_id = sp.user_id
                WHERE sp.cohort_id IN (SELECT id FROM cohorts_in) AND sp.status <> 'not_started' AND sp.updated_at < ?
                GROUP BY sp.cohort_id),
     mod_counts AS (SELECT cohort_id, count(*)::int AS n FROM mods GROUP BY cohort_id),
     -- Grouped per cohort once (not a subquery per cohort): the overview spans the whole district.
     member_counts AS (SELECT cohort_id, count(*) FILTER (WHERE role = 'participant' AND status = 'active')::int AS participants FROM members GROUP BY cohort_id),
     done_counts AS (SELECT d.cohort_id, count(*) FILTER (WHERE mcn.n > 0 AND d.live_by_end >= mcn.n)::int AS completed_all,
                            sum(d.in_range)::int AS module_completions, sum(d.minutes)::int AS pd_minutes
                       FROM done d LEFT JOIN mod_counts mcn ON mcn.cohort_id = d.cohort_id GROUP BY d.cohort_id)
     SELECT ci.id, ci.title, ci.status, coalesce(mcn.n, 0) AS modules, coalesce(mc.participants, 0) AS participants, coalesce(b.n, 0) AS started,
            coalesce(dc.completed_all, 0) AS completed_all, coalesce(dc.module_completions, 0) AS module_completions, coalesce(dc.pd_minutes, 0) AS pd_minutes
       FROM cohorts_in ci LEFT JOIN mod_counts mcn ON mcn.cohort_id = ci.id LEFT JOIN member_counts mc ON mc.cohort_id = ci.id
       LEFT JOIN began b ON b.cohort_id = ci.id LEFT JOIN done_counts dc ON dc.cohort_id = ci.id
      ORDER BY lower(ci.title), ci.id`,
    [s.deploymentId, s.deploymentId, s.to, s.from, s.to, s.from, s.to, s.to],
  );
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    cohortId: String(r.id), title: String(r.title), status: r.status === 'archived' ? 'archived' : 'active', modules: Number(r.modules),
    participants: Number(r.participants), started: Number(r.started), completedAll: Number(r.completed_all),
    moduleCompletions: Number(r.module_completions), pdMinutes: Number(r.pd_minutes),
  }));
}

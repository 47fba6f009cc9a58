import type { Knex } from 'knex';

/**
 * Read side of time on task, for reports. It queries knex directly (not through a store) because it is a single
 * read-only aggregate over progress, steps and measured time that report code calls with its own scope.
 */

/** One person's time on the steps they completed: the authors' estimate against what was measured. */
export interface TimeOnTask {
  userId: string;
  /** Sum of the estimated minutes of the steps completed in the range. */
  estimatedMinutes: number;
  /** Measured minutes (rounded) on those same steps; null when none of them has measured time. */
  measuredMinutes: number | null;
}

/** Whose time counts: one cohort, members (leavers included) of some of its courses, steps completed in [from, to). */
export interface TimeOnTaskScope {
  cohortId: string;
  contextIds: string[];
  from: Date;
  to: Date;
}

/**
 * Per person with at least one step completed in the range, ordered by user id. A step's estimate is taken from
 * the module's published version, or the latest published one that had the step if a later publish removed it.
 */
export async function loadTimeOnTask(db: Knex, scope: TimeOnTaskScope): Promise<TimeOnTask[]> {
  if (scope.contextIds.length === 0) return [];
  // Estimates are resolved once per (module, step) of the cohort, not once per completed step: a 10,000-person
  // district completes hundreds of thousands of steps but has only a few hundred distinct ones.
  const { rows } = await db.raw(
    `WITH est AS (
       SELECT DISTINCT ON (mv.module_id, ms.step_id) mv.module_id, ms.step_id, ms.estimated_minutes
         FROM modules m
         JOIN module_versions mv ON mv.module_id = m.id AND mv.status <> 'draft'
         JOIN module_steps ms ON ms.version_id = mv.id
        WHERE m.cohort_id = ?
        ORDER BY mv.module_id, ms.step_id, (mv.id = m.published_version_id) DESC, mv.number DESC)
     SELECT sp.user_id,
            coalesce(sum(est.estimated_minutes), 0)::int AS estimated_minutes,
            sum(st.seconds)::int AS measured_seconds
       FROM step_progress sp
       LEFT JOIN est ON est.module_id = sp.module_id AND est.step_id = sp.step_id
       LEFT JOIN step_time st ON st.user_id = sp.user_id AND st.step_id = sp.step_id
      WHERE sp.cohort_id = ? AND sp.status = 'complete' AND sp.completed_at >= ? AND sp.completed_at < ?
        AND EXISTS (SELECT 1 FROM memberships mem WHERE mem.user_id = sp.user_id AND mem.context_id = ANY(?::uuid[]))
      GROUP BY sp.user_id ORDER BY sp.user_id`,
    [scope.cohortId, scope.cohortId, scope.from, scope.to, scope.contextIds],
  );
  return (rows as Array<{ user_id: string; estimated_minutes: number; measured_seconds: number | null }>).map((r) => ({
    userId: String(r.user_id),
    estimatedMinutes: Number(r.estimated_minutes),
    measuredMinutes: r.measured_seconds === null ? null : Math.round(Number(r.measured_seconds) / 60),
  }));
}

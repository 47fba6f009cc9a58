import type { Knex } from 'knex';

/** Whose data a report covers: one cohort, the members of some of its courses, activity within a time range. */
export interface ReportScope {
  cohortId: string;
  contextIds: string[];
  from: Date;
  to: Date;
}

/** Per module: how many of the people in scope started it and completed it, and the PD minutes credited. */
export interface ModuleParticipation {
  moduleId: string;
  position: number;
  title: string;
  started: number;
  completed: number;
  pdMinutes: number;
}

/** Per school (as the roster or enrolment recorded it). */
export interface SchoolParticipation {
  school: string | null;
  participants: number;
  started: number;
  moduleCompletions: number;
  pdMinutes: number;
}

/** Per ISO week (starting Monday, UTC): people active, steps and modules completed. */
export interface WeekParticipation {
  weekStart: string;
  activePeople: number;
  stepsCompleted: number;
  modulesCompleted: number;
}

/** One person's PD hours in a cohort. */
export interface PersonHours {
  userId: string;
  name: string | null;
  email: string | null;
  school: string | null;
  status: 'active' | 'inactive';
  modulesCompleted: number;
  pdMinutes: number;
  lastCompletedAt: Date | null;
}

/** The people in scope (a CTE named `people`, one `?` for the context ids): every member (leavers included: their hours stay theirs) of the courses in scope. */
export const PEOPLE = `people AS (
  SELECT DISTINCT ON (mem.user_id) mem.user_id, mem.school, mem.status, mem.role
    FROM memberships mem WHERE mem.context_id = ANY(?::uuid[])
   ORDER BY mem.user_id, (mem.status = 'active') DESC)`;

/** Read-only report queries: each report is one statement, aggregated in PostgreSQL. */
export function createReportsStore(db: Knex) {
  return {
    async modules(s: ReportScope): Promise<ModuleParticipation[]> {
      // Grouped once per table, each filtered by cohort first (the (cohort_id, module_id, user_id) indexes).
      const { rows } = await db.raw(
        `WITH ${PEOPLE},
         began AS (SELECT sp.module_id, count(DISTINCT sp.user_id)::int AS n FROM step_progress sp JOIN people p ON p.user_id = sp.user_id
                    WHERE sp.cohort_id = ? AND sp.status <> 'not_started' AND sp.updated_at < ? GROUP BY sp.module_id),
         done AS (SELECT mc.module_id, count(*)::int AS n, sum(mc.pd_minutes)::int AS minutes FROM module_completions mc JOIN people p ON p.user_id = mc.user_id
                   WHERE mc.cohort_id = ? AND mc.completed_at >= ? AND mc.completed_at < ? GROUP BY mc.module_id)
         SELECT m.id AS module_id, m.position, m.title, coalesce(b.n, 0) AS started, coalesce(d.n, 0) AS completed, coalesce(d.minutes, 0) AS pd_minutes
           FROM modules m LEFT JOIN began b ON b.module_id = m.id LEFT JOIN done d ON d.module_id = m.id
          WHERE m.cohort_id = ? AND m.archived_at IS NULL ORDER BY m.position`,
        [s.contextIds, s.cohortId, s.to, s.cohortId, s.from, s.to, s.cohortId],
      );
      return (rows as Array<Record<string, unknown>>).map((r) => ({
        moduleId: String(r.module_id), position: Number(r.position), title: String(r.title), started: Number(r.started), completed: Number(r.completed), pdMinutes: Number(r.pd_minutes),
      }));
    },
    async schools(s: ReportScope): Promise<SchoolParticipation[]> {
      const { rows } = await db.raw(
        `WITH ${PEOPLE},
         done AS (SELECT mc.user_id, count(*)::int AS n, sum(mc.pd_minutes)::int AS minutes FROM module_completions mc
                   WHERE mc.cohort_id = ? AND mc.completed_at >= ? AND mc.completed_at < ? GROUP BY mc.user_id),
         began AS (SELECT DISTINCT sp.user_id FROM step_progress sp WHERE sp.cohort_id = ? AND sp.status <> 'not_started' AND sp.updated_at < ?)
         SELECT p.school,
                count(*) FILTER (WHERE p.role = 'participant' AND p.status = 'active')::int AS participants,
                count(b.user_id)::int AS started,
                coalesce(sum(d.n), 0)::int AS module_completions,
                coalesce(sum(d.minutes), 0)::int AS pd_minutes
           FROM people p LEFT JOIN done d ON d.user_id = p.user_id LEFT JOIN began b ON b.user_id = p.user_id
          GROUP BY p.school
         HAVING count(*) FILTER (WHERE p.role = 'participant') > 0 OR coalesce(sum(d.n), 0) > 0
          ORDER BY p.school NULLS LAST`,
        [s.contextIds, s.cohortId, s.from, s.to, s.cohortId, s.to],
      );
      return (rows as Array<Record<string, unknown>>).map((r) => ({
        school: (r.school as string | null) ?? null, participants: Number(r.participants), started: Number(r.started), moduleCompletions: Number(r.module_completions), pdMinutes: Number(r.pd_minutes),
      }));
    },
    async weeks(s: ReportScope): Promise<WeekParticipation[]> {
      const { rows } = await db.raw(
        `WITH ${PEOPLE},
         activity AS (SELECT date_trunc('week', sp.updated_at AT TIME ZONE 'UTC') AS wk, sp.user_id, (sp.status = 'complete') AS done
                        FROM step_progress sp JOIN people p ON p.user_id = sp.user_id
                       WHERE sp.cohort_id = ? AND sp.updated_at >= ? AND sp.updated_at < ?),
         completions AS (SELECT date_trunc('week', mc.completed_at AT TIME ZONE 'UTC') AS wk, count(*)::int AS n
                           FROM module_completions mc JOIN people p ON p.user_id = mc.user_id
                          WHERE mc.cohort_id = ? AND mc.completed_at >= ? AND mc.completed_at < ? GROUP BY 1),
         weeks AS (SELECT wk FROM activity UNION SELECT wk FROM completions)
         SELECT to_char(w.wk, 'YYYY-MM-DD') AS week_start,
                (SELECT count(DISTINCT a.user_id)::int FROM activity a WHERE a.wk = w.wk) AS active_people,
                (SELECT count(*)::int FROM activity a WHERE a.wk = w.wk AND a.done) AS steps_completed,
                coalesce((SELECT c.n FROM completions c WHERE c.wk = w.wk), 0) AS modules_completed
           FROM weeks w ORDER BY w.wk`,
        [s.contextIds, s.cohortId, s.from, s.to, s.cohortId, s.from, s.to],
      );
      return (rows as Array<Record<string, unknown>>).map((r) => ({
        weekStart: String(r.week_start), activePeople: Number(r.active_people), stepsCompleted: Number(r.steps_completed), modulesCompleted: Number(r.modules_completed),
      }));
    },
    async hours(s: ReportScope): Promise<PersonHours[]> {
      const { rows } = await db.raw(
        `WITH ${PEOPLE}
         SELECT p.user_id, u.name, u.email, p.school, p.status,
                count(mc.module_id)::int AS modules_completed, coalesce(sum(mc.pd_minutes), 0)::int AS pd_minutes, max(mc.completed_at) AS last_completed_at
           FROM people p JOIN users u ON u.id = p.user_id
           LEFT JOIN module_completions mc ON mc.user_id = p.user_id AND mc.cohort_id = ? AND mc.completed_at >= ? AND mc.completed_at < ?
          GROUP BY p.user_id, u.name, u.email, p.school, p.status
         HAVING count(mc.module_id) > 0 OR bool_or(p.role = 'participant')
          ORDER BY u.name NULLS LAST, p.user_id`,
        [s.contextIds, s.cohortId, s.from, s.to],
      );
      return (rows as Array<Record<string, unknown>>).map((r) => ({
        userId: String(r.user_id), name: (r.name as string | null) ?? null, email: (r.email as string | null) ?? null, school: (r.school as string | null) ?? null,
        status: r.status === 'active' ? 'active' : 'inactive', modulesCompleted: Number(r.modules_completed), pdMinutes: Number(r.pd_minutes),
        lastCompletedAt: r.last_completed_at ? new Date(r.last_completed_at as string) : null,
      }));
    },
    /** Headline counts of the people in scope: active participants, people who started, who completed every published module. */
    async totals(s: ReportScope): Promise<{ participants: number; started: number; completedAll: number }> {
      const { rows } = await db.raw(
        `WITH ${PEOPLE},
         live AS (SELECT m.id FROM modules m WHERE m.cohort_id = ? AND m.archived_at IS NULL AND m.published_version_id IS NOT NULL),
         done AS (SELECT mc.user_id, count(*) AS n FROM module_completions mc JOIN live ON live.id = mc.module_id JOIN people p ON p.user_id = mc.user_id
                   WHERE mc.completed_at < ? GROUP BY mc.user_id)
         SELECT (SELECT count(*) FROM people WHERE role = 'participant' AND status = 'active')::int AS participants,
                (SELECT count(DISTINCT sp.user_id) FROM step_progress sp JOIN people p ON p.user_id = sp.user_id
                  WHERE sp.cohort_id = ? AND sp.status <> 'not_started' AND sp.updated_at < ?)::int AS started,
                (SELECT count(*) FROM done WHERE (SELECT count(*) FROM live) > 0 AND n >= (SELECT count(*) FROM live))::int AS completed_all`,
        [s.contextIds, s.cohortId, s.to, s.cohortId, s.to],
      );
      const r = rows[0] as Record<string, unknown>;
      return { participants: Number(r.participants), started: Number(r.started), completedAll: Number(r.completed_all) };
    },
    /** When the deployment's first cohort was created (the overview's default start), or null. */
    async firstCohortCreated(deploymentId: string): Promise<Date | null> {
      const row = await db('cohorts as c').join('contexts as x', 'x.id', 'c.owner_context_id').where({ 'x.deployment_id': deploymentId, 'c.kind': 'cohort' }).min('c.created_at as first').first();
      return row?.first ? new Date(row.first as string) : null;
    },
  };
}

/** Report queries. */
export type ReportsStore = ReturnType<typeof createReportsStore>;

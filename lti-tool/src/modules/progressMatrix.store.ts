import type { Knex } from 'knex';
import { fromJson } from './modules.store';

/** A published module as a column of the matrix, with the number of steps in its current version. */
export interface MatrixModule {
  id: string;
  title: string;
  position: number;
  pdMinutes: number;
  totalSteps: number;
}

/** A member of the caller's course, as a row of the matrix. */
export interface MatrixPerson {
  userId: string;
  name: string | null;
  email: string | null;
  role: string;
  lastLaunchAt: Date | null;
  sortKey: string;
}

/** One person's state in a module they started: steps done of the current version, and last activity. */
export interface MatrixCell {
  userId: string;
  moduleId: string;
  completedSteps: number;
  lastActivityAt: Date;
}

/** Everything one page of the matrix is computed from. */
export interface MatrixRows {
  modules: MatrixModule[];
  people: MatrixPerson[];
  members: number;
  /** Per module, over every member of the course: how many started it and how many completed it. */
  totals: { moduleId: string; started: number; completed: number }[];
  cells: MatrixCell[];
  completions: { userId: string; moduleId: string; pdMinutes: number; completedAt: Date }[];
}

const date = (v: string | null): Date | null => (v === null ? null : new Date(v));

/**
 * The progress matrix as one read-only view query (one round trip): the cohort's published modules, a page of
 * the course's active members keyset-paginated by name, per-module totals over all of them, and the page's
 * cells. Totals and cells come from module_progress (one row per person and started module, with the count of
 * complete steps of the current version) and module_completions, both index-only; step_progress is not read.
 * `= ANY(ARRAY(…))` keeps each part an index scan whatever the planner guesses of the CTEs.
 */
export const progressMatrixStore = {
  async page(db: Knex, q: { cohortId: string; contextId: string; role?: string; limit: number; after: { k: string; id: string } | null }): Promise<MatrixRows> {
    const role = q.role ? 'AND mem.role = ?' : '';
    const after = q.after ? `AND (lower(coalesce(nullif(u.name, ''), u.email, '')), u.id) > (?, ?::uuid)` : '';
    const { rows } = await db.raw(
      `WITH mods AS (
         SELECT m.id, m.title, m.position, m.pd_minutes, m.published_version_id FROM modules m
          WHERE m.cohort_id = ? AND m.published_version_id IS NOT NULL AND m.archived_at IS NULL),
       members AS (SELECT mem.user_id, mem.role, mem.last_launch_at FROM memberships mem WHERE mem.context_id = ? AND mem.status = 'active' ${role}),
       -- OFFSET 0 keeps the users lookup a per-member index probe (a course's few hundred), not a scan of every user.
       page AS (
         SELECT u.id, u.name, u.email, mem.role, mem.last_launch_at, lower(coalesce(nullif(u.name, ''), u.email, '')) AS sort_key
           FROM members mem CROSS JOIN LATERAL (SELECT id, name, email FROM users WHERE users.id = mem.user_id OFFSET 0) u WHERE true ${after}
          ORDER BY 6, u.id LIMIT ?)
       SELECT
         (SELECT coalesce(json_agg(json_build_array(m.id, m.title, m.position, m.pd_minutes,
                   (SELECT count(*) FROM module_steps s WHERE s.version_id = m.published_version_id)) ORDER BY m.position, m.id), '[]') FROM mods m) AS modules,
         (SELECT coalesce(json_agg(json_build_array(p.id, p.name, p.email, p.role, p.last_launch_at, p.sort_key) ORDER BY p.sort_key, p.id), '[]') FROM page p) AS people,
         (SELECT count(*) FROM members) AS members,
         (SELECT coalesce(json_agg(json_build_array(t.module_id, t.n)), '[]') FROM (
            SELECT mp.module_id, count(*) AS n FROM module_progress mp
             WHERE mp.cohort_id = ? AND mp.user_id IN (SELECT user_id FROM members) GROUP BY mp.module_id) t) AS started,
         (SELECT coalesce(json_agg(json_build_array(t.module_id, t.n)), '[]') FROM (
            SELECT mc.module_id, count(*) AS n FROM module_completions mc
             WHERE mc.cohort_id = ? AND mc.module_id = ANY(ARRAY(SELECT id FROM mods)) AND mc.user_id IN (SELECT user_id FROM members) GROUP BY mc.module_id) t) AS completed,
         (SELECT coalesce(json_agg(json_build_array(mp.user_id, mp.module_id, mp.completed_steps, mp.last_activity_at)), '[]') FROM module_progress mp
           WHERE mp.cohort_id = ? AND mp.user_id = ANY(ARRAY(SELECT id FROM page))) AS active,
         (SELECT coalesce(json_agg(json_build_array(mc.user_id, mc.module_id, mc.pd_minutes, mc.completed_at)), '[]') FROM module_completions mc
           WHERE mc.user_id = ANY(ARRAY(SELECT id FROM page)) AND mc.cohort_id = ?) AS page_completions`,
      [
        q.cohortId, q.contextId, ...(q.role ? [q.role] : []), ...(q.after ? [q.after.k, q.after.id] : []), q.limit,
        q.cohortId, q.cohortId, q.cohortId, q.cohortId,
      ],
    );
    const r = rows[0] as Record<string, unknown>;
    const started = new Map(fromJson<[string, number][]>(r.started));
    const completed = new Map(fromJson<[string, number][]>(r.completed));
    const modules = fromJson<[string, string, number, number, number][]>(r.modules).map(([id, title, position, pdMinutes, totalSteps]) => ({ id, title, position, pdMinutes, totalSteps: Number(totalSteps) }));
    return {
      modules,
      people: fromJson<[string, string | null, string | null, string, string | null, string][]>(r.people).map(([userId, name, email, role, lastLaunchAt, sortKey]) => ({ userId, name, email, role, lastLaunchAt: date(lastLaunchAt), sortKey })),
      members: Number(r.members),
      totals: modules.map((m) => ({ moduleId: m.id, started: Number(started.get(m.id) ?? 0), completed: Number(completed.get(m.id) ?? 0) })),
      cells: fromJson<[string, string, number, string][]>(r.active).map(([userId, moduleId, completedSteps, at]) => ({ userId, moduleId, completedSteps, lastActivityAt: new Date(at) })),
      completions: fromJson<[string, string, number, string][]>(r.page_completions).map(([userId, moduleId, pdMinutes, at]) => ({ userId, moduleId, pdMinutes, completedAt: new Date(at) })),
    };
  },
};

/** The read-only query of the progress matrix. */
export type ProgressMatrixStore = typeof progressMatrixStore;

import type { Knex } from 'knex';

/** The size of the seeded district. */
export interface DistrictShape {
  staff: number;
  cohorts: number;
  modulesPerCohort: number;
  stepsPerModule: number;
  /** Cohorts (courses) each person belongs to. */
  cohortsPerPerson: number;
}

/** The issue's district: 10,000 staff, 50 cohorts, 20 modules × 8 steps, each person in two cohorts. */
export const ISSUE_DISTRICT: DistrictShape = { staff: 10_000, cohorts: 50, modulesPerCohort: 20, stepsPerModule: 8, cohortsPerPerson: 2 };

/** What was seeded, for the report. */
export interface SeedCounts {
  users: number;
  memberships: number;
  cohorts: number;
  modules: number;
  steps: number;
  stepProgress: number;
  completions: number;
  moduleProgress: number;
}

/**
 * Seeds a district set-based (INSERT … SELECT generate_series, no row-by-row inserts) into the sandbox
 * deployment: one course per cohort, staff spread over `cohortsPerPerson` courses each, and each person's
 * progress through a pseudo-random share of their cohort's steps (a hash of the person picks how far they
 * got: 0 to all steps, about half on average), so ~1.5 million step_progress rows for the issue's shape.
 */
export async function seedDistrict(db: Knex, deploymentRowId: string, platformId: string, s: DistrictShape): Promise<SeedCounts> {
  const steps = s.modulesPerCohort * s.stepsPerModule;
  // Reach at most all steps; the modulo spreads people from "not started" to "finished", ~half way on average.
  const reach = Math.round(steps * 0.94);
  await db.transaction(async (trx) => {
    await trx.raw(
      `INSERT INTO contexts (id, deployment_id, lti_context_id, title, label)
       SELECT gen_random_uuid(), ?, 'bench-course-' || i, 'Bench PL course ' || i, 'BENCH-' || i FROM generate_series(1, ?) i`,
      [deploymentRowId, s.cohorts],
    );
    await trx.raw(
      `INSERT INTO users (id, platform_id, sub, name, email)
       SELECT gen_random_uuid(), ?, 'bench-staff-' || i, 'Staff ' || lpad(i::text, 5, '0'), 'staff' || i || '@bench.example.edu' FROM generate_series(1, ?) i`,
      [platformId, s.staff],
    );
    // Person i belongs to courses (i + k * 17) mod cohorts for k < cohortsPerPerson: spread evenly, never twice.
    // In each course the first person is an admin and the next four are leads.
    await trx.raw(
      `WITH ctx AS (SELECT id, substring(lti_context_id from 'bench-course-(\\d+)')::int - 1 AS n FROM contexts WHERE deployment_id = ? AND lti_context_id LIKE 'bench-course-%'),
            staff AS (SELECT id, substring(sub from 'bench-staff-(\\d+)')::int AS i FROM users WHERE platform_id = ? AND sub LIKE 'bench-staff-%'),
            pairs AS (SELECT DISTINCT staff.id AS user_id, ctx.id AS context_id, staff.i FROM staff CROSS JOIN generate_series(0, ? - 1) k
                        JOIN ctx ON ctx.n = (staff.i + k * 17) % ?)
       INSERT INTO memberships (id, context_id, user_id, lti_roles, role, status, last_launch_at)
       SELECT gen_random_uuid(), context_id, user_id, '{}',
              CASE row_number() OVER (PARTITION BY context_id ORDER BY i) WHEN 1 THEN 'admin' WHEN 2 THEN 'lead' WHEN 3 THEN 'lead' WHEN 4 THEN 'lead' WHEN 5 THEN 'lead' ELSE 'participant' END,
              'active', now() - (i % 30) * interval '1 day'
         FROM pairs`,
      [deploymentRowId, platformId, s.cohortsPerPerson, s.cohorts],
    );
    await trx.raw(
      `INSERT INTO cohorts (id, owner_context_id, kind, title, description, pacing, work_visibility, status)
       SELECT gen_random_uuid(), id, 'cohort', 'Cohort ' || lti_context_id, '', 'self_paced', 'cohort', 'active' FROM contexts WHERE lti_context_id LIKE 'bench-course-%' AND deployment_id = ?`,
      [deploymentRowId],
    );
    await trx.raw(`INSERT INTO cohort_contexts (cohort_id, context_id) SELECT c.id, c.owner_context_id FROM cohorts c JOIN contexts x ON x.id = c.owner_context_id WHERE x.lti_context_id LIKE 'bench-course-%'`);
    // Modules with their published version 1 (module id and version id generated together, then linked).
    await trx.raw(
      `CREATE TEMP TABLE bench_modules ON COMMIT DROP AS
       SELECT gen_random_uuid() AS module_id, gen_random_uuid() AS version_id, c.id AS cohort_id, p AS position
         FROM cohorts c JOIN contexts x ON x.id = c.owner_context_id AND x.lti_context_id LIKE 'bench-course-%' CROSS JOIN generate_series(0, ? - 1) p`,
      [s.modulesPerCohort],
    );
    await trx.raw(
      `INSERT INTO modules (id, cohort_id, position, title, summary, pd_minutes, unlock_rule)
       SELECT module_id, cohort_id, position, 'Module ' || (position + 1), 'A module of the bench district', 60, CASE WHEN position % 4 = 3 THEN 'after_previous' ELSE 'open' END FROM bench_modules`,
    );
    await trx.raw(
      `INSERT INTO module_versions (id, module_id, number, status, title, summary, pd_minutes, unlock_rule, published_at)
       SELECT version_id, module_id, 1, 'published', 'Module ' || (position + 1), 'A module of the bench district', 60, CASE WHEN position % 4 = 3 THEN 'after_previous' ELSE 'open' END, now() FROM bench_modules`,
    );
    await trx.raw(`UPDATE modules m SET published_version_id = b.version_id FROM bench_modules b WHERE b.module_id = m.id`);
    await trx.raw(
      `INSERT INTO module_steps (id, version_id, step_id, position, kind, title, estimated_minutes, content)
       SELECT gen_random_uuid(), version_id, gen_random_uuid(), sp, 'read', 'Step ' || (sp + 1), 5 + sp * 5,
              jsonb_build_object('markdown', 'Read this.', 'html', '<p>Read this.</p>', 'videos', '[]'::jsonb)
         FROM bench_modules CROSS JOIN generate_series(0, ? - 1) sp`,
      [s.stepsPerModule],
    );
    // Progress: each member reaches a hashed share of their cohort's steps in order; the step they reached is in progress.
    await trx.raw(
      `WITH ordered AS (
         SELECT s.step_id, b.module_id, b.cohort_id, b.position * ? + s.position AS ord
           FROM bench_modules b JOIN module_steps s ON s.version_id = b.version_id),
       reach AS (
         SELECT mem.user_id, c.id AS cohort_id, abs(hashtext(mem.user_id::text || c.id::text)) % (? + 1) AS n
           FROM memberships mem JOIN cohorts c ON c.owner_context_id = mem.context_id
           JOIN contexts x ON x.id = c.owner_context_id AND x.lti_context_id LIKE 'bench-course-%')
       INSERT INTO step_progress (user_id, step_id, cohort_id, module_id, status, started_at, completed_at, updated_at)
       SELECT r.user_id, o.step_id, o.cohort_id, o.module_id,
              CASE WHEN o.ord < r.n THEN 'complete' ELSE 'in_progress' END,
              now() - interval '20 days' + o.ord * interval '2 hours',
              CASE WHEN o.ord < r.n THEN now() - interval '20 days' + o.ord * interval '2 hours' + interval '30 minutes' END,
              now() - interval '20 days' + o.ord * interval '2 hours'
         FROM reach r JOIN ordered o ON o.cohort_id = r.cohort_id AND o.ord <= r.n AND o.ord < ?`,
      [s.stepsPerModule, reach, steps],
    );
    await trx.raw(
      `INSERT INTO module_completions (user_id, module_id, cohort_id, version_id, pd_minutes, completed_at)
       SELECT sp.user_id, sp.module_id, sp.cohort_id, b.version_id, 60, max(sp.completed_at)
         FROM step_progress sp JOIN bench_modules b ON b.module_id = sp.module_id
        WHERE sp.status = 'complete' GROUP BY sp.user_id, sp.module_id, sp.cohort_id, b.version_id HAVING count(*) = ?`,
      [s.stepsPerModule],
    );
    await trx.raw(
      `INSERT INTO module_progress (user_id, module_id, cohort_id, completed_steps, started_at, last_activity_at)
       SELECT user_id, module_id, cohort_id, count(*) FILTER (WHERE status = 'complete'), min(started_at), max(updated_at)
         FROM step_progress GROUP BY user_id, module_id, cohort_id`,
    );
  });
  // A table in steady state has been vacuumed (autovacuum): visibility maps set, so index-only scans stay index-only.
  for (const table of ['step_progress', 'module_progress', 'module_completions', 'module_steps', 'modules', 'memberships', 'users', 'cohorts', 'cohort_contexts']) {
    await db.raw('VACUUM ANALYZE ??', [table]);
  }
  const count = async (table: string) => Number((await db(table).count({ n: '*' }).first())?.n ?? 0);
  return {
    users: await count('users'),
    memberships: await count('memberships'),
    cohorts: await count('cohorts'),
    modules: await count('modules'),
    steps: await count('module_steps'),
    stepProgress: await count('step_progress'),
    completions: await count('module_completions'),
    moduleProgress: await count('module_progress'),
  };
}

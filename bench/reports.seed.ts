import type { Knex } from 'knex';
import { DEFAULT_SCALE } from '../lti-tool/src/competencies/defaultScale';
import { frameworksStore } from '../lti-tool/src/competencies/frameworks.store';

/** A 10,000-person district: `cohorts` courses with one cohort each, 4 modules of 3 steps, 2 auditions, 10 competencies. */
export const DISTRICT = { staff: 10_000, cohorts: 10, modules: 4, stepsPerModule: 3, auditions: 2, domains: 2, competenciesPerDomain: 5 };

/**
 * Seeds the reports bench set-based (INSERT … SELECT) into the sandbox deployment, over the last 120 days:
 * progress (fewer people finish each later module), completions, measured time on half the completed steps, survey
 * answers, audition versions (30 % resubmitted) with 3 reviews each (90 % submitted, 70 % of those rated by the
 * author), and 2–3 competency ratings per person and competency. Hashes make it deterministic.
 */
export async function seedReports(db: Knex, deploymentRowId: string, platformId: string, s = DISTRICT): Promise<Record<string, number>> {
  return db.transaction(async (trx) => {
    const q = (sql: string, args: unknown[] = []) => trx.raw(sql, args as Knex.RawBinding[]);
    await q(`INSERT INTO contexts (id, deployment_id, lti_context_id, title, label) SELECT gen_random_uuid(), ?, 'rep-course-' || i, 'District course ' || i, 'REP-' || i FROM generate_series(0, ? - 1) i`, [deploymentRowId, s.cohorts]);
    await q(`INSERT INTO users (id, platform_id, sub, name, email) SELECT gen_random_uuid(), ?, 'rep-staff-' || i, 'Staff ' || lpad(i::text, 5, '0'), 'staff' || i || '@district.example' FROM generate_series(0, ? - 1) i`, [platformId, s.staff]);
    await q(
      `WITH staff AS (SELECT id, substring(sub from 'rep-staff-(\\d+)')::int AS i FROM users WHERE platform_id = ? AND sub LIKE 'rep-staff-%'),
            ctx AS (SELECT id, substring(lti_context_id from 'rep-course-(\\d+)')::int AS n FROM contexts WHERE deployment_id = ? AND lti_context_id LIKE 'rep-course-%')
       INSERT INTO memberships (id, context_id, user_id, lti_roles, role, status, school)
       SELECT gen_random_uuid(), ctx.id, staff.id, '{}', CASE WHEN staff.i / ? = 0 THEN 'admin' WHEN staff.i / ? < 5 THEN 'lead' ELSE 'participant' END,
              'active', 'School ' || (staff.i % 40)
         FROM staff JOIN ctx ON ctx.n = staff.i % ?`,
      [platformId, deploymentRowId, s.cohorts, s.cohorts, s.cohorts],
    );
    await q(
      `INSERT INTO cohorts (id, owner_context_id, kind, title, description, pacing, work_visibility, status, created_at)
       SELECT gen_random_uuid(), id, 'cohort', 'Cohort ' || lti_context_id, 'Goal: specific, kind feedback in every team.', 'self_paced', 'cohort', 'active', now() - interval '120 days'
         FROM contexts WHERE deployment_id = ? AND lti_context_id LIKE 'rep-course-%'`,
      [deploymentRowId],
    );
    await q(`CREATE TEMP TABLE bench_cohorts ON COMMIT DROP AS SELECT c.id, c.owner_context_id FROM cohorts c JOIN contexts x ON x.id = c.owner_context_id WHERE x.lti_context_id LIKE 'rep-course-%'`);
    await q(`INSERT INTO cohort_contexts (cohort_id, context_id) SELECT id, owner_context_id FROM bench_cohorts`);
    // Temp tables have no statistics until analysed; the planner needs them for the joins below.
    await q('ANALYZE bench_cohorts');
    await q(
      `CREATE TEMP TABLE bench_people ON COMMIT DROP AS
       SELECT c.id AS cohort_id, m.user_id, (row_number() OVER (PARTITION BY c.id ORDER BY m.user_id) - 1)::int AS p, count(*) OVER (PARTITION BY c.id)::int AS n
         FROM bench_cohorts c JOIN memberships m ON m.context_id = c.owner_context_id WHERE m.role = 'participant'`,
    );

    await q('ANALYZE bench_people');
    // Modules, their published versions and steps.
    await q(`INSERT INTO modules (id, cohort_id, position, title, pd_minutes) SELECT gen_random_uuid(), c.id, k, 'Module ' || (k + 1), 60 FROM bench_cohorts c CROSS JOIN generate_series(0, ? - 1) k`, [s.modules]);
    await q(
      `INSERT INTO module_versions (id, module_id, number, status, title, pd_minutes, published_at)
       SELECT gen_random_uuid(), m.id, 1, 'published', m.title, m.pd_minutes, now() - interval '120 days' FROM modules m JOIN bench_cohorts c ON c.id = m.cohort_id`,
    );
    await q(`UPDATE modules m SET published_version_id = v.id FROM module_versions v, bench_cohorts c WHERE v.module_id = m.id AND c.id = m.cohort_id`);
    await q(
      `INSERT INTO module_steps (id, version_id, step_id, position, kind, title, estimated_minutes, content)
       SELECT gen_random_uuid(), m.published_version_id, gen_random_uuid(), k, 'read', 'Step ' || (k + 1), 10 + 5 * k, '{}'
         FROM modules m JOIN bench_cohorts c ON c.id = m.cohort_id CROSS JOIN generate_series(0, ? - 1) k`,
      [s.stepsPerModule],
    );
    // Progress: module k is finished by about (7 − k) in 10 people, started by one more.
    await q(
      `INSERT INTO step_progress (user_id, step_id, cohort_id, module_id, status, started_at, completed_at, updated_at)
       SELECT bp.user_id, st.step_id, m.cohort_id, m.id, CASE WHEN h.v < 7 - m.position THEN 'complete' ELSE 'in_progress' END,
              now() - h.d * interval '1 day' - interval '1 hour', CASE WHEN h.v < 7 - m.position THEN now() - h.d * interval '1 day' END, now() - h.d * interval '1 day'
         FROM bench_people bp JOIN modules m ON m.cohort_id = bp.cohort_id JOIN module_steps st ON st.version_id = m.published_version_id
         CROSS JOIN LATERAL (SELECT abs(hashtext(bp.user_id::text || m.id::text)) % 10 AS v, (abs(hashtext(bp.user_id::text || st.step_id::text)) % 110) + (3 - m.position) AS d) h
        WHERE h.v < 8 - m.position`,
    );
    await q(
      `INSERT INTO module_completions (user_id, module_id, cohort_id, version_id, pd_minutes, completed_at)
       SELECT sp.user_id, sp.module_id, sp.cohort_id, m.published_version_id, m.pd_minutes, max(sp.completed_at)
         FROM step_progress sp JOIN modules m ON m.id = sp.module_id JOIN bench_cohorts c ON c.id = sp.cohort_id
        GROUP BY sp.user_id, sp.module_id, sp.cohort_id, m.published_version_id, m.pd_minutes HAVING count(*) FILTER (WHERE sp.status = 'complete') = ?`,
      [s.stepsPerModule],
    );
    await q(
      `INSERT INTO step_time (user_id, step_id, cohort_id, module_id, seconds)
       SELECT sp.user_id, sp.step_id, sp.cohort_id, sp.module_id, 300 + abs(hashtext(sp.user_id::text || sp.step_id::text)) % 1500
         FROM step_progress sp JOIN bench_cohorts c ON c.id = sp.cohort_id WHERE sp.status = 'complete' AND abs(hashtext(sp.step_id::text || sp.user_id::text)) % 2 = 0`,
    );
    await q(
      `INSERT INTO survey_responses (user_id, step_id, cohort_id, module_id, useful, relevant, suggestion, answered_at)
       SELECT mc.user_id, gen_random_uuid(), mc.cohort_id, mc.module_id, 1 + h % 4, 1 + (h / 4) % 4, CASE WHEN h % 5 = 0 THEN 'More time to practise with colleagues' ELSE '' END, mc.completed_at
         FROM module_completions mc JOIN modules m ON m.id = mc.module_id AND m.position = 0 JOIN bench_cohorts c ON c.id = mc.cohort_id
         CROSS JOIN LATERAL (SELECT abs(hashtext(mc.user_id::text)) AS h) x WHERE x.h % 10 < 6`,
    );

    // Auditions: 80 % of participants submit, 30 % resubmit; reviewers are the next three people of the cohort.
    await q(
      `INSERT INTO auditions (id, cohort_id, module_id, title, prompt, accepted_parts, protocol, reviewers_per_submission, anonymity, mode, created_at)
       SELECT gen_random_uuid(), m.cohort_id, m.id, 'Audition ' || (m.position + 1), 'Share a plan.', '["text"]', '{"criteria":[],"prompts":[]}', 3, 'anonymous', 'rolling', now() - interval '110 days'
         FROM modules m JOIN bench_cohorts c ON c.id = m.cohort_id WHERE m.position < ?`,
      [s.auditions],
    );
    await q('ANALYZE auditions');
    await q(`INSERT INTO audition_reviewers (audition_id, user_id) SELECT a.id, bp.user_id FROM auditions a JOIN bench_people bp ON bp.cohort_id = a.cohort_id`);
    await q(
      `INSERT INTO audition_submissions (id, audition_id, author_id, status, draft, draft_revision, current_version, submitted_at)
       SELECT gen_random_uuid(), a.id, bp.user_id, 'submitted', '{}', 1, 1, now() - interval '100 days'
         FROM auditions a JOIN bench_people bp ON bp.cohort_id = a.cohort_id WHERE abs(hashtext(a.id::text || bp.user_id::text)) % 10 < 8`,
    );
    await q(
      `CREATE TEMP TABLE bench_versions ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, s.id AS submission_id, s.audition_id, bp.cohort_id, bp.p, bp.n, v.number,
              now() - interval '100 days' + (abs(hashtext(s.id::text)) % 80) * interval '1 day' + (v.number - 1) * interval '10 days' AS created_at
         FROM audition_submissions s JOIN auditions a ON a.id = s.audition_id JOIN bench_people bp ON bp.cohort_id = a.cohort_id AND bp.user_id = s.author_id
         CROSS JOIN generate_series(1, 2) v(number)
        WHERE v.number = 1 OR abs(hashtext(s.id::text || 'v2')) % 10 < 3`,
    );
    await q('ANALYZE bench_versions');
    await q(`INSERT INTO audition_versions (id, submission_id, number, work, context, created_at) SELECT id, submission_id, number, '{}', '{}', created_at FROM bench_versions`);
    await q(
      `INSERT INTO audition_reviews (id, audition_id, submission_id, version_id, reviewer_id, kind, status, due_at, assigned_at, submitted_at, answers)
       SELECT gen_random_uuid(), v.audition_id, v.submission_id, v.id, r.user_id, CASE WHEN v.number = 1 THEN 'initial' ELSE 'look_again' END,
              CASE WHEN h.x % 10 < 9 THEN 'submitted' ELSE 'assigned' END, v.created_at + interval '7 days', v.created_at,
              CASE WHEN h.x % 10 < 9 THEN v.created_at + (1 + h.x % 96) * interval '1 hour' END, CASE WHEN h.x % 10 < 9 THEN '{}'::jsonb END
         FROM bench_versions v CROSS JOIN generate_series(1, 3) k
         JOIN bench_people r ON r.cohort_id = v.cohort_id AND r.p = (v.p + k) % v.n
         CROSS JOIN LATERAL (SELECT abs(hashtext(v.id::text || k::text)) AS x) h`,
    );
    await q('ANALYZE audition_reviews');
    await q(
      `INSERT INTO audition_review_ratings (review_id, rater_id, specific, supportive, created_at)
       SELECT r.id, s.author_id, 1 + h.x % 4, 1 + (h.x / 4) % 4, r.submitted_at + interval '1 day'
         FROM audition_reviews r JOIN audition_submissions s ON s.id = r.submission_id JOIN auditions a ON a.id = r.audition_id JOIN bench_cohorts c ON c.id = a.cohort_id
         CROSS JOIN LATERAL (SELECT abs(hashtext(r.id::text)) AS x) h WHERE r.status = 'submitted' AND h.x % 10 < 7`,
    );

    // Competencies: one framework linked to every cohort, 2–3 ratings per person and leaf over 120 days.
    const nodes = [];
    for (let d = 0; d < s.domains; d++) {
      nodes.push({ row: null, identifier: `D${d}`, parentIdentifier: null, kind: 'domain', title: `Domain ${d}`, description: '', levelDescriptions: {} });
      for (let c = 0; c < s.competenciesPerDomain; c++) nodes.push({ row: null, identifier: `D${d}.${c}`, parentIdentifier: `D${d}`, kind: 'competency', title: `Competency ${d}.${c}`, description: '', levelDescriptions: {} });
    }
    const frameworkId = await frameworksStore.insertDraft(trx, { title: 'District framework', description: '', scale: DEFAULT_SCALE.map((l) => ({ ...l })), nodes }, { ownerContextId: null, createdBy: null });
    await q(`INSERT INTO cohort_competency_settings (cohort_id, framework_id) SELECT id, ? FROM bench_cohorts`, [frameworkId]);
    await q(`INSERT INTO cohort_competencies (cohort_id, competency_id) SELECT c.id, k.id FROM bench_cohorts c CROSS JOIN competencies k WHERE k.framework_id = ?`, [frameworkId]);
    await q(
      `INSERT INTO competency_ratings (id, cohort_id, user_id, competency_id, level_position, level_label, points, comment, rated_at)
       SELECT gen_random_uuid(), bp.cohort_id, bp.user_id, k.id, l.lvl, (ARRAY['Beginning','Developing','Proficient','Exemplary'])[l.lvl + 1], l.lvl + 1, '',
              now() - interval '120 days' + r * interval '35 days' + (abs(hashtext(bp.user_id::text || k.id::text)) % 1000) * interval '1 minute'
         FROM bench_people bp CROSS JOIN competencies k
         CROSS JOIN LATERAL generate_series(1, 2 + abs(hashtext(k.id::text || bp.user_id::text)) % 2) r
         CROSS JOIN LATERAL (SELECT least(3, r - 1 + abs(hashtext(bp.user_id::text || k.id::text || r::text)) % 2)::int AS lvl) l
        WHERE k.framework_id = ? AND k.parent_id IS NOT NULL`,
      [frameworkId],
    );
    await q('ANALYZE');
    const count = async (table: string) => Number((await trx(table).count('* as n').first())!.n);
    const tables = ['users', 'step_progress', 'module_completions', 'step_time', 'survey_responses', 'audition_versions', 'audition_reviews', 'audition_review_ratings', 'competency_ratings'];
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = await count(t);
    return counts;
  });
}

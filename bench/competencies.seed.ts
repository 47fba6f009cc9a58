import type { Knex } from 'knex';
import { frameworksStore } from '../lti-tool/src/competencies/frameworks.store';
import { DEFAULT_SCALE } from '../lti-tool/src/competencies/defaultScale';

/** The issue's shape: 10,000 staff in 20 cohorts of 500, 30 rated competencies, ~1,000,000 ratings. */
export const ISSUE_SHAPE = { staff: 10_000, cohorts: 20, domains: 5, competenciesPerDomain: 6 };

/**
 * Seeds the competency bench set-based (INSERT … SELECT generate_series) into the sandbox deployment: one course
 * and cohort per 500 staff (first member admin, next four leads, ten schools), one framework of 5 domains × 6
 * competencies linked to every cohort, 3 or 4 ratings per person and competency (every third pair has 4:
 * 1,000,000 in all), one piece of evidence (audition versions) per pair (10 % not yet reviewed), pending review requests on 2 % of
 * pairs, and the mastery cells the ratings give (most recent).
 */
export async function seedCompetencies(db: Knex, deploymentRowId: string, platformId: string, s = ISSUE_SHAPE): Promise<Record<string, number>> {
  return db.transaction(async (trx) => {
    await trx.raw(
      `INSERT INTO contexts (id, deployment_id, lti_context_id, title, label)
       SELECT gen_random_uuid(), ?, 'comp-course-' || i, 'Competency course ' || i, 'COMP-' || i FROM generate_series(0, ? - 1) i`,
      [deploymentRowId, s.cohorts],
    );
    await trx.raw(
      `INSERT INTO users (id, platform_id, sub, name) SELECT gen_random_uuid(), ?, 'comp-staff-' || i, 'Staff ' || lpad(i::text, 5, '0') FROM generate_series(0, ? - 1) i`,
      [platformId, s.staff],
    );
    await trx.raw(
      `WITH staff AS (SELECT id, substring(sub from 'comp-staff-(\\d+)')::int AS i FROM users WHERE platform_id = ? AND sub LIKE 'comp-staff-%'),
            ctx AS (SELECT id, substring(lti_context_id from 'comp-course-(\\d+)')::int AS n FROM contexts WHERE deployment_id = ? AND lti_context_id LIKE 'comp-course-%')
       INSERT INTO memberships (id, context_id, user_id, lti_roles, role, status, school)
       SELECT gen_random_uuid(), ctx.id, staff.id, '{}',
              CASE WHEN staff.i / ? = 0 THEN 'admin' WHEN staff.i / ? < 5 THEN 'lead' ELSE 'participant' END, 'active', 'School ' || (staff.i % 10)
         FROM staff JOIN ctx ON ctx.n = staff.i % ?`,
      [platformId, deploymentRowId, s.cohorts, s.cohorts, s.cohorts],
    );
    await trx.raw(
      `INSERT INTO cohorts (id, owner_context_id, kind, title, description, pacing, work_visibility, status)
       SELECT gen_random_uuid(), id, 'cohort', 'Cohort ' || lti_context_id, '', 'self_paced', 'cohort', 'active' FROM contexts WHERE deployment_id = ? AND lti_context_id LIKE 'comp-course-%'`,
      [deploymentRowId],
    );
    await trx.raw(`INSERT INTO cohort_contexts (cohort_id, context_id) SELECT c.id, c.owner_context_id FROM cohorts c JOIN contexts x ON x.id = c.owner_context_id WHERE x.lti_context_id LIKE 'comp-course-%'`);
    const nodes = [];
    for (let d = 0; d < s.domains; d++) {
      nodes.push({ row: null, identifier: `D${d}`, parentIdentifier: null, kind: 'domain', title: `Domain ${d}`, description: '', levelDescriptions: {} });
      for (let c = 0; c < s.competenciesPerDomain; c++) nodes.push({ row: null, identifier: `D${d}.${c}`, parentIdentifier: `D${d}`, kind: 'competency', title: `Competency ${d}.${c}`, description: '', levelDescriptions: {} });
    }
    const frameworkId = await frameworksStore.insertDraft(trx, { title: 'Bench framework', description: '', scale: DEFAULT_SCALE.map((l) => ({ ...l })), nodes }, { ownerContextId: null, createdBy: null });
    await trx.raw(
      `INSERT INTO cohort_competency_settings (cohort_id, framework_id) SELECT c.id, ? FROM cohorts c JOIN contexts x ON x.id = c.owner_context_id WHERE x.lti_context_id LIKE 'comp-course-%'`,
      [frameworkId],
    );
    await trx.raw(`INSERT INTO cohort_competencies (cohort_id, competency_id, reports_to_gradebook) SELECT s.cohort_id, c.id, false FROM cohort_competency_settings s JOIN competencies c ON c.framework_id = s.framework_id WHERE s.framework_id = ?`, [frameworkId]);
    // Pairs: every member × every leaf competency, numbered so every third pair gets a fourth rating.
    await trx.raw(
      `CREATE TEMP TABLE bench_pairs ON COMMIT DROP AS
       SELECT row_number() OVER () AS n, c.id AS cohort_id, m.user_id, k.id AS competency_id,
              (SELECT l.user_id FROM memberships l WHERE l.context_id = m.context_id AND l.role = 'lead' AND l.user_id <> m.user_id LIMIT 1) AS rater
         FROM cohorts c JOIN memberships m ON m.context_id = c.owner_context_id
         JOIN contexts x ON x.id = c.owner_context_id AND x.lti_context_id LIKE 'comp-course-%'
         JOIN competencies k ON k.framework_id = ? AND k.parent_id IS NOT NULL`,
      [frameworkId],
    );
    await trx.raw(
      `INSERT INTO competency_ratings (id, cohort_id, user_id, competency_id, level_position, level_label, points, comment, rated_by, rated_at)
       SELECT gen_random_uuid(), p.cohort_id, p.user_id, p.competency_id, lvl, (ARRAY['Beginning','Developing','Proficient','Exemplary'])[lvl + 1], lvl + 1,
              'Bench rating', p.rater, now() - interval '120 days' + r * interval '20 days' + (p.n % 1000) * interval '1 minute'
         FROM bench_pairs p CROSS JOIN LATERAL generate_series(1, CASE WHEN p.n % 3 = 0 THEN 4 ELSE 3 END) r
         CROSS JOIN LATERAL (SELECT least(3, (abs(hashtext(p.n::text || r::text)) % 4))::int AS lvl) l`,
    );
    await trx.raw(
      `INSERT INTO competency_mastery (cohort_id, user_id, competency_id, points, level_position, proficient, ratings_count, last_rated_at)
       SELECT DISTINCT ON (cohort_id, user_id, competency_id) cohort_id, user_id, competency_id, points, level_position, level_position >= 2,
              count(*) OVER (PARTITION BY cohort_id, user_id, competency_id), rated_at
         FROM competency_ratings ORDER BY cohort_id, user_id, competency_id, rated_at DESC, seq DESC`,
    );
    await trx.raw(
      `INSERT INTO competency_evidence (id, cohort_id, user_id, competency_id, source_kind, source_id, title, text, created_at, reviewed_at)
       SELECT gen_random_uuid(), cohort_id, user_id, competency_id, 'audition_version', 'bench-' || n, 'Audition version ' || n, 'Bench evidence',
              now() - (n % 5000) * interval '1 minute', CASE WHEN n % 10 = 0 THEN NULL ELSE now() END
         FROM bench_pairs`,
    );
    await trx.raw(
      `INSERT INTO competency_review_requests (id, cohort_id, user_id, competency_id, note, requested_at)
       SELECT gen_random_uuid(), cohort_id, user_id, competency_id, 'Please review', now() - (n % 7000) * interval '1 minute' FROM bench_pairs WHERE n % 50 = 7`,
    );
    await trx.raw('ANALYZE');
    const count = async (table: string) => Number((await trx(table).count('* as n').first())!.n);
    return {
      users: await count('users'),
      ratings: await count('competency_ratings'),
      mastery: await count('competency_mastery'),
      evidence: await count('competency_evidence'),
      reviewRequests: await count('competency_review_requests'),
    };
  });
}

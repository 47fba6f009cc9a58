import type { Knex } from 'knex';

/** The issue's size: a rolling cohort of 2,000 teachers who all submitted, each reviewing 3 (6,000 open reviews). */
export const ISSUE_COHORT = { teachers: 2000, reviewersPerSubmission: 3, newcomers: 300, schools: 40 };

/**
 * Seeds one course, cohort, module and rolling audition set-based (INSERT … SELECT generate_series): `teachers`
 * people with submitted version 1 and `reviewersPerSubmission` open reviews each (teacher i reviews i+1…i+k,
 * so every load is exactly k), plus `newcomers` people with a ready draft whose submissions the bench measures.
 */
export async function seedAuditionCohort(db: Knex, deploymentId: string, platformId: string, s = ISSUE_COHORT): Promise<{ cohortId: string; auditionId: string; contextId: string }> {
  return db.transaction(async (trx) => {
    const [ctx] = (await trx.raw(`INSERT INTO contexts (id, deployment_id, lti_context_id, title, label) VALUES (gen_random_uuid(), ?, 'bench-auditions', 'Bench auditions', 'BENCH-A') RETURNING id`, [deploymentId])).rows;
    const contextId = ctx.id as string;
    const total = s.teachers + s.newcomers;
    await trx.raw(
      `INSERT INTO users (id, platform_id, sub, name, email)
       SELECT gen_random_uuid(), ?, 'bench-teacher-' || i, 'Teacher ' || lpad(i::text, 5, '0'), 'teacher' || i || '@bench.example.edu' FROM generate_series(1, ?) i`,
      [platformId, total],
    );
    await trx.raw(
      `INSERT INTO memberships (id, context_id, user_id, lti_roles, role, status, school)
       SELECT gen_random_uuid(), ?, u.id, '{}', 'participant', 'active', 'School ' || (substr(u.sub, 15)::int % ?) FROM users u WHERE u.sub LIKE 'bench-teacher-%'`,
      [contextId, s.schools],
    );
    const [cohort] = (await trx.raw(`INSERT INTO cohorts (id, owner_context_id, kind, title, work_visibility, status) VALUES (gen_random_uuid(), ?, 'cohort', 'Bench auditions', 'cohort', 'active') RETURNING id`, [contextId])).rows;
    await trx.raw(`INSERT INTO cohort_contexts (cohort_id, context_id) VALUES (?, ?)`, [cohort.id, contextId]);
    const [mod] = (await trx.raw(`INSERT INTO modules (id, cohort_id, position, title) VALUES (gen_random_uuid(), ?, 0, 'Auditions') RETURNING id`, [cohort.id])).rows;
    const protocol = { criteria: [{ id: 'clarity', title: 'Clear goal', description: '', levels: [1, 2, 3, 4].map((n) => ({ score: n, label: `L${n}`, descriptor: '' })) }], prompts: [{ id: 'strength', kind: 'strength', label: 'A strength', required: true }] };
    const [aud] = (await trx.raw(
      `INSERT INTO auditions (id, cohort_id, module_id, title, prompt, accepted_parts, protocol, reviewers_per_submission, anonymity, mode, exclude_same_school)
       VALUES (gen_random_uuid(), ?, ?, 'Bench audition', 'Share a plan', '["text","link"]', ?::jsonb, ?, 'anonymous', 'rolling', true) RETURNING id`,
      [cohort.id, mod.id, JSON.stringify(protocol), s.reviewersPerSubmission],
    )).rows;
    const draft = JSON.stringify({ work: { text: 'A lesson plan', links: [], attachmentIds: [] }, context: { gradeLevel: 'Grade 5', subject: 'Maths', students: '28', tried: '', feedbackWanted: 'Anything' }, whatChanged: '' });
    // Teachers 1…n submitted; newcomers (n+1…) have a draft at revision 1.
    await trx.raw(
      `CREATE TEMP TABLE bench_people ON COMMIT DROP AS
       SELECT u.id AS user_id, substr(u.sub, 15)::int AS i, 'School ' || (substr(u.sub, 15)::int % ?) AS school FROM users u WHERE u.sub LIKE 'bench-teacher-%'`,
      [s.schools],
    );
    await trx.raw(
      `INSERT INTO audition_submissions (id, audition_id, author_id, school, status, draft, draft_revision, submitted_revision, current_version, reviewers_needed, submitted_at)
       SELECT gen_random_uuid(), ?, p.user_id, p.school, CASE WHEN p.i <= ? THEN 'submitted' ELSE 'draft' END, ?::jsonb, 1,
              CASE WHEN p.i <= ? THEN 1 END, CASE WHEN p.i <= ? THEN 1 ELSE 0 END, 0, CASE WHEN p.i <= ? THEN now() - (p.i || ' minutes')::interval END
       FROM bench_people p`,
      [aud.id, s.teachers, draft, s.teachers, s.teachers, s.teachers],
    );
    await trx.raw(
      `INSERT INTO audition_versions (id, submission_id, number, work, context)
       SELECT gen_random_uuid(), s.id, 1, s.draft->'work', s.draft->'context' FROM audition_submissions s WHERE s.audition_id = ? AND s.status = 'submitted'`,
      [aud.id],
    );
    await trx.raw(
      `INSERT INTO audition_reviewers (audition_id, user_id, school, open_reviews, total_reviews)
       SELECT ?, p.user_id, p.school, ?, ? FROM bench_people p WHERE p.i <= ?`,
      [aud.id, s.reviewersPerSubmission, s.reviewersPerSubmission, s.teachers],
    );
    await trx.raw(
      `INSERT INTO audition_reviews (id, audition_id, submission_id, version_id, reviewer_id, kind, status, due_at, assigned_at)
       SELECT gen_random_uuid(), ?, s.id, v.id, r.user_id, 'initial', 'assigned', now() + interval '7 days', now() - (a.i || ' seconds')::interval
       FROM bench_people a
       JOIN audition_submissions s ON s.author_id = a.user_id AND s.audition_id = ?
       JOIN audition_versions v ON v.submission_id = s.id AND v.number = 1
       CROSS JOIN generate_series(1, ?) k
       JOIN bench_people r ON r.i = ((a.i - 1 + k) % ?) + 1
       WHERE a.i <= ?`,
      [aud.id, aud.id, s.reviewersPerSubmission, s.teachers, s.teachers],
    );
    return { cohortId: cohort.id as string, auditionId: aud.id as string, contextId };
  });
}

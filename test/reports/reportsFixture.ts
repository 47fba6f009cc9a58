import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { buildFramework, linkFramework, rate } from '../competencies/competencyFlow';
import type { TestTool } from '../helpers/testTool';
import { buildCohort } from '../modules/factories';
import { call, courseWithCohort, publishModule, type Who } from '../modules/moduleFlow';

/** The hand-counted days every assertion uses (explicit, so the numbers do not depend on today's date). */
export const RANGE = '?from=2026-11-01&to=2026-11-30';
const at = (day: string, time = '09:00') => new Date(`2026-11-${day}T${time}:00Z`);

/**
 * One course, hand-counted (see the comments of test/reports/impact-reports.int.test.ts for the expected numbers):
 * module A (steps of 10 and 20 estimated minutes, 60 PD minutes): Tess completes both (measured 15 + 10 minutes),
 * Theo one; two auditions with versions, reviews and ratings at fixed times; a framework with ratings at fixed times;
 * two survey answers; and a second cohort of the course with no modules.
 */
export async function reportsCourse(tool: TestTool, courseId: string) {
  const { admin, lead, teachers, cohortId } = await courseWithCohort(tool, courseId);
  const [tess, theo, tia] = teachers;
  await tool.db('cohorts').where({ id: cohortId }).update({ description: 'Goal: every teacher gives specific, kind feedback.' });
  const a = await publishModule(tool, admin, cohortId, {
    title: 'A: feedback that helps',
    pdMinutes: 60,
    steps: [
      { kind: 'read', title: 'Read', estimatedMinutes: 10, content: { markdown: 'Why feedback.' } },
      { kind: 'read', title: 'Plan', estimatedMinutes: 20, content: { markdown: 'Plan it.' } },
    ],
  });
  const complete = (who: Who, stepId: string) => call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${a.moduleId}/steps/${stepId}/progress`, who, { status: 'complete' });
  for (const s of a.stepIds) expectOk(await complete(tess, s));
  expectOk(await complete(theo, a.stepIds[0]!));
  // Completed on 20 November (the real clock would move the numbers out of the range over time).
  await tool.db('step_progress').where({ cohort_id: cohortId }).update({ updated_at: at('20'), completed_at: at('20') });
  await tool.db('module_completions').where({ cohort_id: cohortId }).update({ completed_at: at('20') });
  await tool.db('step_time').insert([
    { user_id: tess.userId, step_id: a.stepIds[0], cohort_id: cohortId, module_id: a.moduleId, seconds: 900 },
    { user_id: tess.userId, step_id: a.stepIds[1], cohort_id: cohortId, module_id: a.moduleId, seconds: 600 },
  ]);
  const survey = randomUUID();
  await tool.db('survey_responses').insert([
    { user_id: tess.userId, step_id: survey, cohort_id: cohortId, module_id: a.moduleId, useful: 4, relevant: 3, suggestion: 'More video examples', answered_at: at('20') },
    { user_id: theo.userId, step_id: survey, cohort_id: cohortId, module_id: a.moduleId, useful: 3, relevant: 3, suggestion: '=cmd|calc', answered_at: at('21') },
  ]);
  const secondCohortId = await buildCohort(tool.db, admin.contextId, { title: 'Second cohort' });
  const auditions = await seedAuditions(tool.db, cohortId, a.moduleId, { tess: tess.userId, theo: theo.userId, tia: tia.userId });
  const competencies = await seedRatings(tool, admin, lead, cohortId, { tess: tess.userId, theo: theo.userId, tia: tia.userId });
  return { admin, lead, tess, theo, tia, cohortId, secondCohortId, moduleId: a.moduleId, auditions, competencies };
}

function expectOk(res: { status: number; body: unknown }) {
  if (res.status !== 200) throw new Error(`progress: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * A1: versions Tess v1 (2 Nov 09:00), Theo v1 (2 Nov 12:00), Tia v1 (3 Nov 09:00), Tess v2 (5 Nov 09:00); first
 * feedback after 6 h, 2 h, 24 h and 12 h. A2: Theo v1 (10 Nov 09:00, first feedback after 24 h), Tess v1 (never reviewed).
 */
async function seedAuditions(db: Knex, cohortId: string, moduleId: string, p: { tess: string; theo: string; tia: string }) {
  const audition = async (title: string, created: Date, pool: string[]) => {
    const id = randomUUID();
    await db('auditions').insert({ id, cohort_id: cohortId, module_id: moduleId, title, prompt: 'Share a plan.', accepted_parts: JSON.stringify(['text']), protocol: JSON.stringify({ criteria: [], prompts: [] }), anonymity: 'anonymous', mode: 'rolling', created_at: created });
    await db('audition_reviewers').insert(pool.map((user_id) => ({ audition_id: id, user_id })));
    return id;
  };
  const a1 = await audition('Audition 1', at('01'), [p.tess, p.theo, p.tia]);
  const a2 = await audition('Audition 2', at('09'), [p.tess, p.theo]);
  const submissions = new Map<string, string>();
  const version = async (auditionId: string, author: string, n: number, created: Date) => {
    const key = `${auditionId}:${author}`;
    if (!submissions.has(key)) {
      submissions.set(key, randomUUID());
      await db('audition_submissions').insert({ id: submissions.get(key), audition_id: auditionId, author_id: author, status: 'submitted', draft: '{}', draft_revision: n, current_version: n, submitted_at: created });
    }
    const id = randomUUID();
    await db('audition_versions').insert({ id, submission_id: submissions.get(key), number: n, work: '{}', context: '{}', created_at: created });
    return { id, submissionId: submissions.get(key)!, auditionId };
  };
  const review = async (v: { id: string; submissionId: string; auditionId: string }, reviewer: string, status: string, submitted: Date | null, kind = 'initial') => {
    const id = randomUUID();
    await db('audition_reviews').insert({ id, audition_id: v.auditionId, submission_id: v.submissionId, version_id: v.id, reviewer_id: reviewer, kind, status, due_at: at('28'), assigned_at: at('01'), submitted_at: submitted, answers: submitted ? '{}' : null });
    return id;
  };
  const rating = (reviewId: string, rater: string, specific: number, supportive: number, created: Date) =>
    db('audition_review_ratings').insert({ review_id: reviewId, rater_id: rater, specific, supportive, created_at: created });

  const tess1 = await version(a1, p.tess, 1, at('02'));
  const theo1 = await version(a1, p.theo, 1, at('02', '12:00'));
  const tia1 = await version(a1, p.tia, 1, at('03'));
  const tess2 = await version(a1, p.tess, 2, at('05'));
  const r1 = await review(tess1, p.theo, 'submitted', at('02', '15:00'));
  await review(tess1, p.tia, 'submitted', at('03'));
  const r3 = await review(theo1, p.tess, 'submitted', at('02', '14:00'));
  await review(theo1, p.tia, 'assigned', null);
  const r5 = await review(tia1, p.tess, 'submitted', at('04'));
  await review(tess2, p.theo, 'submitted', at('05', '21:00'), 'look_again');
  await review(tess2, p.tia, 'reassigned', null, 'look_again');
  const theoA2 = await version(a2, p.theo, 1, at('10'));
  await version(a2, p.tess, 1, at('10', '10:00'));
  const r8 = await review(theoA2, p.tess, 'submitted', at('11'));
  await rating(r1, p.tess, 4, 3, at('03'));
  await rating(r3, p.theo, 2, 4, at('03'));
  await rating(r5, p.tia, 4, 4, at('04'));
  await rating(r8, p.theo, 1, 3, at('12'));
  return { a1, a2 };
}

/** Ratings (most recent method) at fixed times; the growth range starts on 10 November. */
async function seedRatings(tool: TestTool, admin: Who, lead: Who, cohortId: string, p: { tess: string; theo: string; tia: string }) {
  const built = await buildFramework(tool, admin, 'Feedback framework');
  const { col, plan, feedback } = built.ids;
  await linkFramework(tool, admin, cohortId, { frameworkId: built.frameworkId, masteryMethod: 'most_recent', competencies: [col, plan, feedback].map((competencyId) => ({ competencyId })) });
  const ratings: Array<[string, string, string, Date]> = [
    [p.tess, plan, 'Developing', at('03')],
    [p.tess, feedback, 'Beginning', at('03', '10:00')],
    [p.theo, plan, 'Proficient', at('04')],
    [p.tess, plan, 'Proficient', at('12')],
    [p.tess, feedback, 'Beginning', at('13')],
    [p.theo, plan, 'Developing', at('14')],
    [p.theo, feedback, 'Proficient', at('15')],
    [p.tia, plan, 'Beginning', at('16')],
  ];
  for (const [userId, competencyId, level, when] of ratings) {
    const res = await rate(tool, lead, cohortId, userId, competencyId, level);
    if (res.status !== 201) throw new Error(`rate: ${res.status} ${JSON.stringify(res.body)}`);
    await tool.db('competency_ratings').where({ id: res.body.rating.id }).update({ rated_at: when });
  }
  return { col, plan, feedback };
}

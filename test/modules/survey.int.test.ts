import { loadSurveyResults } from '../../lti-tool/src/modules/surveyResults';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, launchInto, otherPlatform, person, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

const surveyStep = { kind: 'survey' as const, title: 'Your view of this module', estimatedMinutes: 5, content: { intro: 'Tell us **honestly**.' } };

describe('the end-of-module survey step', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: [Who, Who, Who];

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers } = await courseWithCohort(tool, 'survey-course'));
  });
  afterAll(async () => {
    await tool.stop();
  });

  const stepUrl = (cohortId: string, moduleId: string, stepId: string) => `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}`;
  const answersOf = (stepId: string) => tool.db('survey_responses').where({ step_id: stepId }).orderBy('useful');

  it('lets an admin add a survey step with an intro, and answers 400 naming the field for unknown content', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const created = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules`, admin, { title: 'With survey' });
    const moduleId = created.body.moduleId as string;
    const bad = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/steps`, admin, { ...surveyStep, content: { intro: 'x', questions: ['Mine?'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([expect.objectContaining({ field: 'content' })]);
    const added = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/steps`, admin, surveyStep);
    expect(added.status).toBe(201);
    const draft = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}/draft`, admin);
    expect(draft.body.steps[0]).toMatchObject({ kind: 'survey', content: { intro: 'Tell us **honestly**.' }, display: { introHtml: '<p>Tell us <strong>honestly</strong>.</p>\n' } });
  });

  it('completes the step when a teacher answers, lets them change the answer, and shows it only to them', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Visits', pdMinutes: 30, steps: [threeSteps[0]!, surveyStep] });
    const [t1, t2] = teachers;
    await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[0]!)}/progress`, t1, { status: 'complete' });

    const before = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, t1);
    expect(before.body.steps[1]).toMatchObject({ kind: 'survey', display: { introHtml: expect.stringContaining('honestly') }, answer: null, progress: { status: 'not_started' } });

    const first = await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[1]!)}/survey`, t1, { useful: 3, relevant: 4, suggestion: '  More time to try it.  ' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      answer: { useful: 3, relevant: 4, suggestion: 'More time to try it.', answeredAt: expect.any(String) },
      progress: { step: { status: 'complete' }, module: { completedSteps: 2, totalSteps: 2, complete: true, pdMinutesCredited: 30, justCompleted: true } },
    });
    const changed = await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[1]!)}/survey`, t1, { useful: 2, relevant: 1 });
    expect(changed.body).toMatchObject({ answer: { useful: 2, relevant: 1, suggestion: '' }, progress: { module: { complete: true, justCompleted: false } } });
    expect(await answersOf(stepIds[1]!)).toEqual([expect.objectContaining({ user_id: t1.userId, useful: 2, relevant: 1, suggestion: '' })]);
    expect((await tool.db('module_completions').where({ user_id: t1.userId, module_id: moduleId })).map((c) => c.pd_minutes)).toEqual([30]);

    const mine = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, t1);
    expect(mine.body.steps[1]).toMatchObject({ answer: { useful: 2, relevant: 1, suggestion: '' }, progress: { status: 'complete' } });
    // Nobody else sees it one by one: not another teacher, not the lead, not the admin.
    for (const who of [t2, lead, admin]) {
      const view = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, who);
      expect(view.body.steps[1].answer).toBeNull();
    }
  });

  it('answers 422 survey_not_answered when the step is marked complete without an answer, and 422 not_a_survey for another kind', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'S', steps: [threeSteps[0]!, surveyStep] });
    const t = teachers[2];
    const skip = await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[1]!)}/progress`, t, { status: 'complete' });
    expect({ status: skip.status, id: skip.body.error.id }).toEqual({ status: 422, id: 'survey_not_answered' });
    expect(skip.body.error.message).toMatch(/Answer/);
    expect((await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[1]!)}/progress`, t, { status: 'in_progress' })).status).toBe(200);
    const wrong = await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[0]!)}/survey`, t, { useful: 1, relevant: 1 });
    expect({ status: wrong.status, id: wrong.body.error.id }).toEqual({ status: 422, id: 'not_a_survey' });
    expect(await tool.db('survey_responses').where({ user_id: t.userId })).toHaveLength(0);
    expect(await tool.db('step_progress').where({ user_id: t.userId, status: 'complete' }).whereIn('step_id', stepIds)).toHaveLength(0);
  });

  it('answers 400 with the field for answers outside 1..4, and writes nothing', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'S', steps: [surveyStep] });
    const url = `${stepUrl(cohortId, moduleId, stepIds[0]!)}/survey`;
    for (const body of [{ useful: 5, relevant: 1 }, { useful: 0, relevant: 1 }, { useful: 2.5, relevant: 1 }, { useful: 2 }, { useful: 2, relevant: 2, suggestion: 'x'.repeat(4001) }, { useful: 2, relevant: 2, userId: admin.userId }]) {
      const res = await call(tool, 'PUT', url, teachers[0], body);
      expect({ status: res.status, id: res.body.error.id }).toEqual({ status: 400, id: 'validation_failed' });
      expect(res.body.error.message).toBeTruthy();
    }
    expect(await answersOf(stepIds[0]!)).toEqual([]);
    expect(await tool.db('step_progress').where({ step_id: stepIds[0]! })).toEqual([]);
  });

  it('answers 404 to another LMS’s admin and for a step of another cohort, and 409 in a template', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'S', steps: [surveyStep] });
    const tenant = await otherPlatform(tool, 'survey-other-lms.example.org');
    const stranger = await launchInto(tool, person('survey-stranger', 'Stella Stranger', 'admin'), 'survey-course', tenant);
    const body = { useful: 4, relevant: 4 };
    expect((await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, stepIds[0]!)}/survey`, stranger, body)).status).toBe(404);
    const otherCohort = await buildCohort(tool.db, admin.contextId);
    const other = await publishModule(tool, admin, otherCohort, { title: 'Other', steps: [surveyStep] });
    const crossed = await call(tool, 'PUT', `${stepUrl(cohortId, moduleId, other.stepIds[0]!)}/survey`, teachers[0], body);
    expect({ status: crossed.status, id: crossed.body.error.id }).toEqual({ status: 404, id: 'not_found' });
    const template = await buildCohort(tool.db, admin.contextId, { kind: 'template' });
    const tm = await publishModule(tool, admin, template, { title: 'T', steps: [surveyStep] });
    const inTemplate = await call(tool, 'PUT', `${stepUrl(template, tm.moduleId, tm.stepIds[0]!)}/survey`, admin, body);
    expect({ status: inTemplate.status, id: inTemplate.body.error.id }).toEqual({ status: 409, id: 'cohort_is_template' });
    expect(await tool.db('survey_responses').whereIn('step_id', [stepIds[0]!, other.stepIds[0]!, tm.stepIds[0]!])).toEqual([]);
  });

  it('aggregates answers given through the API for reports (hand-counted), suggestions without names', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const a = await publishModule(tool, admin, cohortId, { title: 'A', steps: [surveyStep] });
    const b = await publishModule(tool, admin, cohortId, { title: 'B', steps: [surveyStep] });
    const put = (who: Who, m: { moduleId: string; stepIds: string[] }, body: object) => call(tool, 'PUT', `${stepUrl(cohortId, m.moduleId, m.stepIds[0]!)}/survey`, who, body);
    await put(teachers[0], a, { useful: 4, relevant: 3, suggestion: 'Shorter readings' });
    await put(teachers[1], a, { useful: 1, relevant: 1, suggestion: 'Not for my subject' });
    await put(teachers[1], a, { useful: 2, relevant: 1, suggestion: 'Not for my subject' }); // changed: counts once
    await put(teachers[2], a, { useful: 4, relevant: 4 });
    await put(teachers[0], b, { useful: 3, relevant: 3, suggestion: '' });
    const results = await loadSurveyResults(tool.db, { cohortId, contextIds: [admin.contextId], from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
    expect(results).toEqual({ responses: 4, useful: [0, 1, 1, 2], relevant: [1, 0, 2, 1], suggestions: ['Not for my subject', 'Shorter readings'] });
  });
});

import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, launchInto, person, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

describe('GET /api/my-learning', () => {
  let tool: TestTool;
  let admin: Who;
  let teacher: Who;
  let cohortId: string;
  let first: { moduleId: string; stepIds: string[] };
  let second: { moduleId: string; stepIds: string[] };

  beforeAll(async () => {
    tool = await startTestTool();
    const course = await courseWithCohort(tool, 'learning-course');
    ({ admin, cohortId } = course);
    teacher = course.teachers[0];
    first = await publishModule(tool, admin, cohortId, { title: 'Foundations', pdMinutes: 60, steps: threeSteps });
    second = await publishModule(tool, admin, cohortId, { title: 'Practice', pdMinutes: 45, unlockRule: 'after_previous', steps: threeSteps.slice(0, 2) });
    // Neither an unpublished module, an archived one, a template nor an archived cohort shows.
    await call(tool, 'POST', `/api/cohorts/${cohortId}/modules`, admin, { title: 'Unpublished' });
    const archived = await publishModule(tool, admin, cohortId, { title: 'Archived', steps: threeSteps });
    await call(tool, 'PATCH', `/api/cohorts/${cohortId}/modules/${archived.moduleId}`, admin, { archived: true });
    await buildCohort(tool.db, admin.contextId, { kind: 'template', title: 'A template' });
    await buildCohort(tool.db, admin.contextId, { status: 'archived', title: 'Last year' });
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('lists the course’s running cohorts with each module, the next step, time left and the locked state (200)', async () => {
    const answer = await call(tool, 'GET', '/api/my-learning', teacher);
    expect(answer.status).toBe(200);
    expect(answer.body.cohorts).toHaveLength(1);
    const cohort = answer.body.cohorts[0];
    expect(cohort).toMatchObject({
      id: cohortId,
      title: 'Cohort of learning-course',
      percent: 0,
      completedModules: 0,
      totalModules: 2,
      remainingMinutes: 55 + 25,
      pdMinutesEarned: 0,
      nextStep: { moduleId: first.moduleId, moduleTitle: 'Foundations', stepId: first.stepIds[0], title: 'Read the idea', kind: 'read', estimatedMinutes: 10 },
    });
    expect(cohort.modules.map((m: { title: string }) => m.title)).toEqual(['Foundations', 'Practice']);
    expect(cohort.modules[1]).toMatchObject({ locked: true, lockedBy: { moduleId: first.moduleId, title: 'Foundations' }, nextStep: null, status: 'not_started' });
  });

  it('moves on as steps are completed: progress %, remaining minutes, next step, PD minutes and the unlock', async () => {
    const t = teacher;
    const put = (m: { moduleId: string }, stepId: string) => call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${stepId}/progress`, t, { status: 'complete' });
    await put(first, first.stepIds[0]!);
    let cohort = (await call(tool, 'GET', '/api/my-learning', t)).body.cohorts[0];
    expect(cohort.modules[0]).toMatchObject({ status: 'in_progress', completedSteps: 1, percent: 33, remainingMinutes: 45, nextStep: { stepId: first.stepIds[1] } });
    expect(cohort.percent).toBe(20); // 1 of 5 steps
    await put(first, first.stepIds[1]!);
    await put(first, first.stepIds[2]!);
    cohort = (await call(tool, 'GET', '/api/my-learning', t)).body.cohorts[0];
    expect(cohort.modules[0]).toMatchObject({ status: 'complete', percent: 100, remainingMinutes: 0, pdMinutesEarned: 60, completedAt: expect.any(String) });
    expect(cohort.modules[1]).toMatchObject({ locked: false, lockedBy: null, nextStep: { stepId: second.stepIds[0] } });
    expect(cohort).toMatchObject({ percent: 60, completedModules: 1, remainingMinutes: 25, pdMinutesEarned: 60, nextStep: { moduleId: second.moduleId } });
    expect((await call(tool, 'GET', '/api/my-learning', t)).body.pdMinutesEarned).toBe(60);
  });

  it('shows another teacher only their own progress', async () => {
    const other = (await call(tool, 'GET', '/api/my-learning', (await launchInto(tool, person('learning-course-t2', 'Theo Two', 'participant'), 'learning-course')))).body.cohorts[0];
    expect(other).toMatchObject({ percent: 0, pdMinutesEarned: 0 });
  });

  it('lists nothing for a course that holds no cohort, and needs a session (401)', async () => {
    const elsewhere = await launchInto(tool, person('learning-elsewhere', 'Elle Where', 'participant'), 'learning-elsewhere');
    expect((await call(tool, 'GET', '/api/my-learning', elsewhere)).body).toEqual({ cohorts: [], pdMinutesEarned: 0 });
    expect((await call(tool, 'GET', '/api/my-learning/pd-hours', elsewhere)).body).toEqual({ totalMinutes: 0, totalHours: 0, cohorts: [] });
    expect((await call(tool, 'GET', '/api/my-learning', null)).status).toBe(401);
  });

  it('keeps PD hours earned in a cohort that was archived since', async () => {
    const c = await buildCohort(tool.db, admin.contextId, { title: 'Finished cohort' });
    const m = await publishModule(tool, admin, c, { title: 'Done', pdMinutes: 15, steps: threeSteps.slice(0, 1) });
    await call(tool, 'PUT', `/api/cohorts/${c}/modules/${m.moduleId}/steps/${m.stepIds[0]}/progress`, teacher, { status: 'complete' });
    await tool.db('cohorts').where({ id: c }).update({ status: 'archived' });
    const hours = (await call(tool, 'GET', '/api/my-learning/pd-hours', teacher)).body;
    expect(hours.cohorts.find((x: { cohortId: string }) => x.cohortId === c)).toMatchObject({ archived: true, pdMinutes: 15 });
    expect((await call(tool, 'GET', '/api/my-learning', teacher)).body.cohorts.map((x: { id: string }) => x.id)).not.toContain(c);
  });
});

import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, launchInto, person, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

describe('progress, completion and PD hours', () => {
  let tool: TestTool;
  let admin: Who;
  let teachers: [Who, Who, Who];

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, teachers } = await courseWithCohort(tool, 'progress-course'));
  });
  afterAll(async () => {
    await tool.stop();
  });

  const progressUrl = (cohortId: string, moduleId: string, stepId: string) => `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}/progress`;

  it('records steps started and complete; completing the last step completes the module and credits its PD minutes', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId, { title: 'Completion' });
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'M', pdMinutes: 90, steps: threeSteps });
    const t = teachers[0];
    const started = await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), t, { status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ step: { status: 'in_progress', completedAt: null }, module: { completedSteps: 0, totalSteps: 3, complete: false } });
    expect(started.body.step.startedAt).toEqual(expect.any(String));
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), t, { status: 'complete' });
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[1]!), t, { status: 'complete' });
    const last = await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[2]!), t, { status: 'complete' });
    expect(last.body.module).toMatchObject({ completedSteps: 3, complete: true, pdMinutesCredited: 90, justCompleted: true });
    // Going back to "in progress" does not undo a completed step.
    const back = await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[2]!), t, { status: 'in_progress' });
    expect(back.body).toMatchObject({ step: { status: 'complete' }, module: { complete: true, justCompleted: false } });

    const hours = (await call(tool, 'GET', '/api/my-learning/pd-hours', t)).body;
    expect(hours.totalMinutes).toBe(90);
    expect(hours.totalHours).toBe(1.5);
    expect(hours.cohorts).toEqual([
      { cohortId, title: 'Completion', archived: false, pdMinutes: 90, modules: [{ moduleId, title: 'M', versionNumber: 1, pdMinutes: 90, completedAt: expect.any(String) }] },
    ]);
  });

  it('credits PD minutes once when "complete" is sent twice at the same time, and when the last two steps complete concurrently', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Twice', pdMinutes: 60, steps: threeSteps });
    const t = teachers[1];
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), t, { status: 'complete' });
    const [a, b, c, d] = await Promise.all([
      call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[1]!), t, { status: 'complete' }),
      call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[2]!), t, { status: 'complete' }),
      call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[2]!), t, { status: 'complete' }),
      call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[1]!), t, { status: 'complete' }),
    ]);
    expect([a, b, c, d].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect([a, b, c, d].filter((r) => r.body.module.justCompleted)).toHaveLength(1);
    const completions = await tool.db('module_completions').where({ module_id: moduleId, user_id: t.userId });
    expect(completions.map((x) => x.pd_minutes)).toEqual([60]);
    expect((await call(tool, 'GET', '/api/my-learning/pd-hours', t)).body.totalMinutes).toBe(60);
  });

  it('locks a module that opens after the previous one: 409 module_locked naming the module to finish first', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const first = await publishModule(tool, admin, cohortId, { title: 'Foundations', steps: threeSteps.slice(0, 1) });
    const second = await publishModule(tool, admin, cohortId, { title: 'Next', unlockRule: 'after_previous', steps: threeSteps.slice(0, 1) });
    const t = teachers[2];
    const locked = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${second.moduleId}`, t);
    expect(locked.status).toBe(409);
    expect(locked.body.error).toMatchObject({ id: 'module_locked', details: { blockedBy: { moduleId: first.moduleId, title: 'Foundations' } } });
    expect(locked.body.error.message).toContain('Foundations');
    const progress = await call(tool, 'PUT', progressUrl(cohortId, second.moduleId, second.stepIds[0]!), t, { status: 'complete' });
    expect(progress.body.error.id).toBe('module_locked');
    expect(await tool.db('step_progress').where({ user_id: t.userId, module_id: second.moduleId })).toHaveLength(0);
    await call(tool, 'PUT', progressUrl(cohortId, first.moduleId, first.stepIds[0]!), t, { status: 'complete' });
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${second.moduleId}`, t)).status).toBe(200);
  });

  it('keeps progress on steps that survive a publish, ignores removed ones, and keeps a completion valid when steps are added', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Evolving', pdMinutes: 30, steps: threeSteps });
    const [early, finisher] = [teachers[0], teachers[1]];
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), early, { status: 'complete' });
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[1]!), early, { status: 'complete' });
    for (const id of stepIds) await call(tool, 'PUT', progressUrl(cohortId, moduleId, id), finisher, { status: 'complete' });

    // Version 2: step 2 removed, a new step added.
    const base = `/api/cohorts/${cohortId}/modules/${moduleId}`;
    await call(tool, 'DELETE', `${base}/draft/steps/${stepIds[1]}`, admin);
    await call(tool, 'POST', `${base}/draft/steps`, admin, { kind: 'read', title: 'New reading', estimatedMinutes: 7, content: { markdown: 'new' } });
    const published = await call(tool, 'POST', `${base}/publish`, admin);
    const v2Steps = published.body.steps.map((s: { stepId: string }) => s.stepId);
    expect(v2Steps.slice(0, 2)).toEqual([stepIds[0], stepIds[2]]);

    const player = (await call(tool, 'GET', base, early)).body;
    expect(player.steps.map((s: { progress: { status: string } }) => s.progress.status)).toEqual(['complete', 'not_started', 'not_started']);
    expect(player.module).toMatchObject({ completedSteps: 1, totalSteps: 3, status: 'in_progress', remainingMinutes: 37, versionNumber: 2 });
    expect(player.nextStepId).toBe(stepIds[2]);

    const finished = (await call(tool, 'GET', base, finisher)).body;
    expect(finished.module).toMatchObject({ status: 'complete', percent: 100, pdMinutesEarned: 30 });
    expect((await call(tool, 'GET', '/api/my-learning/pd-hours', finisher)).body.cohorts.find((c: { cohortId: string }) => c.cohortId === cohortId).pdMinutes).toBe(30);
  });

  it('completes the module at publish for people whose remaining steps were all removed', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Trimmed', pdMinutes: 20, steps: threeSteps });
    const t = teachers[2];
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), t, { status: 'complete' });
    await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[1]!), t, { status: 'complete' });
    await call(tool, 'DELETE', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/steps/${stepIds[2]}`, admin);
    await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/publish`, admin);
    const completion = await tool.db('module_completions').where({ module_id: moduleId, user_id: t.userId }).first();
    expect(completion.pd_minutes).toBe(20);
  });

  it('keeps progress recorded while a publish runs (publish and progress at the same time)', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Racing', steps: threeSteps });
    const base = `/api/cohorts/${cohortId}/modules/${moduleId}`;
    await call(tool, 'PATCH', `${base}/draft`, admin, { title: 'Racing v2' });
    const [progress, publish] = await Promise.all([
      call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), teachers[0], { status: 'complete' }),
      call(tool, 'POST', `${base}/publish`, admin),
    ]);
    expect([progress.status, publish.status]).toEqual([200, 200]);
    const player = (await call(tool, 'GET', base, teachers[0])).body;
    expect(player.module.title).toBe('Racing v2');
    expect(player.steps[0].progress.status).toBe('complete');
  });

  it('answers 404 for a step of another version or module, and 400 naming the field for a bad status', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const a = await publishModule(tool, admin, cohortId, { title: 'A', steps: threeSteps });
    const b = await publishModule(tool, admin, cohortId, { title: 'B', steps: threeSteps });
    expect((await call(tool, 'PUT', progressUrl(cohortId, a.moduleId, b.stepIds[0]!), teachers[0], { status: 'complete' })).status).toBe(404);
    const bad = await call(tool, 'PUT', progressUrl(cohortId, a.moduleId, a.stepIds[0]!), teachers[0], { status: 'done' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('status');
  });

  it('answers 409 cohort_archived when progress is sent to an archived cohort', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Old', steps: threeSteps });
    await tool.db('cohorts').where({ id: cohortId }).update({ status: 'archived' });
    const answer = await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), teachers[0], { status: 'complete' });
    expect({ status: answer.status, id: answer.body.error.id }).toEqual({ status: 409, id: 'cohort_archived' });
  });

  it('answers 404 to a teacher of another course guessing the cohort and module ids', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Ours', steps: threeSteps });
    const outsider = await launchInto(tool, person('progress-outsider', 'Otto Side', 'participant'), 'progress-other-course');
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, outsider)).status).toBe(404);
    expect((await call(tool, 'PUT', progressUrl(cohortId, moduleId, stepIds[0]!), outsider, { status: 'complete' })).status).toBe(404);
    expect((await call(tool, 'GET', '/api/my-learning', outsider)).body.cohorts).toEqual([]);
  });
});

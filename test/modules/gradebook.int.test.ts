import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

describe('module completion → LMS gradebook', () => {
  let tool: TestTool;
  let admin: Who;
  let teachers: [Who, Who, Who];

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, teachers } = await courseWithCohort(tool, 'gradebook-course'));
  });
  afterAll(async () => {
    await tool.stop();
  });

  const completeAll = (who: Who, cohortId: string, m: { moduleId: string; stepIds: string[] }) =>
    Promise.all(m.stepIds.map((s) => call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${s}/progress`, who, { status: 'complete' })));

  it('enqueues one 1/1 "Completed" score for the person’s course when a module that reports to the gradebook is completed', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const m = await publishModule(tool, admin, cohortId, { title: 'Graded module', pdMinutes: 45, reportsToGradebook: true, steps: threeSteps });
    await completeAll(teachers[0], cohortId, m);
    await completeAll(teachers[0], cohortId, m); // again: no second score
    const passbacks = await tool.db('score_passbacks').where({ user_id: teachers[0].userId, resource_id: `staffroom-module:${m.moduleId}` });
    expect(passbacks).toHaveLength(1);
    expect(passbacks[0]).toMatchObject({ context_id: teachers[0].contextId, tag: 'staffroom-module-completion' });
    expect(passbacks[0].payload).toEqual({
      lineItem: { label: 'Graded module', scoreMaximum: 1 },
      score: { scoreGiven: 1, scoreMaximum: 1, comment: 'Completed in Staffroom (45 PD minutes).', activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
    });
  });

  it('sends nothing for a module that does not report to the gradebook (the default)', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const m = await publishModule(tool, admin, cohortId, { title: 'Ungraded', steps: threeSteps });
    await completeAll(teachers[1], cohortId, m);
    expect(await tool.db('module_completions').where({ module_id: m.moduleId })).toHaveLength(1);
    expect(await tool.db('score_passbacks').where({ resource_id: `staffroom-module:${m.moduleId}` })).toHaveLength(0);
  });

  it('reports completions made by a publish (steps people had left were removed)', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const m = await publishModule(tool, admin, cohortId, { title: 'Trimmed and graded', reportsToGradebook: true, steps: threeSteps });
    await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${m.stepIds[0]}/progress`, teachers[2], { status: 'complete' });
    await call(tool, 'DELETE', `/api/cohorts/${cohortId}/modules/${m.moduleId}/draft/steps/${m.stepIds[1]}`, admin);
    await call(tool, 'DELETE', `/api/cohorts/${cohortId}/modules/${m.moduleId}/draft/steps/${m.stepIds[2]}`, admin);
    await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${m.moduleId}/publish`, admin);
    const passbacks = await tool.db('score_passbacks').where({ user_id: teachers[2].userId, resource_id: `staffroom-module:${m.moduleId}` });
    expect(passbacks.map((p) => p.context_id)).toEqual([teachers[2].contextId]);
  });
});

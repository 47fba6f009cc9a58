import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from '../modules/factories';
import { buildFramework, call, launchInto, linkFramework, person, rate, type Who } from './competencyFlow';

jest.setTimeout(300_000);

describe('competencies across schools of a network cohort, and in archived cohorts', () => {
  let tool: TestTool;
  let adminA: Who;
  let teacherA: Who;
  let leadB: Who;
  let teacherB: Who;
  let cohortId: string;
  let plan: string;

  beforeAll(async () => {
    tool = await startTestTool();
    adminA = await launchInto(tool, person('net-admin-a', 'Ann Admin', 'admin'), 'net-school-a');
    teacherA = await launchInto(tool, person('net-teacher-a', 'Tom Teacher', 'participant'), 'net-school-a');
    leadB = await launchInto(tool, person('net-lead-b', 'Bea Lead', 'lead'), 'net-school-b');
    teacherB = await launchInto(tool, person('net-teacher-b', 'Ben Teacher', 'participant'), 'net-school-b');
    cohortId = await buildCohort(tool.db, adminA.contextId, { otherContextIds: [leadB.contextId], title: 'Two-school network' });
    const f = await buildFramework(tool, adminA);
    plan = f.ids.plan;
    await linkFramework(tool, adminA, cohortId, { frameworkId: f.frameworkId });
    await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${plan}/evidence`, teacherA, { title: 'School A work', text: 'a' });
    await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${plan}/evidence`, teacherB, { title: 'School B work', text: 'b' });
  });
  afterAll(() => tool.stop());

  it('shows each school’s lead only their own staff in the queue and heatmap', async () => {
    const queue = await call(tool, 'GET', `/api/cohorts/${cohortId}/grading-queue`, leadB);
    expect(queue.body.items.map((i: { title: string }) => i.title)).toEqual(['School B work']);
    const heatmap = await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap`, leadB);
    expect(heatmap.body.people.map((p: { userId: string }) => p.userId).sort()).toEqual([leadB.userId, teacherB.userId].sort());
  });

  it('lets a lead rate their own school’s staff (201) but not another school’s (404), nor read their profile (404)', async () => {
    expect((await rate(tool, leadB, cohortId, teacherB.userId, plan, 'Proficient')).status).toBe(201);
    expect((await rate(tool, leadB, cohortId, teacherA.userId, plan, 'Proficient')).status).toBe(404);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/people/${teacherA.userId}/competencies`, leadB)).status).toBe(404);
  });

  it('keeps the cohort’s settings with the admins of the course that holds it (403 for the other school’s staff)', async () => {
    const current = (await call(tool, 'GET', `/api/cohorts/${cohortId}/competencies`, leadB)).body;
    expect(current.framework).not.toBeNull();
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies`, leadB, { frameworkId: current.framework.id })).status).toBe(403);
  });

  it('makes an archived cohort read-only: ratings, evidence and review requests answer 409 cohort_archived', async () => {
    await tool.db('cohorts').where({ id: cohortId }).update({ status: 'archived' });
    try {
      expect((await rate(tool, adminA, cohortId, teacherA.userId, plan, 'Proficient')).body.error.id).toBe('cohort_archived');
      expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${plan}/evidence`, teacherA, { title: 'x', text: 'y' })).body.error.id).toBe('cohort_archived');
      expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${plan}/review-requests`, teacherA, {})).body.error.id).toBe('cohort_archived');
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/competencies`, teacherB)).status).toBe(200);
    } finally {
      await tool.db('cohorts').where({ id: cohortId }).update({ status: 'active' });
    }
  });
});

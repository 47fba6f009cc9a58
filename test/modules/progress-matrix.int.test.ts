import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, launchInto, person, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

describe('GET /api/cohorts/:id/progress (the cohort progress matrix)', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: [Who, Who, Who];
  let partnerAdmin: Who;
  let partnerTeacher: Who;
  let cohortId: string;
  let m1: { moduleId: string; stepIds: string[] };
  let m2: { moduleId: string; stepIds: string[] };
  const matrix = (who: Who, query = '') => call(tool, 'GET', `/api/cohorts/${cohortId}/progress${query}`, who);

  beforeAll(async () => {
    tool = await startTestTool();
    const home = await courseWithCohort(tool, 'matrix-home');
    ({ admin, lead, teachers } = home);
    partnerAdmin = await launchInto(tool, person('matrix-partner-admin', 'Paula Partner', 'admin'), 'matrix-partner');
    partnerTeacher = await launchInto(tool, person('matrix-partner-t1', 'Pip Partner', 'participant'), 'matrix-partner');
    cohortId = await buildCohort(tool.db, admin.contextId, { otherContextIds: [partnerAdmin.contextId], title: 'Network cohort' });
    m1 = await publishModule(tool, admin, cohortId, { title: 'One', pdMinutes: 30, steps: threeSteps });
    m2 = await publishModule(tool, admin, cohortId, { title: 'Two', steps: threeSteps });
    const archived = await publishModule(tool, admin, cohortId, { title: 'Gone', steps: threeSteps });
    await call(tool, 'PATCH', `/api/cohorts/${cohortId}/modules/${archived.moduleId}`, admin, { archived: true });
    const done = (who: Who, m: { moduleId: string; stepIds: string[] }, n: number) =>
      Promise.all(m.stepIds.slice(0, n).map((s) => call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${s}/progress`, who, { status: 'complete' })));
    await done(teachers[0], m1, 3);
    await done(teachers[1], m1, 1);
    await done(partnerTeacher, m1, 3);
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('shows an admin their own course’s members only, person × published module, with per-module totals (200)', async () => {
    const answer = await matrix(admin);
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body).toMatchObject({ cohort: { id: cohortId, title: 'Network cohort' }, contextId: admin.contextId, members: 5, nextCursor: null });
    expect(body.modules.map((m: { title: string }) => m.title)).toEqual(['One', 'Two']);
    expect(body.modules[0]).toMatchObject({ totalSteps: 3, totals: { completed: 1, inProgress: 1, notStarted: 3, percentCompleted: 20 } });
    expect(body.people.map((p: { name: string }) => p.name)).toEqual(['Ada Admin', 'Lee Lead', 'Tess One', 'Theo Two', 'Tia Three']);
    expect(body.people.map((p: { userId: string }) => p.userId)).not.toContain(partnerTeacher.userId);
    const tess = body.people[2];
    expect(tess).toMatchObject({ role: 'participant', pdMinutesEarned: 30 });
    expect(tess.modules[0]).toMatchObject({ moduleId: m1.moduleId, status: 'complete', completedSteps: 3, percent: 100, completedAt: expect.any(String) });
    expect(tess.modules[1]).toMatchObject({ moduleId: m2.moduleId, status: 'not_started', percent: 0, lastActivityAt: null });
    expect(body.people[3].modules[0]).toMatchObject({ status: 'in_progress', completedSteps: 1, percent: 33 });
  });

  it('shows a partner school’s admin their own staff and the same modules', async () => {
    const body = (await matrix(partnerAdmin)).body;
    expect(body.people.map((p: { name: string }) => p.name)).toEqual(['Paula Partner', 'Pip Partner']);
    expect(body.modules[0].totals).toMatchObject({ completed: 1, inProgress: 0 });
  });

  it('filters by role and pages through people with a cursor, without repeats', async () => {
    expect((await matrix(admin, '?role=participant')).body).toMatchObject({ members: 3 });
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { people: { userId: string }[]; nextCursor: string | null } = (await matrix(lead, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.people.length).toBeLessThanOrEqual(2);
      seen.push(...page.people.map((p) => p.userId));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('recounts people’s complete steps against the new version when a module is published', async () => {
    await call(tool, 'DELETE', `/api/cohorts/${cohortId}/modules/${m1.moduleId}/draft/steps/${m1.stepIds[0]}`, admin);
    await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${m1.moduleId}/publish`, admin);
    const body = (await matrix(admin)).body;
    expect(body.modules[0]).toMatchObject({ totalSteps: 2, totals: { completed: 1, inProgress: 1 } });
    const cell = (userId: string) => body.people.find((p: { userId: string }) => p.userId === userId).modules[0];
    expect(cell(teachers[1].userId)).toMatchObject({ status: 'in_progress', completedSteps: 0, percent: 0 });
    expect(cell(teachers[0].userId)).toMatchObject({ status: 'complete', completedSteps: 2, percent: 100 });
  });

  it('answers 403 to participants, 404 to another course and 400 for a bad limit or cursor', async () => {
    const asTeacher = await matrix(teachers[0]);
    expect({ status: asTeacher.status, id: asTeacher.body.error.id }).toEqual({ status: 403, id: 'forbidden' });
    const outsider = await launchInto(tool, person('matrix-outsider', 'Out Sider', 'admin'), 'matrix-elsewhere');
    expect((await matrix(outsider)).status).toBe(404);
    expect((await matrix(admin, '?limit=0')).body.error.details.fields[0].field).toBe('limit');
    expect((await matrix(admin, '?cursor=%%%')).status).toBe(400);
  });
});

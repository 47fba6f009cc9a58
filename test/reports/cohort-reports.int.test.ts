import { parse } from 'csv-parse/sync';
import { HOURS_CSV, PARTICIPATION_CSV } from '../../lti-tool/src/reports/reports.routes';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, courseWithCohort, launchInto, otherPlatform, person, publishModule, type Who } from '../modules/moduleFlow';

/**
 * One course, hand-counted: Tess (Riverside) completes module A (3 steps, 60 min) and module B (1 step, 30 min);
 * Theo (Riverside) completes one step of A; Tia (Hillcrest) does nothing; Formula Person (no school) does nothing.
 */
jest.setTimeout(90_000); // many launches and publishes in the fixture; the shared CI machine can be slow

describe('cohort reports: participation and PD hours', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: [Who, Who, Who];
  let cohortId: string;
  let moduleA: string;
  let moduleB: string;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers, cohortId } = await courseWithCohort(tool, 'reports-course'));
    const formula = await launchInto(tool, person('reports-formula', '=HYPERLINK("http://evil.example")', 'participant'), 'reports-course');
    expect(formula.userId).toBeTruthy();
    await tool.db('memberships').whereIn('user_id', [teachers[0].userId, teachers[1].userId]).update({ school: 'Riverside' });
    await tool.db('memberships').where('user_id', teachers[2].userId).update({ school: 'Hillcrest' });
    const a = await publishModule(tool, admin, cohortId, {
      title: 'A: learning visits',
      pdMinutes: 60,
      steps: [
        { kind: 'read', title: 'Read', estimatedMinutes: 10, content: { markdown: 'Why visits.' } },
        { kind: 'read', title: 'Watch', estimatedMinutes: 10, content: { markdown: 'A visit.' } },
        { kind: 'read', title: 'Plan', estimatedMinutes: 10, content: { markdown: 'Plan one.' } },
      ],
    });
    const b = await publishModule(tool, admin, cohortId, { title: 'B: data', pdMinutes: 30, steps: [{ kind: 'read', title: 'Read', estimatedMinutes: 5, content: { markdown: 'Data.' } }] });
    moduleA = a.moduleId;
    moduleB = b.moduleId;
    const complete = (who: Who, moduleId: string, stepId: string) => call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}/progress`, who, { status: 'complete' });
    for (const s of a.stepIds) expect((await complete(teachers[0], moduleA, s)).status).toBe(200);
    expect((await complete(teachers[0], moduleB, b.stepIds[0]!)).status).toBe(200);
    expect((await complete(teachers[1], moduleA, a.stepIds[0]!)).status).toBe(200);
  });
  afterAll(() => tool.stop());

  const report = (who: Who, kind: string, query = '') => call(tool, 'GET', `/api/cohorts/${cohortId}/reports/${kind}${query}`, who);

  it('counts started and completed people and PD minutes per module, per school and per week (200 for an admin)', async () => {
    const res = await report(admin, 'participation');
    expect(res.status).toBe(200);
    expect(res.body.modules).toEqual([
      { moduleId: moduleA, position: expect.any(Number), title: 'A: learning visits', started: 2, completed: 1, pdMinutes: 60 },
      { moduleId: moduleB, position: expect.any(Number), title: 'B: data', started: 1, completed: 1, pdMinutes: 30 },
    ]);
    expect(res.body.schools).toEqual([
      { school: 'Hillcrest', participants: 1, started: 0, moduleCompletions: 0, pdMinutes: 0 },
      { school: 'Riverside', participants: 2, started: 2, moduleCompletions: 2, pdMinutes: 90 },
      { school: null, participants: 1, started: 0, moduleCompletions: 0, pdMinutes: 0 },
    ]);
    expect(res.body.weeks).toEqual([{ weekStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), activePeople: 2, stepsCompleted: 5, modulesCompleted: 2 }]);
  });

  it('lists PD hours per participant and the total; a lead sees the same (200)', async () => {
    const res = await report(lead, 'pd-hours');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.people.map((p: { userId: string }) => [p.userId, p]));
    expect(byId.get(teachers[0].userId)).toMatchObject({ name: 'Tess One', school: 'Riverside', modulesCompleted: 2, pdMinutes: 90, status: 'active' });
    expect(byId.get(teachers[1].userId)).toMatchObject({ modulesCompleted: 0, pdMinutes: 0 });
    expect(byId.has(admin.userId)).toBe(false); // staff who completed nothing are not participants of the report
    expect(res.body.people).toHaveLength(4);
    expect(res.body.totalMinutes).toBe(90);
  });

  it('downloads both reports as CSV with the documented columns, formulas neutralised', async () => {
    const hours = await api(tool, `/api/cohorts/${cohortId}/reports/pd-hours?format=csv`, admin.token);
    expect(hours.status).toBe(200);
    expect(hours.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(hours.headers.get('content-disposition')).toMatch(/^attachment; filename="?pd-hours-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const rows: string[][] = parse(await hours.text());
    expect(rows[0]).toEqual([...HOURS_CSV]);
    const tess = rows.find((r) => r[0] === teachers[0].userId)!;
    expect(tess.slice(1, 8)).toEqual(['Tess One', `reports-course-t1@example.edu`, 'Riverside', 'active', '2', '90', '1.5']);
    expect(rows.find((r) => r[1]!.includes('HYPERLINK'))![1]).toBe(`'=HYPERLINK("http://evil.example")`);

    const participation = await api(tool, `/api/cohorts/${cohortId}/reports/participation?format=csv`, admin.token);
    const prow: string[][] = parse(await participation.text());
    expect(prow[0]).toEqual([...PARTICIPATION_CSV]);
    expect(prow.filter((r) => r[0] === 'module').map((r) => [r[2], r[4], r[5], r[8]])).toEqual([
      ['A: learning visits', '2', '1', '60'],
      ['B: data', '1', '1', '30'],
    ]);
  });

  it('honours the date range: nothing counted before it started (and 400 naming the field for a reversed range)', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = await report(admin, 'pd-hours', `?from=${tomorrow}`);
    expect(later.body.totalMinutes).toBe(0);
    const bad = await report(admin, 'participation', `?from=${tomorrow}&to=2020-01-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('from');
    expect((await report(admin, 'participation', '?from=yesterday')).status).toBe(400);
  });

  it('refuses participants (403) and another tenant or a guessed id (404), and changes nothing', async () => {
    expect((await report(teachers[0], 'participation')).status).toBe(403);
    expect((await report(teachers[0], 'pd-hours')).status).toBe(403);
    const stranger = await launchInto(tool, person('reports-stranger', 'Sol Stranger', 'admin'), 'reports-elsewhere', await otherPlatform(tool, 'lms.reports-other.example'));
    expect((await report(stranger, 'participation')).status).toBe(404);
    expect((await call(tool, 'GET', '/api/cohorts/00000000-0000-4000-8000-000000000000/reports/pd-hours', admin)).status).toBe(404);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/reports/pd-hours`, null)).status).toBe(401);
  });
});

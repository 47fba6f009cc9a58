import { loadTimeOnTask } from '../../lti-tool/src/modules/timeOnTask';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, launchInto, otherPlatform, person, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

describe('time on task: visible-time heartbeats from the player', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: [Who, Who, Who];

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers } = await courseWithCohort(tool, 'time-course'));
  });
  afterAll(async () => {
    await tool.stop();
  });

  const timeUrl = (cohortId: string, moduleId: string, stepId: string) => `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}/time`;
  const rowOf = (userId: string, stepId: string) => tool.db('step_time').where({ user_id: userId, step_id: stepId }).first();
  /** Pretends the previous heartbeat was `seconds` ago (the server bounds a beat by the wall-clock gap). */
  const lastBeatAgo = (userId: string, stepId: string, seconds: number) =>
    tool.db('step_time').where({ user_id: userId, step_id: stepId }).update({ last_beat_at: new Date(Date.now() - seconds * 1000) });

  it('accumulates seconds per person and step, capping each beat at 120 s and at the wall-clock gap since the last one', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Timed', steps: threeSteps }); // read: 10 min
    const [t1, t2] = teachers;
    const url = timeUrl(cohortId, moduleId, stepIds[0]!);
    const first = await call(tool, 'POST', url, t1, { seconds: 30 });
    expect(first).toEqual({ status: 200, body: { totalSeconds: 30 } });
    // A second beat straight away: at most the gap (about 0 s) plus 5 s of slack, not the 100 claimed.
    const rapid = await call(tool, 'POST', url, t1, { seconds: 100 });
    expect(rapid.body.totalSeconds).toBeGreaterThanOrEqual(35);
    expect(rapid.body.totalSeconds).toBeLessThanOrEqual(37);
    // After an hour's gap a beat still counts at most 120 s.
    await tool.db('step_time').where({ user_id: t1.userId, step_id: stepIds[0]! }).update({ seconds: 30 });
    await lastBeatAgo(t1.userId, stepIds[0]!, 3600);
    expect((await call(tool, 'POST', url, t1, { seconds: 3600 })).body).toEqual({ totalSeconds: 150 });
    // Another person's time is their own row.
    expect((await call(tool, 'POST', url, t2, { seconds: 45 })).body).toEqual({ totalSeconds: 45 });
    expect((await rowOf(t1.userId, stepIds[0]!)).seconds).toBe(150);
  });

  it('caps a step at four times its estimate (at least an hour): a tab left open overnight does not count the night', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Overnight', steps: [{ ...threeSteps[2]!, estimatedMinutes: 30 }] });
    const t = teachers[2];
    const url = timeUrl(cohortId, moduleId, stepIds[0]!);
    await call(tool, 'POST', url, t, { seconds: 60 });
    // Simulate a night of beats: 7190 s recorded, then more beats after long gaps.
    await tool.db('step_time').where({ user_id: t.userId, step_id: stepIds[0]! }).update({ seconds: 7190 });
    await lastBeatAgo(t.userId, stepIds[0]!, 600);
    expect((await call(tool, 'POST', url, t, { seconds: 120 })).body).toEqual({ totalSeconds: 7200 }); // 4 × 30 min
    await lastBeatAgo(t.userId, stepIds[0]!, 600);
    expect((await call(tool, 'POST', url, t, { seconds: 120 })).body).toEqual({ totalSeconds: 7200 });
  });

  it('answers 400 for seconds out of range, fractional or with a user id, and writes nothing', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Bad', steps: threeSteps });
    const url = timeUrl(cohortId, moduleId, stepIds[0]!);
    for (const body of [{ seconds: 0 }, { seconds: 3601 }, { seconds: 1.5 }, { seconds: '30' }, {}, { seconds: 30, userId: teachers[1].userId }]) {
      const res = await call(tool, 'POST', url, teachers[0], body);
      expect({ status: res.status, id: res.body.error.id }).toEqual({ status: 400, id: 'validation_failed' });
    }
    expect(await tool.db('step_time').where({ step_id: stepIds[0]! })).toEqual([]);
  });

  it('refuses steps the caller cannot work on: another cohort’s step 404, another LMS’s admin 404, a locked module 409, a template 409', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const mine = await publishModule(tool, admin, cohortId, { title: 'Mine', steps: threeSteps });
    const otherCohort = await buildCohort(tool.db, admin.contextId);
    const other = await publishModule(tool, admin, otherCohort, { title: 'Other', steps: threeSteps });
    const t = teachers[0];
    const crossed = await call(tool, 'POST', timeUrl(cohortId, mine.moduleId, other.stepIds[0]!), t, { seconds: 30 });
    expect({ status: crossed.status, id: crossed.body.error.id }).toEqual({ status: 404, id: 'not_found' });
    const tenant = await otherPlatform(tool, 'time-other-lms.example.org');
    const stranger = await launchInto(tool, person('time-stranger', 'Stella Stranger', 'admin'), 'time-course', tenant);
    expect((await call(tool, 'POST', timeUrl(cohortId, mine.moduleId, mine.stepIds[0]!), stranger, { seconds: 30 })).status).toBe(404);
    const locked = await publishModule(tool, admin, cohortId, { title: 'Later', unlockRule: 'after_previous', steps: threeSteps });
    const lockedRes = await call(tool, 'POST', timeUrl(cohortId, locked.moduleId, locked.stepIds[0]!), t, { seconds: 30 });
    expect({ status: lockedRes.status, id: lockedRes.body.error.id }).toEqual({ status: 409, id: 'module_locked' });
    const template = await buildCohort(tool.db, admin.contextId, { kind: 'template' });
    const tm = await publishModule(tool, admin, template, { title: 'T', steps: threeSteps });
    expect((await call(tool, 'POST', timeUrl(template, tm.moduleId, tm.stepIds[0]!), admin, { seconds: 30 })).body.error.id).toBe('cohort_is_template');
    expect(await tool.db('step_time').whereIn('step_id', [other.stepIds[0]!, locked.stepIds[0]!, tm.stepIds[0]!])).toEqual([]);
    // Staff who work through a module record their own time like anyone else.
    expect((await call(tool, 'POST', timeUrl(cohortId, mine.moduleId, mine.stepIds[0]!), lead, { seconds: 20 })).body).toEqual({ totalSeconds: 20 });
  });

  it('sums measured time on completed steps in loadTimeOnTask next to the estimate', async () => {
    const cohortId = await buildCohort(tool.db, admin.contextId);
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Sum', steps: threeSteps }); // 10, 15, 30 min
    const [t1, t2] = teachers;
    const beat = async (who: Who, stepId: string, seconds: number) => {
      await lastBeatAgo(who.userId, stepId, 600);
      return call(tool, 'POST', timeUrl(cohortId, moduleId, stepId), who, { seconds });
    };
    await beat(t1, stepIds[0]!, 120);
    await beat(t1, stepIds[0]!, 120);
    await beat(t1, stepIds[0]!, 60); // 300 s on step 1
    await beat(t1, stepIds[1]!, 120); // 120 s on step 2, which stays unfinished
    await beat(t2, stepIds[0]!, 90);
    for (const s of [stepIds[0]!]) await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${s}/progress`, t1, { status: 'complete' });
    for (const s of [stepIds[0]!, stepIds[2]!]) await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${s}/progress`, t2, { status: 'complete' });
    const rows = await loadTimeOnTask(tool.db, { cohortId, contextIds: [admin.contextId], from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(rows).toHaveLength(2);
    expect(byUser.get(t1.userId)).toEqual({ userId: t1.userId, estimatedMinutes: 10, measuredMinutes: 5 });
    expect(byUser.get(t2.userId)).toEqual({ userId: t2.userId, estimatedMinutes: 10 + 30, measuredMinutes: 2 }); // 90 s → 1.5 → 2
  });
});

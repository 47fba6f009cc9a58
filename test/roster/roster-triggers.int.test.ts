import { ROSTER_SCHEDULE_CRON, ROSTER_SCHEDULE_QUEUE } from '../../lti-tool/src/roster/roster.module';
import { ROSTER_SYNC_QUEUE } from '../../lti-tool/src/roster/roster.service';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { eventually, finishedSync, launchDemo, launchInCourse, requestSync, ROLE, sandboxCourse, type SyncJson } from './rosterFlow';

describe('what starts a roster sync: the first launch, an admin, the nightly schedule', () => {
  let tool: TestTool;
  const contextIdOf = async (ltiContextId: string) => (await tool.db('contexts').where({ lti_context_id: ltiContextId }).first('id')).id as string;
  const runsOf = async (ltiContextId: string) => tool.db('roster_syncs').where({ context_id: await contextIdOf(ltiContextId) }).orderBy('queued_at');

  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('the first launch in a course with NRPS queues exactly one sync; later launches queue none', async () => {
    const lead = await launchDemo(tool, 'lead');
    await launchDemo(tool, 'teacher-1');
    await launchDemo(tool, 'teacher-2');
    const run = await finishedSync(tool, lead);
    expect(run).toMatchObject({ trigger: 'first_launch', status: 'succeeded' });
    await launchDemo(tool, 'teacher-3');
    expect(await runsOf('demo-pl-cohort')).toHaveLength(1);
    expect(await tool.services.jobs.counts(ROSTER_SYNC_QUEUE)).toEqual({ completed: 1 });
  });

  it('a course whose launches carry no NRPS claim gets no sync, and an admin asking for one gets 409 roster_service_unavailable', async () => {
    const admin = await launchInCourse(tool, 'admin', 'course-without-nrps', { nrps: false });
    expect(await runsOf('course-without-nrps')).toEqual([]);
    const res = await requestSync(tool, admin);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { id: 'roster_service_unavailable', message: expect.stringMatching(/Names and Role Provisioning/) } });
    expect(await runsOf('course-without-nrps')).toEqual([]);
  });

  it('asking again while a sync is pending answers 202 with the same run and queues no second job', async () => {
    const admin = await launchDemo(tool, 'admin');
    await sandboxCourse(tool).faults([{ kind: 'slow', delayMs: 1_500, times: 1 }]);
    const first = await requestSync(tool, admin);
    const second = await requestSync(tool, admin);
    expect([first.status, second.status]).toEqual([202, 202]);
    const [a, b] = [((await first.json()) as { sync: SyncJson }).sync, ((await second.json()) as { sync: SyncJson }).sync];
    expect(b.id).toBe(a.id);
    expect((await finishedSync(tool, admin, a.id)).status).toBe('succeeded');
    expect((await runsOf('demo-pl-cohort')).map((r) => r.trigger)).toEqual(['first_launch', 'manual']);
    expect(await tool.services.jobs.counts(ROSTER_SYNC_QUEUE)).toEqual({ completed: 2 });
  });

  it('the nightly job queues one sync for every course with an NRPS URL and none for a course without', async () => {
    const second = sandboxCourse(tool, 'second-course');
    await second.upsert([{ userId: 'sandbox-admin-1', roles: [ROLE.instructor] }]);
    await second.generate(3, 'second');
    const admin2 = await launchInCourse(tool, 'admin', 'second-course');
    expect((await finishedSync(tool, admin2)).status).toBe('succeeded');

    await tool.services.jobs.send(ROSTER_SCHEDULE_QUEUE, {});
    const scheduled = await eventually(async () => {
      const rows = await tool.db('roster_syncs').where({ trigger: 'schedule' });
      return rows.length === 2 && rows.every((r) => r.status === 'succeeded') ? rows : null;
    }, 60_000, 'two scheduled syncs');
    expect(scheduled.map((r) => r.context_id).sort()).toEqual([await contextIdOf('demo-pl-cohort'), await contextIdOf('second-course')].sort());
    expect(await runsOf('course-without-nrps')).toEqual([]);
  });

  it('the nightly schedule is registered with the job queue as a cron', async () => {
    const result = await tool.db.raw(`SELECT name, cron FROM ${tool.config.jobs.schema}.schedule WHERE name = ?`, [ROSTER_SCHEDULE_QUEUE]);
    expect(result.rows).toEqual([{ name: ROSTER_SCHEDULE_QUEUE, cron: ROSTER_SCHEDULE_CRON }]);
  });
});

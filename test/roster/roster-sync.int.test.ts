import { startTestTool, type TestTool } from '../helpers/testTool';
import { launchDemo, rosterBySub, ROLE, sandboxCourse, syncNow, finishedSync, eventually, latestSync, requestSync, type SyncJson } from './rosterFlow';

describe('roster sync reads the course membership from NRPS pages and applies role changes, leavers and returners', () => {
  let tool: TestTool;
  let admin: string;
  const course = () => sandboxCourse(tool);

  beforeAll(async () => {
    tool = await startTestTool();
    await course().settings({ pageSize: 2 }); // 5 personas → pages of 2, 2 and 1, like a Canvas that caps `limit`
    admin = await launchDemo(tool, 'admin'); // the first launch queues the first sync
  }, 120_000);
  afterAll(() => tool.stop());

  it('the first launch syncs all 5 members over 3 pages; the LMS admin stays admin, the instructor is lead', async () => {
    const run = await finishedSync(tool, admin);
    expect(run).toMatchObject({ trigger: 'first_launch', status: 'succeeded', attempts: 1, progress: { pagesFetched: 3, membersFetched: 5 }, error: null });
    expect(run.changes).toEqual({ added: 4, updated: 0, reactivated: 0, deactivated: 0 }); // the admin's own launch made the 5th
    expect(await rosterBySub(tool, admin)).toEqual({
      'sandbox-admin-1': { role: 'admin', status: 'active', name: 'Morgan Ellis', email: 'morgan.ellis@example.edu' },
      'sandbox-lead-1': { role: 'lead', status: 'active', name: 'Priya Raman', email: 'priya.raman@example.edu' },
      'sandbox-teacher-1': { role: 'participant', status: 'active', name: 'Sam Okafor', email: 'sam.okafor@example.edu' },
      'sandbox-teacher-2': { role: 'participant', status: 'active', name: 'Lena Fischer', email: 'lena.fischer@example.edu' },
      'sandbox-teacher-3': { role: 'participant', status: 'active', name: 'Tomás Rivera', email: 'tomas.rivera@example.edu' },
    });
  });

  it('a member promoted to instructor becomes lead and a member who left becomes inactive (not deleted)', async () => {
    await course().upsert([{ userId: 'sandbox-teacher-2', roles: [ROLE.instructor] }]);
    await course().remove('sandbox-teacher-3');
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded', progress: { pagesFetched: 2, membersFetched: 4 } });
    expect(run.changes).toEqual({ added: 0, updated: 1, reactivated: 0, deactivated: 1 });
    const roster = await rosterBySub(tool, admin);
    expect(roster['sandbox-teacher-2']).toMatchObject({ role: 'lead', status: 'active' });
    expect(roster['sandbox-teacher-3']).toMatchObject({ role: 'participant', status: 'inactive', name: 'Tomás Rivera' });
    expect(await tool.db('users').where({ sub: 'sandbox-teacher-3' })).toHaveLength(1);
  });

  it('a member who comes back is reactivated; one the LMS lists as Inactive becomes inactive', async () => {
    await course().upsert([{ userId: 'sandbox-teacher-3' }, { userId: 'sandbox-teacher-1', status: 'Inactive' }]);
    const run = await syncNow(tool, admin);
    expect(run.changes).toEqual({ added: 0, updated: 0, reactivated: 1, deactivated: 1 });
    const roster = await rosterBySub(tool, admin);
    expect(roster['sandbox-teacher-3']!.status).toBe('active');
    expect(roster['sandbox-teacher-1']!.status).toBe('inactive');
  });

  it('a launch by a member the roster marked inactive makes them active again (the LMS just let them in)', async () => {
    await launchDemo(tool, 'teacher-1');
    expect((await rosterBySub(tool, admin))['sandbox-teacher-1']!.status).toBe('active');
    await course().upsert([{ userId: 'sandbox-teacher-1', status: 'Active' }]);
  });

  it('full role URIs (as Canvas sends them) map to the same Staffroom roles as short names (as Moodle sends them)', async () => {
    const short = await rosterBySub(tool, admin);
    await course().settings({ roleFormat: 'full' });
    const run = await syncNow(tool, admin);
    expect(run.changes).toEqual({ added: 0, updated: 0, reactivated: 0, deactivated: 0 });
    const full = await rosterBySub(tool, admin);
    expect(Object.fromEntries(Object.entries(full).map(([k, v]) => [k, v.role]))).toEqual(Object.fromEntries(Object.entries(short).map(([k, v]) => [k, v.role])));
    await course().settings({ roleFormat: 'short' });
  });

  it('when the LMS stops sharing names and emails, the roster keeps the people without them (null)', async () => {
    await course().settings({ anonymous: true });
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.changes?.updated).toBe(5);
    const roster = await rosterBySub(tool, admin);
    expect(Object.values(roster).map((m) => [m.name, m.email])).toEqual(Array(5).fill([null, null]));
    expect(Object.values(roster).every((m) => m.status === 'active')).toBe(true);
    await course().settings({ anonymous: false });
    await syncNow(tool, admin);
  });

  it('new members are added; a course of 2 + 5 pages reports progress page by page while it runs', async () => {
    await course().generate(10, 'new-staff');
    await course().faults([{ kind: 'slow', page: 4, delayMs: 2_000, times: 1 }]);
    const res = await requestSync(tool, admin);
    expect(res.status).toBe(202);
    const { sync } = (await res.json()) as { sync: SyncJson };
    expect(sync).toMatchObject({ status: 'queued', progress: { pagesFetched: 0, membersFetched: 0 }, changes: null });
    const midway = await eventually(async () => {
      const run = await latestSync(tool, admin);
      return run?.status === 'running' && run.progress.pagesFetched === 3 ? run : null;
    }, 30_000, 'progress after 3 pages');
    expect(midway.progress).toEqual({ pagesFetched: 3, membersFetched: 6 });
    const done = await finishedSync(tool, admin, sync.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: { pagesFetched: 8, membersFetched: 15 }, changes: { added: 10, updated: 0, reactivated: 0, deactivated: 0 } });
    const roster = await rosterBySub(tool, admin);
    expect(roster['new-staff-7']).toEqual({ role: 'participant', status: 'active', name: 'Staff member 7', email: 'new-staff-7@example.edu' });
  });
});

import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { finishedSync, launchDemo, launchInCourse, requestSync, ROLE, sandboxCourse, type MemberJson, type SyncJson } from './rosterFlow';

describe('the roster API checks roles and never shows another course', () => {
  let tool: TestTool;
  let admin: string;
  let lead: string;
  let participant: string;
  let otherAdmin: string;

  beforeAll(async () => {
    tool = await startTestTool();
    admin = await launchDemo(tool, 'admin');
    lead = await launchDemo(tool, 'lead');
    participant = await launchDemo(tool, 'teacher-1');
    await finishedSync(tool, admin);
    const other = sandboxCourse(tool, 'other-course');
    await other.upsert([{ userId: 'sandbox-admin-1', roles: [ROLE.instructor] }, { userId: 'other-only-1', name: 'Ola Other', email: 'ola@other.example' }]);
    otherAdmin = await launchInCourse(tool, 'admin', 'other-course');
    await finishedSync(tool, otherAdmin);
  }, 120_000);
  afterAll(() => tool.stop());

  it('POST /api/roster/sync as an admin answers 202 with the queued run and its progress fields', async () => {
    const res = await requestSync(tool, admin);
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { sync } = (await res.json()) as { sync: SyncJson };
    expect(sync).toEqual({
      id: expect.any(String),
      trigger: 'manual',
      status: 'queued',
      attempts: 0,
      progress: { pagesFetched: 0, membersFetched: 0 },
      changes: null,
      error: null,
      queuedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      startedAt: null,
      finishedAt: null,
    });
    const done = await finishedSync(tool, admin, sync.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, progress: { pagesFetched: 1, membersFetched: 5 }, changes: { added: 0, updated: 0, reactivated: 0, deactivated: 0 } });
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt!));
  });

  it.each([
    ['a lead teacher', 403, 'forbidden', () => lead],
    ['a participant', 403, 'forbidden', () => participant],
    ['no session', 401, 'unauthenticated', () => null],
  ])('POST /api/roster/sync by %s answers %i %s and queues nothing', async (_who, status, id, token) => {
    const before = await tool.db('roster_syncs').count({ n: '*' }).first();
    const res = await requestSync(tool, token());
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe(id);
    expect(await tool.db('roster_syncs').count({ n: '*' }).first()).toEqual(before);
  });

  it('GET /api/roster/syncs/latest answers 200 for a lead teacher and 403 for a participant', async () => {
    const res = await api(tool, '/api/roster/syncs/latest', lead);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sync: SyncJson }).sync).toMatchObject({ status: 'succeeded', progress: { pagesFetched: 1 } });
    expect((await api(tool, '/api/roster/syncs/latest', participant)).status).toBe(403);
  });

  it('GET /api/roster answers 200 for a lead teacher with names, emails, roles, status and last launch; 403 for a participant', async () => {
    const res = await api(tool, '/api/roster', lead);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; members: MemberJson[]; lastSync: SyncJson };
    expect(body.total).toBe(5);
    expect(body.lastSync.status).toBe('succeeded');
    expect(body.members.find((m) => m.name === 'Priya Raman')).toEqual({
      userId: expect.any(String), name: 'Priya Raman', givenName: 'Priya', familyName: 'Raman', email: 'priya.raman@example.edu',
      role: 'lead', status: 'active', lastLaunchAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(body.members.find((m) => m.name === 'Tomás Rivera')).toMatchObject({ role: 'participant', lastLaunchAt: null }); // known from NRPS only
    const refused = await api(tool, '/api/roster', participant);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { id: string } }).error.id).toBe('forbidden');
  });

  it('GET /api/roster pages with limit/offset and filters by status; a bad query answers 400 validation_failed', async () => {
    const page = (await (await api(tool, '/api/roster?limit=2&offset=1', admin)).json()) as { total: number; members: MemberJson[] };
    expect(page.total).toBe(5);
    expect(page.members).toHaveLength(2);
    const inactive = (await (await api(tool, '/api/roster?status=inactive', admin)).json()) as { total: number };
    expect(inactive.total).toBe(0);
    for (const query of ['limit=0', 'limit=5000', 'status=deleted', 'offset=-1']) {
      const res = await api(tool, `/api/roster?${query}`, admin);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { id: string } }).error.id).toBe('validation_failed');
    }
  });

  it("an admin of another course sees that course's roster and runs only, never the demo course's (and vice versa)", async () => {
    const other = (await (await api(tool, '/api/roster', otherAdmin)).json()) as { members: MemberJson[] };
    expect(other.members.map((m) => m.name).sort()).toEqual(['Morgan Ellis', 'Ola Other']);
    const demo = (await (await api(tool, '/api/roster', admin)).json()) as { members: MemberJson[] };
    expect(demo.members.map((m) => m.name)).not.toContain('Ola Other');
    const otherLatest = ((await (await api(tool, '/api/roster/syncs/latest', otherAdmin)).json()) as { sync: SyncJson }).sync;
    const demoLatest = ((await (await api(tool, '/api/roster/syncs/latest', admin)).json()) as { sync: SyncJson }).sync;
    expect(otherLatest.id).not.toBe(demoLatest.id);
    expect(otherLatest.progress.membersFetched).toBe(2);
  });
});

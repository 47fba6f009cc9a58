import { randomUUID } from 'node:crypto';
import { createRosterStore } from '../../lti-tool/src/roster/roster.store';
import { createRosterStagingStore, type StagedMember } from '../../lti-tool/src/roster/rosterStaging.store';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { finishedSync, launchDemo } from './rosterFlow';

/** Applying a fetched roster against launches that happen while the sync reads its pages. */
describe('applying a roster sync respects launches newer than its pages', () => {
  let tool: TestTool;
  let contextId: string;
  let platformId: string;
  const member = (sub: string): StagedMember => ({ userSub: sub, name: null, givenName: null, familyName: null, email: null, ltiRoles: ['Learner'], role: 'participant', status: 'active' });
  const statusOf = async (sub: string) =>
    (await tool.db('memberships as m').join('users as u', 'u.id', 'm.user_id').where({ 'u.sub': sub, 'm.context_id': contextId }).first('m.status', 'm.last_launch_at')) as { status: string; last_launch_at: Date };

  beforeAll(async () => {
    tool = await startTestTool();
    const admin = await launchDemo(tool, 'admin');
    await finishedSync(tool, admin);
    await launchDemo(tool, 'teacher-1');
    const context = await tool.db('contexts').first('id', 'deployment_id');
    contextId = context.id;
    platformId = (await tool.db('deployments').where({ id: context.deployment_id }).first('platform_id')).platform_id;
  }, 120_000);
  afterAll(() => tool.stop());

  async function applyWithout(sub: string, startedAt: Date, edit: (m: StagedMember) => StagedMember = (m) => m) {
    const runs = createRosterStore(tool.db);
    const staging = createRosterStagingStore(tool.db);
    const syncId = randomUUID();
    await tool.db.transaction((trx) => runs.insertQueued({ id: syncId, contextId, trigger: 'manual', requestedBy: null }, trx));
    const everyone = ['sandbox-admin-1', 'sandbox-lead-1', 'sandbox-teacher-1', 'sandbox-teacher-2', 'sandbox-teacher-3'];
    await staging.stagePage(syncId, everyone.filter((s) => s !== sub).map(member).map(edit), { pages: 1, members: 4 });
    const changes = await tool.db.transaction(async (trx) => {
      const c = await staging.apply({ syncId, contextId, platformId, startedAt }, trx);
      await runs.succeed(syncId, c, trx);
      return c;
    });
    await staging.clear(syncId);
    return changes;
  }

  it('a member who launched after the sync began reading keeps their active membership even if the pages missed them', async () => {
    const { last_launch_at } = await statusOf('sandbox-teacher-1');
    const changes = await applyWithout('sandbox-teacher-1', new Date(new Date(last_launch_at).getTime() - 1000));
    expect(changes.deactivated).toBe(0);
    expect((await statusOf('sandbox-teacher-1')).status).toBe('active');
  });

  it('a member missing from pages read after their last launch is marked inactive', async () => {
    const changes = await applyWithout('sandbox-teacher-1', new Date());
    expect(changes.deactivated).toBe(1);
    expect((await statusOf('sandbox-teacher-1')).status).toBe('inactive');
  });

  it("a profile a launch rewrote after the sync began is not overwritten by the sync's older pages", async () => {
    await launchDemo(tool, 'teacher-2'); // the launch writes the profile the LMS shares now
    const { updated_at } = await tool.db('users').where({ sub: 'sandbox-teacher-2' }).first('updated_at');
    const renamed = (m: StagedMember) => (m.userSub === 'sandbox-teacher-2' ? { ...m, name: 'Stale Name' } : m);
    await applyWithout('nobody', new Date(new Date(updated_at).getTime() - 1000), renamed);
    expect((await tool.db('users').where({ sub: 'sandbox-teacher-2' }).first('name')).name).toBe('Lena Fischer');
    await applyWithout('nobody', new Date(Date.now() + 1000), renamed);
    expect((await tool.db('users').where({ sub: 'sandbox-teacher-2' }).first('name')).name).toBe('Stale Name');
  });
});

import type { LaunchedEvent } from '../../lti-tool/src/lti/launch.service';
import { launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

describe('what a launch records about the course services and tells the features', () => {
  let tool: TestTool;
  const events: LaunchedEvent[] = [];
  beforeAll(async () => {
    tool = await startTestTool();
    tool.services.launchHooks.push(async (event) => {
      events.push(event);
    });
  });
  afterAll(() => tool.stop());

  it('stores the NRPS and AGS endpoints of the context and the resource link', async () => {
    const { res } = await launchAs(tool, 'lead');
    expect(res.status).toBe(200);
    expect(events.map((e) => e.contextCreated)).toEqual([true]);
    const context = await tool.db('contexts').first('id');
    const services = await tool.services.launchServices.forContext(context.id);
    const issuer = tool.services.sandbox!.identity.issuer;
    expect(services).toMatchObject({
      nrpsUrl: `${issuer}/nrps/demo-pl-cohort`,
      agsLineItemsUrl: `${issuer}/ags/demo-pl-cohort/lineitems?type_id=1`,
      agsScopes: expect.arrayContaining(['https://purl.imsglobal.org/spec/lti-ags/scope/score']),
    });
    expect(await tool.services.launchServices.resourceLink(context.id, 'demo-staffroom-home')).toEqual({
      contextId: context.id,
      resourceLinkId: 'demo-staffroom-home',
      title: 'Staffroom',
      agsLineItemUrl: null,
    });
    expect((await tool.services.launchServices.contextsWithNrps()).map((c) => c.contextId)).toEqual([context.id]);
  });

  it('tells launch hooks whether the launch was the first in its course', async () => {
    events.length = 0;
    await launchAs(tool, 'teacher-1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ role: 'participant', contextCreated: false });
  });

  it('a failing hook rolls the whole launch back: no session, no membership', async () => {
    const before = await tool.db('sessions').count({ n: '*' }).first();
    tool.services.launchHooks.push(async () => {
      throw new Error('feature broke');
    });
    const { res, token } = await launchAs(tool, 'teacher-2');
    tool.services.launchHooks.pop();
    expect(res.status).toBe(500);
    expect(token).toBeNull();
    expect(await tool.db('sessions').count({ n: '*' }).first()).toEqual(before);
    // (The roster sync may know teacher-2; the refused launch itself recorded no launch for them.)
    const launched = await tool.db('memberships as m').join('users as u', 'u.id', 'm.user_id').where('u.sub', 'sandbox-teacher-2').whereNotNull('m.last_launch_at');
    expect(launched).toEqual([]);
  });
});

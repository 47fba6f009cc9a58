import { loadConfig } from '../../config/config';
import { countRows, expectRefusalPage } from '../helpers/launchAssertions';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { LTI11_TABLES, postLti11 } from './lti11Flow';
import { signForm } from '../../lti-tool/src/lti11/oauth1';

describe('LTI11_ENABLED=off', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool({ LTI11_ENABLED: 'off' });
  });
  afterAll(() => tool.stop());

  it('answers 404 lti11_disabled to a correctly signed launch from a registered consumer, and writes nothing', async () => {
    const consumer = { key: 'district-moodle', secret: 'a-registered-shared-secret' };
    await tool.services.lti11.consumers.register({ consumerKey: consumer.key, secret: consumer.secret });
    const before = await countRows(tool.db, LTI11_TABLES);
    const fields = signForm(`${tool.url}/lti/1p1/launch`, { lti_message_type: 'basic-lti-launch-request', lti_version: 'LTI-1p0', resource_link_id: 'r1', user_id: 'u1', context_id: 'c1' }, consumer);
    const page = await expectRefusalPage(await postLti11(tool, fields), { status: 404, id: 'lti11_disabled', says: 'turned off' });
    expect(page).toContain('LTI11_ENABLED=on');
    expect(await countRows(tool.db, LTI11_TABLES)).toEqual(before);
  });

  it('does not register the sandbox LTI 1.1 consumer', async () => {
    expect(await tool.db('lti11_consumers').where({ consumer_key: 'staffroom-sandbox-lti11' }).first()).toBeUndefined();
  });

  it('is the default in production and can be turned on there; elsewhere it is on by default', () => {
    const prod = { NODE_ENV: 'production', PUBLIC_URL: 'https://staffroom.example.org', STAFFROOM_SECRET: 'x'.repeat(40) };
    expect(loadConfig(prod).lti11.enabled).toBe(false);
    expect(loadConfig({ ...prod, LTI11_ENABLED: 'on' }).lti11.enabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).lti11.enabled).toBe(true);
    expect(() => loadConfig({ LTI11_ENABLED: 'yes' })).toThrow(/LTI11_ENABLED/);
  });
});

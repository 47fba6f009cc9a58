import { CookieJar } from '../helpers/browserlessClient';
import { countLti11Rows } from './lti11Flow';
import { initiateLogin, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

describe('an LTI 1.1 consumer\'s platform row cannot be used for LTI 1.3', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  const consumerAsPlatform = { issuer: 'urn:lti11:staffroom-sandbox-lti11', clientId: 'staffroom-sandbox-lti11', deploymentId: 'lti11' };

  it('an LTI 1.3 login naming a consumer\'s issuer does not send the browser to any web address', async () => {
    const res = await initiateLogin(tool, new CookieJar(), { iss: consumerAsPlatform.issuer, client_id: consumerAsPlatform.clientId, lti_deployment_id: 'lti11' });
    const location = res.headers.get('location') ?? '';
    expect(location).not.toMatch(/^https?:/);
  });

  it('refuses with 401 an LTI 1.3 id_token claiming to come from a consumer\'s issuer (the row has no keys), and writes nothing', async () => {
    const jar = new CookieJar();
    const before = await countLti11Rows(tool);
    const { fields } = await signedLaunch(tool, jar, {
      login: { iss: consumerAsPlatform.issuer, client_id: consumerAsPlatform.clientId, lti_deployment_id: 'lti11' },
      identity: consumerAsPlatform,
    });
    const res = await postLaunch(tool, jar, fields);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('lti_jwks_unavailable');
    expect(await countLti11Rows(tool)).toEqual(before);
  });

  it('leaves the consumer out of the frame-ancestors list (a urn has no origin)', async () => {
    const res = await fetch(`${tool.url}/sandbox`);
    expect(res.headers.get('content-security-policy')).not.toMatch(/frame-ancestors[^;]*\bnull\b/);
  });
});

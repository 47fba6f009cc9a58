import { CookieJar } from '../helpers/browserlessClient';
import { countRows, expectRefusalPage, IDENTITY_TABLES, type Refusal } from '../helpers/launchAssertions';
import { initiateLogin, initiateLoginGet, loginRedirect, type LoginOverrides } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

const TABLES = [...IDENTITY_TABLES, 'lti_used_states'];

interface LoginCase extends Refusal {
  name: string;
  /** Login parameters relative to the sandbox's (undefined drops one); a function when they need the tool's URL. */
  params: LoginOverrides | ((tool: TestTool) => LoginOverrides);
}

const cases: LoginCase[] = [
  { name: 'a login with no iss', params: { iss: undefined }, status: 400, id: 'lti_login_missing_param', says: 'The login request has no iss' },
  { name: 'a login with no login_hint', params: { login_hint: undefined }, status: 400, id: 'lti_login_missing_param', says: 'The login request has no login_hint' },
  { name: 'a login with no target_link_uri', params: { target_link_uri: undefined }, status: 400, id: 'lti_login_missing_param', says: 'The login request has no target_link_uri' },
  { name: 'a login from an unknown issuer', params: { iss: 'https://unknown-lms.example.org' }, status: 403, id: 'lti_unknown_platform', says: 'No platform with issuer https://unknown-lms.example.org' },
  { name: 'a login for an unknown client_id', params: { client_id: 'not-our-client' }, status: 403, id: 'lti_unknown_platform', says: 'and client id not-our-client is registered' },
  { name: 'a login for an unknown lti_deployment_id', params: { lti_deployment_id: 'deployment-999' }, status: 403, id: 'lti_unknown_deployment', says: 'Deployment deployment-999 of' },
  { name: 'a login whose target_link_uri is on another origin', params: { target_link_uri: 'https://evil.example.org/lti/launch' }, status: 400, id: 'lti_bad_target_link_uri', says: 'https://evil.example.org/lti/launch is not a Staffroom address' },
  {
    name: "a login whose target_link_uri only starts with the tool's origin",
    params: (tool) => ({ target_link_uri: `${tool.url}.evil.example.org/lti/launch` }),
    status: 400, id: 'lti_bad_target_link_uri', says: 'is not a Staffroom address',
  },
  { name: 'a login whose target_link_uri is not a URL', params: { target_link_uri: 'javascript:alert(1)' }, status: 400, id: 'lti_bad_target_link_uri', says: 'javascript:alert(1) is not a Staffroom address' },
  {
    name: 'a login without client_id from an issuer with two registrations',
    params: { client_id: undefined },
    status: 400, id: 'lti_ambiguous_platform', says: 'Several registrations share the issuer',
  },
  {
    name: 'a login with more parameters than a platform sends',
    params: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`custom_${i}`, 'x'])) as LoginOverrides,
    status: 413, id: 'lti_request_too_large', says: 'more fields or data than Staffroom accepts',
  },
];

// Every case by POST and by GET, except the body limit, which only a POST has.
const byMethod = (['POST', 'GET'] as const).flatMap((method) => cases.map((c) => ({ ...c, method }))).filter((c) => c.method === 'POST' || c.status !== 413);

describe('refused OIDC login initiations answer an explanatory page, set no state and send nobody to the platform', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
    const id = tool.services.sandbox!.identity;
    // A second client id on the sandbox issuer (as Canvas cloud has), so a login without client_id is ambiguous.
    await tool.services.platforms.register(
      { issuer: id.issuer, clientId: 'second-client', name: 'Second', authUrl: id.authUrl, tokenUrl: id.tokenUrl, jwksUrl: id.jwksUrl, deploymentIds: ['second-deployment'] },
      { checkJwks: false },
    );
  });
  afterAll(() => tool.stop());

  it.each(byMethod)('refuses $name by $method with $status $id', async (c) => {
    const jar = new CookieJar();
    const overrides = typeof c.params === 'function' ? c.params(tool) : c.params;
    const before = await countRows(tool.db, TABLES);
    const res = c.method === 'POST' ? await initiateLogin(tool, jar, overrides) : await initiateLoginGet(tool, jar, overrides);
    await expectRefusalPage(res, c);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(jar.size).toBe(0);
    expect(await countRows(tool.db, TABLES)).toEqual(before);
  });

  it.each([
    ['a redirect_uri on another site', () => 'https://evil.example.org/steal'],
    ["the tool's launch URL with an extra query", (tool: TestTool) => `${tool.url}/lti/launch?next=https://evil.example.org`],
    ['the target_link_uri instead of the registered launch URL', (tool: TestTool) => `${tool.url}/app/`],
  ])('the sandbox platform refuses an auth request with %s: 400 sandbox_auth_refused and no id_token', async (_name, redirectUri) => {
    const { url } = loginRedirect(await initiateLogin(tool, new CookieJar()));
    url.searchParams.set('redirect_uri', redirectUri(tool));
    const res = await fetch(url);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { id: 'sandbox_auth_refused', message: 'Sandbox platform: redirect_uri is not registered for this tool' } });
    expect(body).not.toContain('id_token');
  });
});

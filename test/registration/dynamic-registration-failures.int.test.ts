import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageText } from '../helpers/launchAssertions';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { openRegistration, registrationRows, startRegistration } from './registrationFlow';

/** How a failed registration must answer: status, stable id and what the page says. */
interface Failure {
  status: number;
  id: string;
  says: string | RegExp;
}

/** A loopback port nothing listens on (found by listening once and closing). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectFailurePage(res: Response, html: string, f: Failure): void {
  expect({ status: res.status, id: /Error <code>([^<]+)<\/code>/.exec(html)?.[1] }).toEqual({ status: f.status, id: f.id });
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors \*(;|$)/);
  const text = pageText(html);
  expect(text).toContain('Staffroom could not be registered');
  expect(text).toContain('For the LMS administrator');
  expect(text).toContain('Nothing was stored in Staffroom.');
  if (typeof f.says === 'string') expect(text).toContain(f.says);
  else expect(text).toMatch(f.says);
}

describe('Dynamic Registration failures: an explanatory 4xx page and nothing stored', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  async function expectRefused(url: string, f: Failure): Promise<void> {
    const before = await registrationRows(tool.db);
    const { res, html } = await openRegistration(url);
    expectFailurePage(res, html, f);
    expect(await registrationRows(tool.db)).toEqual(before);
  }

  const withQuery = (q: Record<string, string>) => `${tool.url}/lti/register?${new URLSearchParams(q)}`;

  it('answers 400 registration_bad_request without openid_configuration', async () => {
    await expectRefused(`${tool.url}/lti/register`, { status: 400, id: 'registration_bad_request', says: 'openid_configuration is required' });
  });

  it('answers 400 registration_bad_request when openid_configuration is not an http(s) URL', async () => {
    await expectRefused(withQuery({ openid_configuration: 'not a url' }), { status: 400, id: 'registration_bad_request', says: 'not a URL' });
    await expectRefused(withQuery({ openid_configuration: 'file:///etc/passwd' }), { status: 400, id: 'registration_bad_request', says: 'not an http(s) URL' });
  });

  it('answers 422 registration_configuration_unreachable when the platform cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/mod/lti/openid-configuration.php`;
    await expectRefused(withQuery({ openid_configuration: url }), {
      status: 422,
      id: 'registration_configuration_unreachable',
      says: `could not reach the platform's OpenID configuration at ${url} (ECONNREFUSED)`,
    });
  });

  it('answers 422 registration_configuration_refused when the platform wants a registration token and none came', async () => {
    const start = await startRegistration(tool);
    await expectRefused(withQuery({ openid_configuration: start.oidc_configuration_url }), {
      status: 422,
      id: 'registration_configuration_refused',
      says: 'answered HTTP 401: a bearer registration token is required: invalid_token',
    });
  });

  it('answers 422 registration_configuration_refused for a registration token the platform did not sign', async () => {
    const start = await startRegistration(tool);
    const [h, p] = start.token.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    await expectRefused(withQuery({ openid_configuration: start.oidc_configuration_url, registration_token: forged }), {
      status: 422,
      id: 'registration_configuration_refused',
      says: 'registration token is not valid',
    });
  });

  it('answers 422 registration_issuer_mismatch when the configuration names an issuer on another site', async () => {
    const start = await startRegistration(tool, { misbehave: 'issuer_mismatch' });
    await expectRefused(start.registration_url, {
      status: 422,
      id: 'registration_issuer_mismatch',
      says: `says its issuer is https://lms.example.org, but it was served from ${tool.url}`,
    });
  });

  it.each([
    ['config_garbage', 'is not valid JSON'],
    ['config_html', 'answered with text/html; charset=utf-8 instead of JSON'],
    ['config_huge', 'is larger than 1024 kB'],
  ])('answers 422 registration_configuration_invalid when the configuration is unusable (%s)', async (misbehave, says) => {
    const start = await startRegistration(tool, { misbehave });
    await expectRefused(start.registration_url, { status: 422, id: 'registration_configuration_invalid', says });
  });

  it('answers 422 registration_configuration_invalid naming every missing member of the configuration', async () => {
    const start = await startRegistration(tool, { misbehave: 'config_missing_fields' });
    const { res, html } = await openRegistration(start.registration_url);
    expectFailurePage(res, html, { status: 422, id: 'registration_configuration_invalid', says: 'cannot be used' });
    const text = pageText(html);
    expect(text).toContain('jwks_uri is missing');
    expect(text).toContain('registration_endpoint is missing');
    expect(text).toContain('https://purl.imsglobal.org/spec/lti-platform-configuration.product_family_code is missing');
  });

  it('answers 422 registration_refused and quotes the platform when it refuses the registration', async () => {
    const start = await startRegistration(tool, { misbehave: 'refuse' });
    await expectRefused(start.registration_url, {
      status: 422,
      id: 'registration_refused',
      says: 'answered HTTP 400: The sandbox refuses this registration (misbehave=refuse).: invalid_client_metadata',
    });
  });

  it('answers 422 registration_response_invalid when the registration answer is not JSON', async () => {
    const start = await startRegistration(tool, { misbehave: 'registration_garbage' });
    await expectRefused(start.registration_url, { status: 422, id: 'registration_response_invalid', says: 'is not valid JSON' });
  });

  it('answers 422 registration_response_invalid when the registration answer has no client_id', async () => {
    const start = await startRegistration(tool, { misbehave: 'registration_no_client_id' });
    await expectRefused(start.registration_url, { status: 422, id: 'registration_response_invalid', says: 'client_id' });
  });
});

describe('Dynamic Registration in production', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool({ NODE_ENV: 'production', STAFFROOM_SECRET: 'p'.repeat(48), PUBLIC_URL: 'https://staffroom.example.org' });
  });
  afterAll(() => tool.stop());

  it('answers 400 registration_insecure_url for a platform that is not on https, without calling it', async () => {
    const res = await fetch(`${tool.url}/lti/register?${new URLSearchParams({ openid_configuration: 'http://127.0.0.1:9/mod/lti/openid-configuration.php' })}`);
    const html = await res.text();
    expectFailurePage(res, html, { status: 400, id: 'registration_insecure_url', says: 'is not an https URL' });
    expect(await registrationRows(tool.db)).toEqual({ platforms: 0, deployments: 0, log: 0 });
  });

  it.each(['/sandbox/register', '/sandbox/registration-token', '/sandbox/.well-known/openid-configuration'])('has no sandbox registration endpoint: 404 for GET %s', async (path) => {
    expect((await fetch(`${tool.url}${path}`)).status).toBe(404);
  });

  it('has no sandbox registration endpoint: 404 for POST /sandbox/registration', async () => {
    expect((await fetch(`${tool.url}/sandbox/registration`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
  });
});

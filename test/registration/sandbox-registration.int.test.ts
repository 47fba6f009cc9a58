import { toolUrls } from '../../lti-tool/src/lti/platform.service';
import { platformConfigurationSchema, TOOL_CONFIGURATION } from '../../lti-tool/src/registration/registration.schema';
import { buildToolRegistration } from '../../lti-tool/src/registration/toolConfiguration';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { startRegistration } from './registrationFlow';

type Doc = Record<string, unknown> & { [TOOL_CONFIGURATION]: Record<string, unknown> };

describe('the sandbox platform side of Dynamic Registration', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  async function configuration(token: string | null, query = '') {
    return fetch(`${tool.url}/sandbox/.well-known/openid-configuration${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  /** The registration Staffroom itself would send to the sandbox, for the test to spoil. */
  async function validDocument(token: string): Promise<Doc> {
    const config = platformConfigurationSchema.parse(await (await configuration(token)).json());
    return buildToolRegistration(toolUrls(tool.url), config) as Doc;
  }

  async function post(token: string | null, body: unknown, contentType = 'application/json') {
    const res = await fetch(`${tool.url}/sandbox/registration`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: res.status, body: (await res.json()) as { error?: string; error_description?: string; client_id?: string } };
  }

  it('publishes an OpenID configuration that Staffroom can read, only with a registration token (401 without)', async () => {
    const { token } = await startRegistration(tool);
    const res = await configuration(token);
    expect(res.status).toBe(200);
    const config = platformConfigurationSchema.parse(await res.json());
    expect(config.issuer).toBe(tool.services.sandbox!.identity.issuer);
    expect(config.registration_endpoint).toBe(`${config.issuer}/registration`);
    const anonymous = await configuration(null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toBe('invalid_token');
  });

  it('answers 400 for flags it does not know', async () => {
    const { token } = await startRegistration(tool);
    expect((await configuration(token, '?misbehave=explode')).status).toBe(400);
    expect((await fetch(`${tool.url}/sandbox/registration-token?as=blackboard`)).status).toBe(400);
    expect((await fetch(`${tool.url}/sandbox/registration-token?client_id=someone-elses-client`)).status).toBe(400);
  });

  it('accepts a valid registration with 201: a new client id and its deployment', async () => {
    const { token, client_id } = await startRegistration(tool);
    const { status, body } = await post(token, await validDocument(token));
    expect(status).toBe(201);
    expect(body.client_id).toBe(client_id);
    expect((body as Record<string, Record<string, unknown>>)[TOOL_CONFIGURATION]!.deployment_id).toMatch(/^sandbox-dyn-deployment-/);
  });

  it('answers 401 invalid_token without a token, with a forged one, and for a token used twice', async () => {
    const { token } = await startRegistration(tool);
    const doc = await validDocument(token);
    expect(await post(null, doc)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect(await post(`${token.slice(0, -8)}AAAAAAAA`, doc)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect((await post(token, doc)).status).toBe(201);
    expect(await post(token, doc)).toMatchObject({ status: 401, body: { error: 'invalid_token', error_description: 'the registration token was already used' } });
  });

  it('answers 400 when the registration is not sent as JSON', async () => {
    const { token } = await startRegistration(tool);
    expect(await post(token, 'application_type=web', 'application/x-www-form-urlencoded')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  const spoilers: [string, (d: Doc) => void, string, string][] = [
    ['application_type is not web', (d) => void (d.application_type = 'native'), 'invalid_client_metadata', 'application_type must be "web"'],
    ['response_types lacks id_token', (d) => void (d.response_types = ['code']), 'invalid_client_metadata', 'response_types must include id_token'],
    ['grant_types lacks client_credentials', (d) => void (d.grant_types = ['implicit']), 'invalid_client_metadata', 'grant_types must include implicit and client_credentials'],
    ['the auth method is a shared secret', (d) => void (d.token_endpoint_auth_method = 'client_secret_basic'), 'invalid_client_metadata', 'token_endpoint_auth_method must be "private_key_jwt"'],
    ['there is no initiate_login_uri', (d) => void delete d.initiate_login_uri, 'invalid_client_metadata', 'initiate_login_uri'],
    ['redirect_uris lack the launch URL', (d) => void (d.redirect_uris = ['https://elsewhere.example.org/launch']), 'invalid_redirect_uri', 'redirect_uris must include the tool launch URL'],
    ['the client name is blank', (d) => void (d.client_name = ' '), 'invalid_client_metadata', 'client_name is required'],
    ['the LTI tool configuration is missing', (d) => void delete (d as Record<string, unknown>)[TOOL_CONFIGURATION], 'invalid_client_metadata', TOOL_CONFIGURATION],
    ['the domain is not the launch host', (d) => void (d[TOOL_CONFIGURATION].domain = 'elsewhere.example.org'), 'invalid_client_metadata', 'is not the host of target_link_uri'],
    ['claims lack sub', (d) => void (d[TOOL_CONFIGURATION].claims = ['iss', 'name']), 'invalid_client_metadata', 'must include iss and sub'],
    ['a message type is unknown', (d) => void (d[TOOL_CONFIGURATION].messages = [{ type: 'LtiSubmissionReviewRequest' }]), 'invalid_client_metadata', 'messages.0.type'],
    ['a scope is not offered', (d) => void (d.scope = `${String(d.scope)} https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting`), 'invalid_client_metadata', 'does not offer: https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting'],
    ['the JWKS URL does not answer with keys', (d) => void (d.jwks_uri = `${tool.url}/healthz`), 'invalid_client_metadata', 'did not answer with a key set'],
  ];

  it.each(spoilers)('answers 400 and keeps the token unused when %s', async (_what, spoil, error, says) => {
    const { token } = await startRegistration(tool);
    const doc = await validDocument(token);
    spoil(doc);
    const { status, body } = await post(token, doc);
    expect({ status, error: body.error }).toEqual({ status: 400, error });
    expect(body.error_description).toContain(says);
    expect((await post(token, await validDocument(token))).status).toBe(201);
  });

  it('refuses a launch for a client id it did not issue (400 at its auth endpoint)', async () => {
    const id = tool.services.sandbox!.identity;
    const forgedClient = 'sandbox-dyn-000000000000-0000000000000000';
    const q = new URLSearchParams({ scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: forgedClient, redirect_uri: id.toolLaunchUrl, nonce: 'n', state: 's', login_hint: 'teacher-1' });
    const res = await fetch(`${id.authUrl}?${q}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('unknown client_id');
  });

  it('serves an "add a tool by URL" page that frames the tool registration with a fresh token', async () => {
    const page = await (await fetch(`${tool.url}/sandbox/register?as=moodle&start=1`)).text();
    expect(page).toContain('<script src="/sandbox/assets/sandbox-register.js" defer></script>');
    const src = /<iframe id="registration-frame"[^>]* src="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    expect(src).toMatch(new RegExp(`^${tool.url}/lti/register\\?openid_configuration=`));
    expect(new URL(src!).searchParams.get('openid_configuration')).toBe(`${tool.url}/sandbox/.well-known/openid-configuration?as=moodle`);
    expect((await fetch(src!)).status).toBe(200);
  });
});

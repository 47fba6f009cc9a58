import { ConfigError, loadConfig } from '../../config/config';
import { pageText, sessionTokenIn } from '../helpers/launchAssertions';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { launchWithClient, registerThroughSandbox, registrationRows } from './registrationFlow';

const TOKEN = 'operator-token-for-tests-0123456789abcdef';

function operator(tool: TestTool, path: string, init: { method?: string; body?: unknown; token?: string | null; authorization?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.authorization !== undefined) headers.authorization = init.authorization;
  else if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${tool.url}/api/operator${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

describe('the operator API when OPERATOR_TOKEN is not set', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('does not exist: 404 for every operator path, with or without a token', async () => {
    expect((await operator(tool, '/platforms')).status).toBe(404);
    expect((await operator(tool, '/platforms', { token: null })).status).toBe(404);
    expect((await operator(tool, '/platforms', { method: 'POST', body: {} })).status).toBe(404);
  });

  it('refuses a token shorter than 32 characters at start-up, naming the variable', () => {
    expect(() => loadConfig({ OPERATOR_TOKEN: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ OPERATOR_TOKEN: 'too-short' })).toThrow(/OPERATOR_TOKEN: must be at least 32 characters/);
  });
});

describe('the operator API', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool({ OPERATOR_TOKEN: TOKEN });
  });
  afterAll(() => tool.stop());

  const moodle = () => ({
    name: 'District Moodle',
    issuer: 'https://moodle.example.org',
    clientId: `client-${Math.random().toString(36).slice(2, 10)}`,
    authUrl: 'https://moodle.example.org/mod/lti/auth.php',
    tokenUrl: 'https://moodle.example.org/mod/lti/token.php',
    jwksUrl: `${tool.url}/sandbox/jwks`, // must be reachable and hold keys
    deploymentIds: ['1'],
  });

  it.each([
    ['no Authorization header', { token: null }],
    ['a wrong token of the same length', { token: TOKEN.replace(/.$/, 'X') }],
    ['a wrong token of another length', { token: 'short' }],
    ['the token in another scheme', { authorization: `Basic ${TOKEN}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 with %s, and says how to authenticate', async (_what, auth) => {
    const before = await registrationRows(tool.db);
    for (const [path, method] of [['/platforms', 'GET'], ['/platforms', 'POST'], ['/platforms/00000000-0000-4000-8000-000000000000/deployments', 'POST']] as const) {
      const res = await operator(tool, path, { method, body: method === 'POST' ? moodle() : undefined, ...auth });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="staffroom-operator"');
      expect((await res.json()).error.id).toBe('operator_unauthenticated');
    }
    expect(await registrationRows(tool.db)).toEqual(before);
  });

  it('registers a platform by hand (201), lists it (200), and updates it when posted again (200, deployments merged)', async () => {
    const input = moodle();
    const created = await operator(tool, '/platforms', { method: 'POST', body: input });
    expect(created.status).toBe(201);
    const { platform } = await created.json();
    expect(platform).toMatchObject({ issuer: input.issuer, clientId: input.clientId, deploymentIds: ['1'], name: 'District Moodle' });
    expect(created.headers.get('cache-control')).toBe('no-store');

    const again = await operator(tool, '/platforms', { method: 'POST', body: { ...input, deploymentIds: ['2'] } });
    expect(again.status).toBe(200);
    expect((await again.json()).platform.deploymentIds).toEqual(['1', '2']);

    const list = await (await operator(tool, '/platforms')).json();
    expect(list.platforms.filter((p: { clientId: string }) => p.clientId === input.clientId)).toEqual([
      expect.objectContaining({ id: platform.id, deploymentIds: ['1', '2'], latestRegistration: null }),
    ]);
  });

  it('answers 400 validation_failed naming each bad field, and stores nothing', async () => {
    const before = await registrationRows(tool.db);
    const res = await operator(tool, '/platforms', { method: 'POST', body: { ...moodle(), issuer: 'not a url', clientId: '', deploymentIds: [] } });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.id).toBe('validation_failed');
    expect(error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['clientId', 'deploymentIds', 'issuer']);
    expect(await registrationRows(tool.db)).toEqual(before);
  });

  it('answers 400 malformed_body for a body that is not JSON', async () => {
    const res = await fetch(`${tool.url}/api/operator/platforms`, { method: 'POST', body: '{nope', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.id).toBe('malformed_body');
  });

  it('answers 422 when the JWKS URL cannot be read or has no keys, and stores nothing', async () => {
    const before = await registrationRows(tool.db);
    const unreachable = await operator(tool, '/platforms', { method: 'POST', body: { ...moodle(), jwksUrl: 'http://127.0.0.1:1/certs.php' } });
    expect(unreachable.status).toBe(422);
    expect((await unreachable.json()).error.id).toBe('jwks_unreachable');
    const keyless = await operator(tool, '/platforms', { method: 'POST', body: { ...moodle(), jwksUrl: `${tool.url}/healthz` } });
    expect(keyless.status).toBe(422);
    expect((await keyless.json()).error.id).toBe('jwks_invalid');
    expect(await registrationRows(tool.db)).toEqual(before);
  });

  it('adds a deployment to a platform (201, then 200 when it is already there); 404 for an unknown platform; 400 for a blank id', async () => {
    const { platform } = await (await operator(tool, '/platforms', { method: 'POST', body: moodle() })).json();
    const added = await operator(tool, `/platforms/${platform.id}/deployments`, { method: 'POST', body: { deploymentId: '7' } });
    expect(added.status).toBe(201);
    expect((await added.json()).platform.deploymentIds).toEqual(['1', '7']);
    const repeated = await operator(tool, `/platforms/${platform.id}/deployments`, { method: 'POST', body: { deploymentId: '7' } });
    expect(repeated.status).toBe(200);
    expect((await repeated.json()).created).toBe(false);
    expect((await operator(tool, '/platforms/00000000-0000-4000-8000-000000000000/deployments', { method: 'POST', body: { deploymentId: '7' } })).status).toBe(404);
    expect((await operator(tool, '/platforms/not-a-uuid/deployments', { method: 'POST', body: { deploymentId: '7' } })).status).toBe(404);
    const blank = await operator(tool, `/platforms/${platform.id}/deployments`, { method: 'POST', body: { deploymentId: '  ' } });
    expect(blank.status).toBe(400);
    expect((await blank.json()).error.details.fields).toEqual([{ field: 'deploymentId', message: 'deploymentId is required' }]);
  });

  it('completes a Canvas Dynamic Registration: an operator can add the deployment in advance (201, then 200), and the launch opens', async () => {
    const { start } = await registerThroughSandbox(tool, { as: 'canvas' });
    const platform = (await (await operator(tool, '/platforms')).json()).platforms.find((p: { clientId: string }) => p.clientId === start.client_id);
    expect(platform).toMatchObject({ deploymentIds: [], adoptsNewDeployments: true, latestRegistration: { productFamilyCode: 'canvas', deploymentId: null } });
    const deploymentId = start.client_id.replace(/^sandbox-dyn-([0-9a-f]{12})-.*$/, 'sandbox-dyn-deployment-$1'); // what the sandbox launches with

    expect((await operator(tool, `/platforms/${platform.id}/deployments`, { method: 'POST', body: { deploymentId } })).status).toBe(201);
    expect((await operator(tool, `/platforms/${platform.id}/deployments`, { method: 'POST', body: { deploymentId } })).status).toBe(200);
    const opened = await launchWithClient(tool, start.client_id, deploymentId);
    expect(opened.launch?.status).toBe(200);
    expect(sessionTokenIn(opened.html)).not.toBeNull();
    expect(await tool.db('deployments').where({ platform_id: platform.id }).pluck('deployment_id')).toEqual([deploymentId]);
  });

  it('shows what Dynamic Registration stored, raw tool configuration included; 404 for an unknown platform', async () => {
    const { start } = await registerThroughSandbox(tool, { as: 'moodle' });
    const platform = (await (await operator(tool, '/platforms')).json()).platforms.find((p: { clientId: string }) => p.clientId === start.client_id);
    const res = await operator(tool, `/platforms/${platform.id}/registrations`);
    expect(res.status).toBe(200);
    const { registrations } = await res.json();
    expect(registrations).toEqual([
      expect.objectContaining({
        productFamilyCode: 'moodle',
        deploymentId: platform.deploymentIds[0],
        openidConfigurationUrl: `${tool.services.sandbox!.identity.issuer}/.well-known/openid-configuration`,
        toolConfiguration: expect.objectContaining({ deployment_id: platform.deploymentIds[0], domain: new URL(tool.url).host }),
      }),
    ]);
    expect((await operator(tool, '/platforms/00000000-0000-4000-8000-000000000000/registrations')).status).toBe(404);
  });
});

describe('the operator API in production', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool({ NODE_ENV: 'production', STAFFROOM_SECRET: 'p'.repeat(48), PUBLIC_URL: 'https://staffroom.example.org', OPERATOR_TOKEN: TOKEN });
  });
  afterAll(() => tool.stop());

  it('answers 400 for platform URLs that are not https, naming each', async () => {
    const res = await operator(tool, '/platforms', {
      method: 'POST',
      body: { issuer: 'http://moodle.example.org', clientId: 'abc', authUrl: 'http://moodle.example.org/mod/lti/auth.php', tokenUrl: 'https://moodle.example.org/mod/lti/token.php', jwksUrl: 'http://moodle.example.org/mod/lti/certs.php', deploymentIds: ['1'] },
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.fields).toEqual([
      { field: 'issuer', message: 'issuer must be an https URL' },
      { field: 'authUrl', message: 'auth URL must be an https URL' },
      { field: 'jwksUrl', message: 'JWKS URL must be an https URL' },
    ]);
    expect(await tool.db('platforms').where({ client_id: 'abc' })).toEqual([]);
  });
});

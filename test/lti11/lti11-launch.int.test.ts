import http from 'node:http';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { lti11Form, lti11LaunchAs, postLti11, sandboxConsumer } from './lti11Flow';

interface Me {
  role: string;
  user: { id: string; name: string | null; givenName: string | null; familyName: string | null; email: string | null };
  context: { id: string; title: string | null; label: string | null };
  platform: { issuer: string; name: string | null };
}

async function me(tool: TestTool, token: string | null): Promise<Me> {
  const res = await api(tool, '/api/me', token);
  expect(res.status).toBe(200);
  return (await res.json()) as Me;
}

/** A raw HTTP POST, so the test controls the Host header (fetch does not let it). */
function postWithHost(tool: TestTool, host: string, body: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${tool.url}/lti/1p1/launch`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: '127.0.0.1', port: url.port, path: url.pathname, method: 'POST', headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('LTI 1.1 basic launches from the sandbox consumer', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it.each([
    ['teacher-1', 'Learner', 'participant', 'Sam Okafor'],
    ['lead', 'Instructor', 'lead', 'Priya Raman'],
    ['admin', 'urn:lti:instrole:ims/lis/Administrator,Instructor', 'admin', 'Morgan Ellis'],
  ])('%s launching with roles %s gets 200, a session and the Staffroom role %s', async (persona, roles, role, name) => {
    const { res, html, token, fields } = await lti11LaunchAs(tool, persona);
    expect(fields.roles).toBe(roles);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<meta name="staffroom-session"');
    // The app's styles are allowed by this page's own nonce, never by 'unsafe-inline' (ADR 0017).
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toContain(`<meta name="staffroom-style-nonce" content="${nonce}">`);
    const body = await me(tool, token);
    expect(body).toMatchObject({ role, user: { name }, context: { title: 'Demo PL cohort: learning visits' }, platform: { issuer: 'urn:lti11:staffroom-sandbox-lti11' } });
    const membership = await tool.db('memberships').where({ user_id: body.user.id, context_id: body.context.id }).first();
    expect(membership.role).toBe(role);
    expect(membership.lti_roles).toEqual(roles.split(','));
  });

  it.each([
    ['urn:lti:role:ims/lis/Instructor', 'lead'],
    ['urn:lti:role:ims/lis/Learner', 'participant'],
    ['urn:lti:sysrole:ims/lis/SysAdmin', 'admin'],
    ['urn:lti:role:ims/lis/TeachingAssistant', 'lead'],
    ['', 'participant'],
  ])('the LTI 1.1 role list "%s" maps to %s', async (roles, role) => {
    const { res, token } = await lti11LaunchAs(tool, 'teacher-2', { roles: roles || undefined });
    expect(res.status).toBe(200);
    expect((await me(tool, token)).role).toBe(role);
  });

  it('keys users by (consumer, user_id) and contexts by context_id in the consumer\'s one deployment, and stores the session like a 1.3 launch', async () => {
    const { token, fields } = await lti11LaunchAs(tool, 'teacher-3', { resource_link_title: 'Staffroom home', custom_cohort: 'spring' });
    const body = await me(tool, token);
    const consumer = sandboxConsumer(tool);
    const user = await tool.db('users').where({ id: body.user.id }).first();
    expect(user.sub).toBe('sandbox-teacher-3');
    const platform = await tool.db('platforms').where({ id: user.platform_id }).first();
    expect(platform).toMatchObject({ issuer: `urn:lti11:${consumer.identity.consumerKey}`, client_id: consumer.identity.consumerKey });
    const context = await tool.db('contexts as c').join('deployments as d', 'd.id', 'c.deployment_id').where('c.id', body.context.id).first('c.lti_context_id', 'd.deployment_id', 'd.platform_id');
    expect(context).toEqual({ lti_context_id: 'demo-pl-cohort', deployment_id: 'lti11', platform_id: user.platform_id });

    const session = await tool.db('sessions').where({ user_id: body.user.id }).orderBy('created_at', 'desc').first();
    expect(session).toMatchObject({ message_type: 'basic-lti-launch-request', resource_link_id: 'demo-staffroom-home', role: 'participant' });
    expect(session.launch).toEqual({
      ltiVersion: 'LTI-1p0',
      returnUrl: `${tool.url}/sandbox`,
      ags: null,
      nrps: null,
      deepLinking: null,
      custom: { cohort: 'spring' },
      basicOutcome: { lis_outcome_service_url: `${tool.url}/sandbox/lti11/outcomes`, lis_result_sourcedid: fields.lis_result_sourcedid },
    });
    const link = await tool.db('resource_links').where({ context_id: body.context.id, lti_resource_link_id: 'demo-staffroom-home' }).first();
    expect(link.title).toBe('Staffroom home');
  });

  it('a launch without Basic Outcomes parameters stores basicOutcome null', async () => {
    const { token } = await lti11LaunchAs(tool, 'lead', { lis_outcome_service_url: undefined, lis_result_sourcedid: undefined });
    const body = await me(tool, token);
    const session = await tool.db('sessions').where({ user_id: body.user.id }).orderBy('created_at', 'desc').first();
    expect(session.launch.basicOutcome).toBeNull();
  });

  it('clears name and email when a later launch no longer shares them, and composes the name from given and family names', async () => {
    const named = await lti11LaunchAs(tool, 'teacher-2');
    expect((await me(tool, named.token)).user).toMatchObject({ name: 'Lena Fischer', email: 'lena.fischer@example.edu' });
    const anonymous = await lti11LaunchAs(tool, 'teacher-2', {
      lis_person_name_full: undefined,
      lis_person_name_given: undefined,
      lis_person_name_family: undefined,
      lis_person_contact_email_primary: undefined,
    });
    expect(anonymous.res.status).toBe(200);
    expect((await me(tool, anonymous.token)).user).toEqual({ id: expect.any(String), name: null, givenName: null, familyName: null, email: null });
    const partial = await lti11LaunchAs(tool, 'teacher-2', { lis_person_name_full: undefined });
    expect((await me(tool, partial.token)).user.name).toBe('Lena Fischer');
  });

  it('two consumers sending the same user_id and context_id get separate users and courses (tenants do not mix)', async () => {
    const other = { consumerKey: 'district-b-moodle', secret: 'another-secret-of-district-b' };
    await tool.services.lti11.consumers.register({ consumerKey: other.consumerKey, secret: other.secret, name: 'District B' });
    const a = await lti11LaunchAs(tool, 'teacher-1');
    const b = await lti11LaunchAs(tool, 'teacher-1', {}, other);
    expect(b.res.status).toBe(200);
    const [meA, meB] = [await me(tool, a.token), await me(tool, b.token)];
    expect(meB.user.id).not.toBe(meA.user.id);
    expect(meB.context.id).not.toBe(meA.context.id);
    expect(meB.platform).toEqual({ issuer: 'urn:lti11:district-b-moodle', name: 'District B' });
  });

  it('lets the signing LMS frame the app (frame-ancestors from the signed return URL) and no one else', async () => {
    const { res } = await lti11LaunchAs(tool, 'teacher-1', { launch_presentation_return_url: 'https://moodle.district.example/mod/lti/return.php?course=2' });
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
    expect(ancestors).toContain('https://moodle.district.example');
    expect(ancestors).not.toContain('*');
    expect(ancestors).not.toContain('null');
  });

  it('checks the signature against PUBLIC_URL, not the Host header: a form signed for the public URL passes whatever Host says', async () => {
    const fields = new URLSearchParams(lti11Form(tool, 'teacher-1'));
    const res = await postWithHost(tool, 'evil.example', fields.toString());
    expect(res.status).toBe(200);
    expect(res.body).toContain('staffroom-session');
  });

  it('refuses 401 a form signed for the URL a spoofed Host header names', async () => {
    const fields = new URLSearchParams(lti11Form(tool, 'teacher-1', {}, { url: 'https://evil.example/lti/1p1/launch' }));
    const res = await postWithHost(tool, 'evil.example', fields.toString());
    expect(res.status).toBe(401);
    expect(res.body).toContain('lti11_bad_signature');
  });

  it('accepts query parameters on the launch URL signed either as OAuth does (with the query) or as Canvas does (copied into the form)', async () => {
    const consumer = sandboxConsumer(tool);
    const base = consumer.identity.launchUrl;
    const oauthWay = lti11Form(tool, 'teacher-1', {}, { url: `${base}?placement=home` });
    expect((await postLti11(tool, oauthWay, '/lti/1p1/launch?placement=home')).status).toBe(200);
    const canvasWay = lti11Form(tool, 'teacher-1', { placement: 'home' }, { url: base });
    expect((await postLti11(tool, canvasWay, '/lti/1p1/launch?placement=home')).status).toBe(200);
  });

  it('verifies custom parameter names that ims-lti\'s own signer would order wrongly (custom_a, custom_a1)', async () => {
    const { res } = await lti11LaunchAs(tool, 'teacher-1', { custom_unit: 'fractions', custom_unit2: 'decimals', 'custom_unit-b': 'x' });
    expect(res.status).toBe(200);
  });
});

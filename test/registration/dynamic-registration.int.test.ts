import { runPlatformCli } from '../../lti-tool/src/lti/platform.cli';
import { SCOPES } from '../../lti-tool/src/registration/registration.schema';
import { pageText, sessionTokenIn } from '../helpers/launchAssertions';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { jwtClaims, launchWithClient, openRegistration, registerThroughSandbox, registrationRows, startRegistration } from './registrationFlow';

const ALL_SCOPES = Object.values(SCOPES);

describe('LTI Dynamic Registration with the sandbox platform', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  const platformRow = (clientId: string) => tool.db('platforms').where({ client_id: clientId }).first();
  const logRows = (platformId: string) => tool.db('platform_registrations_log').where({ platform_id: platformId }).orderBy('registered_at', 'asc');

  it('registers Staffroom and answers 200 with a page any LMS may frame, showing what was registered, with a script-only close button', async () => {
    const { start, res, html } = await registerThroughSandbox(tool);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // framed by an LMS that is not registered yet (Canvas: from the customer's domain, not the issuer)
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors \*(;|$)/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const text = pageText(html);
    expect(text).toContain('Staffroom is registered');
    expect(text).toContain(tool.services.sandbox!.identity.issuer);
    expect(text).toContain(start.client_id);
    expect(text).toMatch(/sandbox-dyn-deployment-[0-9a-f]{12}/);
    for (const scope of ALL_SCOPES) expect(text).toContain(scope);
    expect(text).not.toContain('Not granted');
    expect(html).toContain('<script src="/lti/registration/assets/registration-close.js" defer></script>');
    expect(html).toContain('id="registration-close"');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline scripts (CSP script-src 'self')
    const close = await fetch(`${tool.url}/lti/registration/assets/registration-close.js`);
    expect(close.status).toBe(200);
    expect(await close.text()).toContain("postMessage({ subject: 'org.imsglobal.lti.close' }, '*')");
  });

  it('stores the registration with its deployment and logs what the platform granted and returned', async () => {
    const { start } = await registerThroughSandbox(tool);
    const id = tool.services.sandbox!.identity;
    const platform = await platformRow(start.client_id);
    expect(platform).toMatchObject({ issuer: id.issuer, auth_url: id.authUrl, token_url: id.tokenUrl, jwks_url: id.jwksUrl, name: `staffroom-sandbox: ${new URL(id.issuer).host}` });
    const deployments = await tool.db('deployments').where({ platform_id: platform.id }).pluck('deployment_id');
    expect(deployments).toEqual([expect.stringMatching(/^sandbox-dyn-deployment-/)]);
    const [log, ...more] = await logRows(platform.id);
    expect(more).toEqual([]);
    expect(log).toMatchObject({
      product_family_code: 'staffroom-sandbox',
      platform_version: '1',
      openid_configuration_url: `${id.issuer}/.well-known/openid-configuration`,
      deployment_id: deployments[0],
      scopes_requested: ALL_SCOPES,
      scopes_granted: ALL_SCOPES,
    });
    expect(log.tool_configuration).toMatchObject({
      deployment_id: deployments[0],
      domain: new URL(tool.url).host,
      target_link_uri: `${tool.url}/lti/launch`,
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: `${tool.url}/lti/launch` },
        { type: 'LtiDeepLinkingRequest', target_link_uri: `${tool.url}/lti/launch` },
      ],
    });
  });

  it('lets the newly registered client launch Staffroom through the sandbox login and auth endpoints (200 with a session)', async () => {
    const { start } = await registerThroughSandbox(tool);
    const platform = await platformRow(start.client_id);
    const [deploymentId] = await tool.db('deployments').where({ platform_id: platform.id }).pluck('deployment_id');
    const { launch, html, idToken } = await launchWithClient(tool, start.client_id, deploymentId, 'lead');
    expect(launch?.status).toBe(200);
    expect(sessionTokenIn(html)).not.toBeNull();
    expect(jwtClaims(idToken!)).toMatchObject({ aud: start.client_id, 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': deploymentId });
    const session = await tool.db('sessions').orderBy('created_at', 'desc').first();
    const context = await tool.db('contexts').where({ id: session.context_id }).first();
    const deployment = await tool.db('deployments').where({ id: context.deployment_id }).first();
    expect(deployment).toMatchObject({ platform_id: platform.id, deployment_id: deploymentId });
  });

  it('as Moodle: accepts its answer (application_type as a list, extra scopes) and tells the admin to activate the pending tool', async () => {
    const { start, res, html } = await registerThroughSandbox(tool, { as: 'moodle' });
    expect(res.status).toBe(200);
    const text = pageText(html);
    expect(text).toContain('Next step in Moodle');
    expect(text).toMatch(/<strong>pending<\/strong>/);
    expect(text).toContain('Activate');
    const platform = await platformRow(start.client_id);
    expect(platform.name).toBe(`Moodle: ${new URL(tool.url).host}`);
    const [log] = await logRows(platform.id);
    expect(log.product_family_code).toBe('moodle');
    expect(log.scopes_granted).toEqual([...ALL_SCOPES, 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly']);
  });

  it('as Canvas: asks for the Canvas placements and public privacy, stores no deployment and says how to add it', async () => {
    const { start, res, html } = await registerThroughSandbox(tool, { as: 'canvas' });
    expect(res.status).toBe(200);
    const text = pageText(html);
    expect(text).toContain('Next steps in Canvas');
    expect(text).toContain('None yet');
    const platform = await platformRow(start.client_id);
    expect(platform.name).toBe('Canvas: Sandbox School District');
    expect(text).toContain(`/api/operator/platforms/${platform.id}/deployments`);
    expect(await tool.db('deployments').where({ platform_id: platform.id })).toEqual([]);
    const [log] = await logRows(platform.id);
    expect(log.deployment_id).toBeNull();
    expect(log.tool_configuration.messages).toEqual([
      { type: 'LtiResourceLinkRequest', target_link_uri: `${tool.url}/lti/launch`, label: 'Staffroom', placements: ['course_navigation'] },
      { type: 'LtiDeepLinkingRequest', target_link_uri: `${tool.url}/lti/launch`, label: 'Staffroom activity', placements: ['link_selection', 'assignment_selection'] },
    ]);
    expect(log.tool_configuration['https://canvas.instructure.com/lti/privacy_level']).toBe('public');
  });

  it('as Canvas: the first validly signed launch adopts the deployment Canvas created at install (200), once, under races', async () => {
    const { start } = await registerThroughSandbox(tool, { as: 'canvas' });
    const platform = await platformRow(start.client_id);
    expect(platform.adopts_new_deployments).toBe(true);
    const deploymentId = `sandbox-dyn-deployment-${/^sandbox-dyn-([0-9a-f]{12})-/.exec(start.client_id)![1]}`;
    const [first, second] = await Promise.all([launchWithClient(tool, start.client_id, deploymentId, 'lead'), launchWithClient(tool, start.client_id, deploymentId, 'teacher-1')]);
    expect(first.launch!.status).toBe(200);
    expect(second.launch!.status).toBe(200);
    expect(sessionTokenIn(first.html)).toBeTruthy();
    expect(await tool.db('deployments').where({ platform_id: platform.id }).pluck('deployment_id')).toEqual([deploymentId]);
    const audited = await tool.db('audit_events').where({ platform_id: platform.id, action: 'platform.deployment_adopted' });
    expect(audited).toHaveLength(1); // once, although two launches raced
    expect(audited[0].details).toEqual({ deploymentId });
  });

  it('as Moodle (deployment id returned): a launch naming another deployment is refused (400) and adds nothing', async () => {
    const { start } = await registerThroughSandbox(tool, { as: 'moodle' });
    const platform = await platformRow(start.client_id);
    expect(platform.adopts_new_deployments).toBe(false);
    const before = await tool.db('deployments').where({ platform_id: platform.id }).pluck('deployment_id');
    const { login } = await launchWithClient(tool, start.client_id, 'some-other-deployment', 'lead');
    expect(login.status).toBeGreaterThanOrEqual(400);
    expect(await tool.db('deployments').where({ platform_id: platform.id }).pluck('deployment_id')).toEqual(before);
  });

  it('asks only for the services the platform offers and lists the missing roster service as not granted', async () => {
    const { start, html } = await registerThroughSandbox(tool, { services: 'ags' });
    const text = pageText(html);
    expect(text).toContain('Not granted');
    expect(text).toMatch(/Not granted.*contextmembership\.readonly/s);
    const platform = await platformRow(start.client_id);
    const [log] = await logRows(platform.id);
    expect(log.scopes_requested).toEqual([SCOPES.lineItem, SCOPES.resultReadonly, SCOPES.score]);
  });

  it('re-registering the same client (the LMS updating its tool) updates the registration and adds a log entry, not a platform', async () => {
    const first = await registerThroughSandbox(tool, { as: 'moodle' });
    const before = await registrationRows(tool.db);
    const again = await registerThroughSandbox(tool, { as: 'moodle', client_id: first.start.client_id });
    expect(again.res.status).toBe(200);
    expect(pageText(again.html)).toContain('The existing Staffroom registration was updated');
    const after = await registrationRows(tool.db);
    expect(after).toEqual({ ...before, log: before.log + 1 });
    const platform = await platformRow(first.start.client_id);
    expect(await logRows(platform.id)).toHaveLength(2);
  });

  it('refuses to reuse a registration token (422) and stores nothing more', async () => {
    const start = await startRegistration(tool);
    expect((await openRegistration(start.registration_url)).res.status).toBe(200);
    const before = await registrationRows(tool.db);
    const { res, html } = await openRegistration(start.registration_url);
    expect(res.status).toBe(422);
    expect(pageText(html)).toContain('already used');
    expect(await registrationRows(tool.db)).toEqual(before);
  });

  it('shows dynamically registered platforms in platform:list with their product and granted scopes', async () => {
    const { start } = await registerThroughSandbox(tool, { as: 'moodle' });
    const lines: string[] = [];
    expect(await runPlatformCli(['list'], { db: tool.db, config: tool.config, out: { log: (l) => lines.push(l), error: (l) => lines.push(l) } })).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain(`client id ${start.client_id}`);
    expect(text).toMatch(/registered dynamically by moodle 4\.5\.1 \(Build: 20241209\) at \d{4}-\d\d-\d\dT/);
    expect(text).toContain(`Dynamic Registration URL (Moodle, Canvas):   ${tool.url}/lti/register`);
  });
});

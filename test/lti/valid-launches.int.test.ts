import { CookieJar } from '../helpers/browserlessClient';
import { launchedMeIn, sessionTokenIn } from '../helpers/launchAssertions';
import { api, launchAs, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

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

describe('valid launches through the sandbox platform', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('opens a session for a Learner and /api/me answers with their role and course', async () => {
    const { res, token } = await launchAs(tool, 'teacher-1');
    expect(res.status).toBe(200);
    expect(token).toBeTruthy();
    const me = await api(tool, '/api/me', token);
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.role).toBe('participant');
    expect(body.user.name).toBe('Sam Okafor');
    expect(body.context.title).toBe('Demo PL cohort: learning visits');
  });

  it.each([
    ['lead', 'an Instructor', 'lead', 'Priya Raman'],
    ['teacher-2', 'a Learner', 'participant', 'Lena Fischer'],
    ['admin', 'an institution Administrator who also instructs', 'admin', 'Morgan Ellis'],
  ])('the sandbox persona %s (%s) launches with 200 and becomes %s', async (persona, _who, role, name) => {
    const { res, html, token } = await launchAs(tool, persona);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<meta name="staffroom-session"');
    const body = await me(tool, token);
    expect(body).toMatchObject({ role, user: { name }, platform: { issuer: tool.services.sandbox!.identity.issuer } });
    const membership = await tool.db('memberships').where({ user_id: body.user.id, context_id: body.context.id }).first();
    expect(membership.role).toBe(role);
  });

  it.each([
    ['a Learner', 'teacher-1', {}],
    ['an anonymous Learner (nothing shared)', 'teacher-3', { anonymous: true }],
    ['an admin asking for content (deep linking)', 'admin', { messageType: 'LtiDeepLinkingRequest' as const }],
  ])('the launch page of %s carries exactly what /api/me answers, so the first screen needs no round trip', async (_who, persona, options) => {
    const { res, html, token } = await launchAs(tool, persona, options);
    expect(res.status).toBe(200);
    const carried = launchedMeIn(html);
    expect(carried).not.toBeNull();
    expect(carried).toEqual(await me(tool, token));
  });

  it('an anonymous launch works with nulls, a later named launch fills the name, and a later anonymous launch (sharing turned off) clears it again', async () => {
    const anonymous = await launchAs(tool, 'teacher-3', { anonymous: true });
    expect(anonymous.res.status).toBe(200);
    const first = await me(tool, anonymous.token);
    expect(first.user).toEqual({ id: expect.any(String), name: null, givenName: null, familyName: null, email: null });
    expect(first.role).toBe('participant');

    const named = await launchAs(tool, 'teacher-3');
    const second = await me(tool, named.token);
    expect(second.user).toEqual({ id: first.user.id, name: 'Tomás Rivera', givenName: 'Tomás', familyName: 'Rivera', email: 'tomas.rivera@example.edu' });

    const againAnonymous = await launchAs(tool, 'teacher-3', { anonymous: true });
    expect(againAnonymous.res.status).toBe(200);
    expect((await me(tool, againAnonymous.token)).user).toEqual({ id: first.user.id, name: null, givenName: null, familyName: null, email: null });
    expect(await tool.db('users').where({ sub: 'sandbox-teacher-3' }).pluck('id')).toEqual([first.user.id]);
  });

  it('a deep-linking launch (LtiDeepLinkingRequest) as the admin succeeds with 200 and records the message type', async () => {
    const { res, token } = await launchAs(tool, 'admin', { messageType: 'LtiDeepLinkingRequest' });
    expect(res.status).toBe(200);
    const body = await me(tool, token);
    expect(body.role).toBe('admin');
    const sessionId = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()).jti as string;
    const session = await tool.db('sessions').where({ id: sessionId }).first();
    expect(session).toMatchObject({ message_type: 'LtiDeepLinkingRequest', resource_link_id: null, role: 'admin' });
    expect(session.launch.deepLinking).toMatchObject({ deep_link_return_url: `${tool.services.sandbox!.identity.issuer}/deep-link-return` });
  });

  it('a second launch of the same person updates their membership (Learner → Instructor makes them lead) without a second user', async () => {
    const asLearner = await launchAs(tool, 'teacher-2');
    const before = await me(tool, asLearner.token);
    expect(before.role).toBe('participant');

    const jar = new CookieJar();
    const { fields } = await signedLaunch(tool, jar, { persona: 'teacher-2', edit: (c) => void (c['https://purl.imsglobal.org/spec/lti/claim/roles'] = [`${M}Instructor`]) });
    const res = await postLaunch(tool, jar, fields);
    expect(res.status).toBe(200);
    const after = await me(tool, sessionTokenIn(await res.text()));
    expect(after).toMatchObject({ role: 'lead', user: { id: before.user.id }, context: { id: before.context.id } });

    expect(await tool.db('users').where({ sub: 'sandbox-teacher-2' }).select('id')).toEqual([{ id: before.user.id }]);
    const memberships = await tool.db('memberships').where({ user_id: before.user.id }).select('role', 'lti_roles');
    expect(memberships).toEqual([{ role: 'lead', lti_roles: [`${M}Instructor`] }]);
  });

  it('tenants are separate: the same sub on another registered platform is another user in another course, and each token sees only its own', async () => {
    const sandbox = tool.services.sandbox!;
    const other = {
      issuer: 'https://lms-b.example.edu',
      clientId: 'staffroom-at-lms-b',
      name: 'LMS B',
      authUrl: 'https://lms-b.example.edu/auth',
      tokenUrl: 'https://lms-b.example.edu/token',
      jwksUrl: sandbox.identity.jwksUrl, // LMS B happens to sign with keys the tool can fetch in this test
      deploymentIds: ['lms-b-deployment'],
    };
    await tool.services.platforms.register(other, { checkJwks: false });

    const a = await launchAs(tool, 'teacher-1');
    const jar = new CookieJar();
    const { fields } = await signedLaunch(tool, jar, {
      persona: 'teacher-1',
      login: { iss: other.issuer, client_id: other.clientId, lti_deployment_id: 'lms-b-deployment' },
      identity: { issuer: other.issuer, clientId: other.clientId, deploymentId: 'lms-b-deployment' },
    });
    const resB = await postLaunch(tool, jar, fields);
    expect(resB.status).toBe(200);
    const tokenB = sessionTokenIn(await resB.text());

    const meA = await me(tool, a.token);
    const meB = await me(tool, tokenB);
    expect(meA.platform.issuer).toBe(sandbox.identity.issuer);
    expect(meB.platform.issuer).toBe(other.issuer);
    expect(meB.user.id).not.toBe(meA.user.id);
    expect(meB.context.id).not.toBe(meA.context.id);
    expect(await tool.db('users').where({ sub: 'sandbox-teacher-1' }).pluck('platform_id')).toHaveLength(2);
    // Each context holds only its own tenant's member with that sub.
    const membersOfB = await tool.db('memberships').where({ context_id: meB.context.id }).pluck('user_id');
    expect(membersOfB).toEqual([meB.user.id]);
    expect(await tool.db('memberships').where({ context_id: meA.context.id }).pluck('user_id')).not.toContain(meB.user.id);

    // A session token (validly signed) that pairs A's user with B's course finds nobody: 401, never B's data.
    const claimsA = JSON.parse(Buffer.from(a.token!.split('.')[1]!, 'base64url').toString()) as Record<string, string>;
    const mixed = await tool.services.sessionTokens.sign({
      sessionId: claimsA.jti!, userId: meA.user.id, contextId: meB.context.id, platformId: claimsA.pid!, deploymentId: claimsA.did!, role: 'participant',
    });
    const res = await api(tool, '/api/me', mixed);
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toContain(other.issuer);
  });
});

import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, authorizeAtPlatform, initiateLogin, initiateLoginGet, loginRedirect, postLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

describe('OIDC login initiation sends the browser to the platform correctly', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('answers 302 to the platform auth URL with the OIDC parameters LTI 1.3 requires, and redirect_uri is the launch URL, not target_link_uri', async () => {
    const id = tool.services.sandbox!.identity;
    const res = await initiateLogin(tool, new CookieJar(), { target_link_uri: `${tool.url}/app/?from=course`, login_hint: 'lead' });
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { url, state, nonce } = loginRedirect(res);
    expect(`${url.origin}${url.pathname}`).toBe(id.authUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: id.clientId,
      redirect_uri: `${tool.url}/lti/launch`,
      login_hint: 'lead',
      lti_message_hint: '{}',
      state,
      nonce,
    });
    // A sealed state: 16 random bytes, the payload, an HMAC-SHA256 tag (base64url); the nonce is an HMAC too.
    expect(state).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonce).not.toBe(state);
  });

  it('gives every login its own random state and nonce', async () => {
    const logins = await Promise.all(Array.from({ length: 5 }, () => initiateLogin(tool, new CookieJar())));
    const values = logins.flatMap((res) => Object.values(loginRedirect(res)).filter((v): v is string => typeof v === 'string'));
    expect(values).toHaveLength(10);
    expect(new Set(values).size).toBe(10);
  });

  it('echoes a Moodle-style JSON lti_message_hint to the platform unchanged, and the launch completes with 200', async () => {
    const hint = '{"cmid":42,"launchid":"ltilaunch42_1234567890","note":"a&b=c d+é"}';
    const jar = new CookieJar();
    const login = await initiateLogin(tool, jar, { lti_message_hint: hint });
    expect(loginRedirect(login).url.searchParams.get('lti_message_hint')).toBe(hint);
    const res = await postLaunch(tool, jar, (await authorizeAtPlatform(login)).fields);
    expect(res.status).toBe(200);
  });

  it('sets the state cookie HttpOnly; Secure; SameSite=None; Partitioned on /lti, named after the state', async () => {
    const res = await initiateLogin(tool, new CookieJar());
    const { state } = loginRedirect(res);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const [pair, ...attrs] = cookies[0]!.split(';').map((s) => s.trim());
    expect(pair).toBe(`lti_state_${state.slice(0, 16)}=${state}`);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned', 'Path=/lti', 'Max-Age=600']));
  });

  it.each([
    ['POST', initiateLogin],
    ['GET', initiateLoginGet],
  ])('a login by %s completes: 302 to the platform, then the launch opens a session with 200', async (_method, login) => {
    const jar = new CookieJar();
    const res = await login(tool, jar, { login_hint: 'teacher-2' });
    expect(res.status).toBe(302);
    const launch = await postLaunch(tool, jar, (await authorizeAtPlatform(res)).fields);
    expect(launch.status).toBe(200);
    const me = await api(tool, '/api/me', sessionTokenIn(await launch.text()));
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe('Lena Fischer');
  });

  it('two logins in parallel in one browser both complete with 200: their state cookies do not clobber each other', async () => {
    const jar = new CookieJar();
    const [a, b] = await Promise.all([initiateLogin(tool, jar, { login_hint: 'teacher-1' }), initiateLogin(tool, jar, { login_hint: 'lead' })]);
    expect(jar.size).toBe(2);
    const [formA, formB] = await Promise.all([authorizeAtPlatform(a!), authorizeAtPlatform(b!)]);
    const launchB = await postLaunch(tool, jar, formB.fields);
    const launchA = await postLaunch(tool, jar, formA.fields);
    expect([launchA.status, launchB.status]).toEqual([200, 200]);
    const roles = await Promise.all(
      [launchA, launchB].map(async (r) => ((await (await api(tool, '/api/me', sessionTokenIn(await r.text()))).json()) as { role: string }).role),
    );
    expect(roles).toEqual(['participant', 'lead']);
  });

  it('a successful launch clears its own state cookie and no other', async () => {
    const jar = new CookieJar();
    const first = await initiateLogin(tool, jar);
    const second = await initiateLogin(tool, jar);
    const launch = await postLaunch(tool, jar, (await authorizeAtPlatform(first)).fields);
    expect(launch.status).toBe(200);
    expect(launch.headers.getSetCookie().join('\n')).toContain(`lti_state_${loginRedirect(first).state.slice(0, 16)}=;`);
    expect(jar.header()).toBe(`lti_state_${loginRedirect(second).state.slice(0, 16)}=${loginRedirect(second).state}`);
  });
});

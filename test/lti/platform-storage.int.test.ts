import { CookieJar, readForm } from '../helpers/browserlessClient';
import { countRows, expectRefusalPage, pageText, sessionTokenIn } from '../helpers/launchAssertions';
import { api, authorizeAtPlatform, initiateLogin, postLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

/** Reads a data-* attribute of the storage pages. */
const attr = (html: string, name: string) => {
  const m = new RegExp(`data-${name}="([^"]*)"`).exec(html);
  return m ? pageText(m[1]!) : null;
};

/**
 * A login offering platform storage (lti_storage_target=_parent), as Canvas sends it, in a browser that
 * drops the tool's cookie: returns the login page, and the platform's auto-post once the browser follows it.
 */
async function storageLogin(tool: TestTool) {
  const jar = new CookieJar();
  const login = await initiateLogin(tool, jar, { lti_storage_target: '_parent' });
  const html = await login.text();
  const authRedirect = attr(html, 'auth-redirect');
  if (!authRedirect) throw new Error('the storage login page has no auth redirect');
  const auth = await fetch(authRedirect);
  jar.clear(); // the browser blocked the third-party cookie
  return { login, html, authRedirect, state: attr(html, 'state')!, fields: readForm(await auth.text()).fields as { id_token: string; state: string }, jar };
}

describe('platform storage (lti_storage_target) binds the launch when the browser drops the state cookie', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('a login offering storage answers 200 HTML (not a redirect) that embeds the platform auth redirect and the state', async () => {
    const { login, html, authRedirect, state } = await storageLogin(tool);
    expect(login.status).toBe(200);
    expect(login.headers.get('location')).toBeNull();
    expect(login.headers.get('content-type')).toMatch(/^text\/html/);
    const url = new URL(authRedirect);
    expect(`${url.origin}${url.pathname}`).toBe(tool.services.sandbox!.identity.authUrl);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('redirect_uri')).toBe(`${tool.url}/lti/launch`);
    expect(attr(html, 'storage-target')).toBe('_parent');
    expect(attr(html, 'platform-origin')).toBe(new URL(tool.url).origin);
    expect(html).toContain('/lti/assets/login-storage.js');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline code
  });

  it('a launch that comes back without the cookie answers a 200 verify page posting to /lti/launch, and opens nothing yet', async () => {
    const { fields } = await storageLogin(tool);
    const before = await countRows(tool.db);
    const res = await postLaunch(tool, new CookieJar(), fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('staffroom-session');
    const form = readForm(html);
    expect(form.action).toBe(`${tool.url}/lti/launch`);
    expect(form.fields).toEqual({ id_token: fields.id_token, state: fields.state, storage_state: '' });
    expect(attr(html, 'state')).toBe(fields.state);
    expect(await countRows(tool.db)).toEqual(before);
  });

  it('re-posting the verify form with storage_state=<state> opens the session with 200', async () => {
    const { fields } = await storageLogin(tool);
    const verify = readForm(await (await postLaunch(tool, new CookieJar(), fields)).text());
    const before = await countRows(tool.db, ['sessions']);
    const res = await postLaunch(tool, new CookieJar(), { ...verify.fields, storage_state: fields.state });
    expect(res.status).toBe(200);
    const token = sessionTokenIn(await res.text());
    expect(token).toBeTruthy();
    expect((await api(tool, '/api/me', token)).status).toBe(200);
    expect(await countRows(tool.db, ['sessions'])).toEqual({ sessions: before.sessions! + 1 });
  });

  it.each([
    ['a wrong', 'not-the-state'],
    ['an empty', ''],
  ])('re-posting with %s storage_state is refused 401 lti_state_mismatch and writes nothing', async (_what, storageState) => {
    const { fields } = await storageLogin(tool);
    const before = await countRows(tool.db);
    const res = await postLaunch(tool, new CookieJar(), { ...fields, storage_state: storageState });
    await expectRefusalPage(res, { status: 401, id: 'lti_state_mismatch', says: 'This launch was not started by this browser' }, fields.id_token);
    expect(await countRows(tool.db)).toEqual(before);
  });

  it("a storage_state cannot stand in for the cookie when the platform offered no storage: 401 lti_state_mismatch", async () => {
    const jar = new CookieJar();
    const { fields } = await authorizeAtPlatform(await initiateLogin(tool, jar));
    const before = await countRows(tool.db);
    const res = await postLaunch(tool, new CookieJar(), { ...fields, storage_state: fields.state! });
    await expectRefusalPage(res, { status: 401, id: 'lti_state_mismatch', says: 'This launch was not started by this browser' }, fields.id_token);
    expect(await countRows(tool.db)).toEqual(before);
  });

  it('when the browser keeps the cookie, a login offering storage launches directly with 200 (no verify page)', async () => {
    const jar = new CookieJar();
    const login = await initiateLogin(tool, jar, { lti_storage_target: '_parent' });
    const authRedirect = attr(await login.text(), 'auth-redirect')!;
    const fields = readForm(await (await fetch(authRedirect)).text()).fields;
    const res = await postLaunch(tool, jar, fields);
    expect(res.status).toBe(200);
    expect(sessionTokenIn(await res.text())).toBeTruthy();
  });
});

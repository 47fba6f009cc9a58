import { CookieJar } from '../helpers/browserlessClient';
import { countRows, expectRefusalPage, sessionTokenIn, type Refusal } from '../helpers/launchAssertions';
import { authorizeAtPlatform, initiateLogin, launchAs, loginRedirect, postLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildLaunchClaims } from '../../lti-tool/src/sandbox/sandbox.claims';
import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { createLoginStateSeal } from '../../lti-tool/src/lti/loginState.seal';

/** Posts a launch form with an explicit Cookie header (or none), as an attacker's client would. */
const postRaw = (tool: TestTool, body: URLSearchParams | Record<string, string>, cookie?: string) =>
  fetch(`${tool.url}/lti/launch`, { method: 'POST', body: body instanceof URLSearchParams ? body : new URLSearchParams(body), headers: cookie ? { cookie } : {}, redirect: 'manual' });

/** A login completed at the platform: the auto-post form and the browser that started it. */
async function authorized(tool: TestTool, overrides = {}) {
  const jar = new CookieJar();
  const form = await authorizeAtPlatform(await initiateLogin(tool, jar, overrides));
  return { jar, fields: form.fields as { id_token: string; state: string } };
}

const OTHER_PLATFORM = {
  issuer: 'https://lms-b.example.edu',
  clientId: 'staffroom-at-lms-b',
  name: 'LMS B',
  authUrl: 'https://lms-b.example.edu/auth',
  tokenUrl: 'https://lms-b.example.edu/token',
  jwksUrl: 'https://lms-b.example.edu/jwks',
  deploymentIds: ['lms-b-deployment'],
};

interface HttpCase extends Refusal {
  name: string;
  /** Sets the scene; returns the forged request (not yet sent) and the id_token involved, if any. */
  prepare: (tool: TestTool) => Promise<{ send: () => Promise<Response>; idToken?: string }>;
}

const cases: HttpCase[] = [
  {
    name: 'a launch with no id_token', status: 400, id: 'lti_missing_id_token', says: 'The launch has no id_token',
    prepare: async (tool) => {
      const { jar, fields } = await authorized(tool);
      return { send: () => postLaunch(tool, jar, { state: fields.state }), idToken: fields.id_token };
    },
  },
  {
    name: 'a launch whose id_token is sent twice', status: 400, id: 'lti_missing_id_token', says: 'The launch has no id_token',
    prepare: async (tool) => {
      const { jar, fields } = await authorized(tool);
      const body = new URLSearchParams([['id_token', fields.id_token], ['id_token', fields.id_token], ['state', fields.state]]);
      return { send: () => postRaw(tool, body, jar.header()), idToken: fields.id_token };
    },
  },
  {
    name: 'a valid token posted with no state', status: 400, id: 'lti_missing_state', says: 'The launch has no state',
    prepare: async (tool) => {
      const { jar, fields } = await authorized(tool);
      return { send: () => postLaunch(tool, jar, { id_token: fields.id_token }), idToken: fields.id_token };
    },
  },
  {
    name: "a launch posted by a browser holding another login's state cookie", status: 401, id: 'lti_state_mismatch', says: 'This launch was not started by this browser',
    prepare: async (tool) => {
      const victim = await authorized(tool);
      const attacker = await authorized(tool);
      return { send: () => postLaunch(tool, attacker.jar, victim.fields), idToken: victim.fields.id_token };
    },
  },
  {
    name: "a state cookie named for this login but holding another login's state", status: 401, id: 'lti_state_mismatch', says: 'This launch was not started by this browser',
    prepare: async (tool) => {
      const victim = await authorized(tool);
      const attacker = await authorized(tool);
      const cookie = `lti_state_${victim.fields.state.slice(0, 16)}=${attacker.fields.state}`;
      return { send: () => postRaw(tool, victim.fields, cookie), idToken: victim.fields.id_token };
    },
  },
  {
    name: 'a launch with no cookie when the platform offered no storage', status: 401, id: 'lti_state_mismatch', says: 'the browser blocked the cookie',
    prepare: async (tool) => {
      const { fields } = await authorized(tool);
      return { send: () => postRaw(tool, fields), idToken: fields.id_token };
    },
  },
  {
    name: 'a replay of a launch that already opened a session', status: 401, id: 'lti_state_unknown', says: 'already used or has expired',
    prepare: async (tool) => {
      const { jar, fields } = await authorized(tool);
      const first = await postLaunch(tool, jar, fields);
      expect(first.status).toBe(200);
      const cookie = `lti_state_${fields.state.slice(0, 16)}=${fields.state}`; // even with the cookie replayed too
      return { send: () => postRaw(tool, fields, cookie), idToken: fields.id_token };
    },
  },
  {
    name: "a used id_token replayed inside a fresh login's state", status: 401, id: 'lti_nonce_mismatch', says: 'carries a nonce Staffroom did not issue',
    prepare: async (tool) => {
      const used = await launchAs(tool, 'teacher-1');
      expect(used.res.status).toBe(200);
      const jar = new CookieJar();
      const { state } = loginRedirect(await initiateLogin(tool, jar));
      return { send: () => postLaunch(tool, jar, { id_token: used.form.fields.id_token!, state }), idToken: used.form.fields.id_token };
    },
  },
  {
    name: 'a launch whose login state has expired', status: 401, id: 'lti_state_unknown', says: 'already used or has expired',
    prepare: async (tool) => {
      // A state the tool itself sealed whose time is up, with its cookie and a matching nonce: only the expiry is wrong.
      const sandbox = tool.services.sandbox!;
      const [platform] = await tool.services.platformStore.findByIssuer(sandbox.identity.issuer);
      const { state, nonce } = createLoginStateSeal(tool.config.secret).issue({ platformId: platform!.id, storageTarget: null, expiresAt: new Date(Date.now() - 1000) });
      const idToken = await sandbox.sign(buildLaunchClaims(sandbox.identity, findPersona('teacher-1')!, { nonce }));
      return { send: () => postRaw(tool, { id_token: idToken, state }, `lti_state_${state.slice(0, 16)}=${state}`), idToken };
    },
  },
  {
    name: 'a launch whose state was altered (its seal no longer matches)', status: 401, id: 'lti_state_unknown', says: 'already used or has expired',
    prepare: async (tool) => {
      const { fields } = await authorized(tool);
      const [id, payload, tag] = fields.state.split('.');
      // Another expiry, far in the future, in a well-formed payload: the tag was made for the original.
      const [platformId, , storage] = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      const altered = `${id}.${Buffer.from(JSON.stringify([platformId, 4102444800, storage])).toString('base64url')}.${tag}`;
      return { send: () => postRaw(tool, { id_token: fields.id_token, state: altered }, `lti_state_${altered.slice(0, 16)}=${altered}`), idToken: fields.id_token };
    },
  },
  {
    name: 'a sandbox token presented with a state issued to another platform registration', status: 401, id: 'lti_state_unknown', says: 'already used or has expired',
    prepare: async (tool) => {
      const sandbox = tool.services.sandbox!;
      const jar = new CookieJar();
      const login = await initiateLogin(tool, jar, { iss: OTHER_PLATFORM.issuer, client_id: OTHER_PLATFORM.clientId, lti_deployment_id: OTHER_PLATFORM.deploymentIds[0] });
      const { url, state, nonce } = loginRedirect(login);
      expect(url.origin).toBe('https://lms-b.example.edu');
      const idToken = await sandbox.sign(buildLaunchClaims(sandbox.identity, findPersona('teacher-1')!, { nonce }));
      return { send: () => postLaunch(tool, jar, { id_token: idToken, state }), idToken };
    },
  },
  {
    name: 'a launch body over the size limit', status: 413, id: 'lti_token_too_large', says: 'larger than Staffroom accepts',
    prepare: async (tool) => {
      const { jar, fields } = await authorized(tool);
      const idToken = `${fields.id_token}${'A'.repeat(48 * 1024)}`;
      return { send: () => postLaunch(tool, jar, { id_token: idToken, state: fields.state }), idToken };
    },
  },
  {
    name: 'a launch with more form fields than a platform sends', status: 413, id: 'lti_request_too_large', says: 'more fields or data than Staffroom accepts',
    prepare: async (tool) => {
      const { jar, fields } = await authorized(tool);
      const extra = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`custom_${i}`, 'x']));
      return { send: () => postLaunch(tool, jar, { ...fields, ...extra }), idToken: fields.id_token };
    },
  },
];

describe('launch requests with missing, mismatched, replayed or oversized state are refused and write nothing', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
    await tool.services.platforms.register(OTHER_PLATFORM, { checkJwks: false });
  });
  afterAll(() => tool.stop());

  it.each(cases)('refuses $name with $status $id', async (c) => {
    const { send, idToken } = await c.prepare(tool);
    const before = await countRows(tool.db);
    const res = await send();
    await expectRefusalPage(res, c, idToken);
    expect(await countRows(tool.db)).toEqual(before);
  });

  it('a refused cross-browser post does not burn the login: the browser that started it still launches with 200', async () => {
    const victim = await authorized(tool);
    const attacker = await authorized(tool);
    expect((await postLaunch(tool, attacker.jar, victim.fields)).status).toBe(401);
    const res = await postLaunch(tool, victim.jar, victim.fields);
    expect(res.status).toBe(200);
    expect(sessionTokenIn(await res.text())).toBeTruthy();
  });

  it('posting the same successful launch twice answers 200 then 401 lti_state_unknown, and only one session exists', async () => {
    const before = await countRows(tool.db, ['sessions']);
    const { jar, fields } = await authorized(tool);
    const cookie = jar.header()!;
    const first = await postRaw(tool, fields, cookie);
    const second = await postRaw(tool, fields, cookie);
    expect(first.status).toBe(200);
    await expectRefusalPage(second, { status: 401, id: 'lti_state_unknown', says: 'already used or has expired' }, fields.id_token);
    expect(await countRows(tool.db, ['sessions'])).toEqual({ sessions: before.sessions! + 1 });
  });

  it('two racing posts of one launch open exactly one session (one 200, one 401)', async () => {
    const before = await countRows(tool.db, ['sessions']);
    const { jar, fields } = await authorized(tool);
    const cookie = jar.header()!;
    const statuses = (await Promise.all([postRaw(tool, fields, cookie), postRaw(tool, fields, cookie)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 401]);
    expect(await countRows(tool.db, ['sessions'])).toEqual({ sessions: before.sessions! + 1 });
  });
});

import { decodeJwt } from 'jose';
import { api, launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import type { SessionIdentity } from '../../lti-tool/src/lti/session';

/** The identity a session token carries (read without verifying, to re-sign it in tests). */
function identityOf(token: string): SessionIdentity {
  const p = decodeJwt(token) as Record<string, string>;
  return { sessionId: p.jti!, userId: p.uid!, contextId: p.cid!, platformId: p.pid!, deploymentId: p.did!, role: p.role as SessionIdentity['role'] };
}

async function expectApiError(res: Response, status: number, id: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual({ error: { id, message: expect.stringMatching(/\S/) } });
}

describe('the session API accepts only valid, unexpired session tokens', () => {
  let tool: TestTool;
  let token: string;
  beforeAll(async () => {
    tool = await startTestTool({ SESSION_TTL_SECONDS: '60' });
    const launch = await launchAs(tool, 'teacher-1');
    expect(launch.res.status).toBe(200);
    token = launch.token!;
  });
  afterAll(() => tool.stop());

  it('/api/me with the token a launch handed out answers 200', async () => {
    const res = await api(tool, '/api/me', token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('/api/me without a token answers 401 unauthenticated as JSON {error:{id,message}}', async () => {
    await expectApiError(await api(tool, '/api/me', null), 401, 'unauthenticated');
  });

  it.each([
    ['a garbage bearer token', () => 'Bearer not-a-token'],
    ['a valid token in a Basic header', (t: string) => `Basic ${t}`],
    ['a valid token followed by junk', (t: string) => `Bearer ${t} x`],
  ])('/api/me with %s answers 401 unauthenticated', async (_what, header) => {
    await expectApiError(await api(tool, '/api/me', null, { headers: { authorization: header(token) } }), 401, 'unauthenticated');
  });

  it('/api/me with a token whose payload was edited (role raised to admin) answers 401 unauthenticated', async () => {
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url')}.${s}`;
    await expectApiError(await api(tool, '/api/me', forged), 401, 'unauthenticated');
  });

  it('/api/me with an unsigned (alg none) copy of the token answers 401 unauthenticated', async () => {
    const [, p] = token.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    await expectApiError(await api(tool, '/api/me', unsigned), 401, 'unauthenticated');
  });

  it('/api/me with a launch id_token instead of a session token answers 401 unauthenticated', async () => {
    const { form } = await launchAs(tool, 'teacher-2');
    await expectApiError(await api(tool, '/api/me', form.fields.id_token!), 401, 'unauthenticated');
  });

  it('/api/me with an expired session token answers 401 session_expired, while the same identity signed now answers 200', async () => {
    const identity = identityOf(token);
    const expired = await tool.services.sessionTokens.sign(identity, new Date(Date.now() - 120_000));
    expect(decodeJwt(expired).exp! * 1000).toBeLessThan(Date.now());
    await expectApiError(await api(tool, '/api/me', expired), 401, 'session_expired');
    const fresh = await tool.services.sessionTokens.sign(identity);
    expect((await api(tool, '/api/me', fresh)).status).toBe(200);
  });
});

import pino from 'pino';
import { loadConfig } from '../../config/config';
import { startTool, type RunningTool } from '../../lti-tool/src/server';
import { CookieJar } from '../helpers/browserlessClient';
import { authorizeAtPlatform, initiateLogin, launchAs, postLaunch } from '../helpers/ltiFlow';
import { pageText } from '../helpers/launchAssertions';
import { createTestDb, type TestDb } from '../helpers/testDb';
import { startTestTool, type TestTool } from '../helpers/testTool';

const LIMIT = 3;

describe('rate limits on LTI login initiation and launch, shared by every tool process on the database (batched, ADR 0012)', () => {
  let testDb: TestDb;
  let first: RunningTool;
  let second: RunningTool;
  const asTestTool = (t: RunningTool, config: ReturnType<typeof loadConfig>): TestTool => ({ ...t, config: { ...config, publicUrl: t.url }, stop: () => t.close() });
  let toolA: TestTool;
  let toolB: TestTool;

  beforeAll(async () => {
    testDb = await createTestDb();
    const env = { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_SCHEMA: testDb.jobSchema, JOB_POLLING_SECONDS: '0.5', RATE_LIMIT_LTI_PER_MINUTE: String(LIMIT) };
    // Two processes of the tool on one database, as behind a load balancer (the sandbox issuer is the first's URL).
    const configA = loadConfig(env);
    first = await startTool({ config: configA, db: testDb.db, logger: pino({ level: 'silent' }), ownsDb: false });
    toolA = asTestTool(first, configA);
    const configB = loadConfig({ ...env, PUBLIC_URL: first.url });
    second = await startTool({ config: configB, db: testDb.db, logger: pino({ level: 'silent' }), ownsDb: false });
    toolB = { ...asTestTool(second, configB), url: second.url };
  });
  // What each process's timer does every second, called here so the tests need not wait for it.
  const flushBoth = async () => {
    await first.services.ltiRateLimits.flush();
    await second.services.ltiRateLimits.flush();
  };
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await testDb?.destroy();
  });

  it('counts logins across both processes and answers the one over the limit with 429, Retry-After and a page for the LMS admin', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await initiateLogin(i % 2 ? toolB : toolA, new CookieJar(), { login_hint: 'teacher-1' })).status);
    expect(statuses).toEqual([302, 302, 302]);
    await flushBoth(); // B has seen one login itself; after its flush it knows all three
    expect((await testDb.db('rate_limits').where('key', 'like', 'lti-login:%').first()).hits).toBe(LIMIT);

    const refused = await fetch(`${toolB.url}/lti/login?${new URLSearchParams({ iss: 'x', login_hint: 'y', target_link_uri: `${toolA.url}/lti/launch` })}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const text = pageText(await refused.text());
    expect(text).toContain('Too many requests');
    expect(text).toContain('RATE_LIMIT_LTI_PER_MINUTE');
    expect(text).toContain('rate_limited');
  });

  it('counts launches separately from logins: a launch is still accepted (200) after the logins ran out, until its own limit', async () => {
    // The login limit is spent (previous test), so obtain launch forms from a fresh window of another counter:
    // the launch counter has seen nothing yet.
    const jar = new CookieJar();
    // An administrator's reset (deleting the rows) reaches every process at its next flush.
    await testDb.db('rate_limits').where('key', 'like', 'lti-login:%').delete();
    await flushBoth();
    const login = await initiateLogin(toolA, jar, { login_hint: 'teacher-1' });
    expect(login.status).toBe(302);
    const form = await authorizeAtPlatform(login);
    const launched = await postLaunch(toolA, jar, form.fields);
    expect(launched.status).toBe(200);
    await flushBoth();
    const launchRow = await testDb.db('rate_limits').where('key', 'like', 'lti-launch:%').first();
    expect(launchRow.hits).toBe(1);

    for (let i = 0; i < LIMIT - 1; i++) await postLaunch(toolA, new CookieJar(), { id_token: 'x', state: 'y' });
    const over = await fetch(`${toolA.url}/lti/launch`, { method: 'POST', body: new URLSearchParams({ id_token: 'x', state: 'y' }), headers: { accept: 'text/html' } });
    expect(over.status).toBe(429);
    expect(await testDb.db('sessions').count({ n: '*' }).first()).toEqual({ n: 1 }); // only the one real launch
  });

  it('a process learns the other processes\' counts at its next flush: the bound of batching', async () => {
    // A has spent the launch limit (previous test); B has counted none of it itself.
    await first.services.ltiRateLimits.flush();
    const launchB = () => fetch(`${toolB.url}/lti/launch`, { method: 'POST', body: new URLSearchParams({ id_token: 'x', state: 'y' }), headers: { accept: 'text/html' } });
    // Before B's flush it decides from its own count: one more attempt gets through to the launch checks (400).
    expect((await launchB()).status).toBe(400);
    await second.services.ltiRateLimits.flush();
    expect((await launchB()).status).toBe(429);
    const row = await testDb.db('rate_limits').where('key', 'like', 'lti-launch:%').first();
    expect(row.hits).toBe(LIMIT + 2); // A's 4 attempts and B's first: every attempt is counted once
  });
});

describe('rate limit on uploads', () => {
  it('refuses the upload over the limit with 429 rate_limited before reading its body, and accepts again once the window is reset', async () => {
    const tool = await startTestTool({ RATE_LIMIT_UPLOADS_PER_MINUTE: '2' });
    try {
      const { token } = await launchAs(tool, 'teacher-1');
      const upload = () => {
        const form = new FormData();
        form.append('file', new Blob(['plain notes'], { type: 'text/plain' }), 'notes.txt');
        return fetch(`${tool.url}/api/attachments?purpose=no-such-purpose`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      };
      const [a, b, c] = [await upload(), await upload(), await upload()];
      expect([a.status, b.status]).not.toContain(429);
      expect(c.status).toBe(429);
      expect((await c.json()).error.id).toBe('rate_limited');
      await tool.db('rate_limits').delete();
      expect((await upload()).status).not.toBe(429);
    } finally {
      await tool.stop();
    }
  });
});

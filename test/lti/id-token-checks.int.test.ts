import { CookieJar } from '../helpers/browserlessClient';
import { countRows, expectRefusalPage, sessionTokenIn, type Refusal } from '../helpers/launchAssertions';
import { postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startPlatformEmulator, type PlatformEmulator } from '../helpers/platformEmulator';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { emulatorLaunch, learner, registerEmulator } from '../resilience/resilienceFlow';

/**
 * The id_token checks the tool makes itself since the RS256 check moved out of jose (ADR 0019), at their edges:
 * the clock skew on each time claim, claims of the wrong type, a critical header extension and a weak platform key.
 * forged-launches.int.test.ts covers the sandbox's tamper recipes (signature, algorithm, kid, issuer, audience...).
 */
describe('id_token time claims, claim types, crit and key strength', () => {
  let tool: TestTool;
  const skew = 60;
  beforeAll(async () => {
    tool = await startTestTool({ LTI_CLOCK_SKEW_SECONDS: String(skew), RATE_LIMIT_LTI_PER_MINUTE: '0' });
  });
  afterAll(() => tool.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const launchWith = async (edit: (c: Record<string, unknown>) => void) => {
    const jar = new CookieJar();
    const { fields } = await signedLaunch(tool, jar, { edit });
    return { res: await postLaunch(tool, jar, fields), idToken: fields.id_token };
  };

  it.each([
    ['expired 30 s ago (inside the skew)', (c: Record<string, unknown>) => void (c.exp = now() - skew / 2)],
    ['issued 30 s in the future (inside the skew)', (c: Record<string, unknown>) => void (c.iat = now() + skew / 2)],
    ['not valid before 30 s from now (inside the skew)', (c: Record<string, unknown>) => void (c.nbf = now() + skew / 2)],
    ['not valid before a minute ago', (c: Record<string, unknown>) => void (c.nbf = now() - 60)],
  ])('accepts a token %s', async (_what, edit) => {
    const { res } = await launchWith(edit);
    expect(res.status).toBe(200);
    expect(sessionTokenIn(await res.text())).toBeTruthy();
  });

  const refusals: Array<[string, (c: Record<string, unknown>) => void, Refusal]> = [
    ['expired 90 s ago (past the skew)', (c) => void (c.exp = now() - skew - 30), { status: 401, id: 'lti_token_expired', says: 'The launch token has expired' }],
    ['not valid before 2 minutes from now', (c) => void (c.nbf = now() + 2 * skew), { status: 401, id: 'lti_token_from_future', says: 'was issued in the future' }],
    ['without iat', (c) => void delete c.iat, { status: 400, id: 'lti_missing_claim', says: 'The launch token has no iat' }],
    ['with exp as a string', (c) => void (c.exp = String(now() + 300)), { status: 401, id: 'lti_bad_claim', says: 'exp claim is not acceptable: it must be a number of seconds' }],
    ['with iat as null', (c) => void (c.iat = null), { status: 401, id: 'lti_bad_claim', says: 'iat claim is not acceptable: it must be a number of seconds' }],
    ['with nbf as a date string', (c) => void (c.nbf = new Date().toISOString()), { status: 401, id: 'lti_bad_claim', says: 'nbf claim is not acceptable: it must be a number of seconds' }],
  ];
  it.each(refusals)('refuses a token %s, writing nothing', async (_what, edit, expected) => {
    const before = await countRows(tool.db);
    const { res, idToken } = await launchWith(edit);
    await expectRefusalPage(res, expected, idToken);
    expect(await countRows(tool.db)).toEqual(before);
  });

  describe('from a platform of its own (key and header under the test’s control)', () => {
    let strong: PlatformEmulator;
    let weak: PlatformEmulator;
    beforeAll(async () => {
      strong = await startPlatformEmulator({ name: 'Strong-key LMS' });
      weak = await startPlatformEmulator({ name: 'Weak-key LMS', modulusLength: 1024 });
      for (const emu of [strong, weak]) await registerEmulator(tool, emu);
    });
    afterAll(async () => Promise.all([strong, weak].map((e) => e.stop())));

    const refused = async (launch: { res: Response; html: string }, expected: Refusal) =>
      expectRefusalPage(new Response(launch.html, { status: launch.res.status, headers: launch.res.headers }), expected);

    it('launches with a 2048-bit key and a plain header (the baseline of the two refusals below)', async () => {
      const launch = await emulatorLaunch(tool, strong, learner(1), { nrps: false, ags: false });
      expect(launch.res.status).toBe(200);
      expect(launch.token).toBeTruthy();
    });

    it('refuses a token whose header names a critical extension (crit), as RFC 7515 requires of a tool that knows none', async () => {
      const before = await countRows(tool.db);
      const launch = await emulatorLaunch(tool, strong, learner(2), { nrps: false, ags: false, header: { crit: ['http://example.org/ext'], 'http://example.org/ext': true } });
      await refused(launch, { status: 400, id: 'lti_malformed_token', says: 'it names critical header extensions (crit)' });
      expect(await countRows(tool.db)).toEqual(before);
    });

    it('refuses a token signed with a 1024-bit RSA key, telling the admin to use 2048 bits or more', async () => {
      const before = await countRows(tool.db);
      const launch = await emulatorLaunch(tool, weak, learner(3), { nrps: false, ags: false });
      const html = await refused(launch, { status: 401, id: 'lti_weak_key', says: 'is shorter than 2048 bits' });
      expect(html).toContain('at least 2048 bits');
      expect(await countRows(tool.db)).toEqual(before);
    });
  });
});

import { hmacSha1Signature, oauthProtocolParams, signatureBaseString, type OAuthParams } from '../../lti-tool/src/lti11/oauth1';
import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { expectRefusalPage, type Refusal } from '../helpers/launchAssertions';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { countLti11Rows, lti11Form, lti11LaunchAs, postLti11, sandboxConsumer } from './lti11Flow';

const HOUR_MS = 3600_000;

describe('forged and malformed LTI 1.1 launches are refused with an explanatory page and write nothing', () => {
  let tool: TestTool;
  let before: Record<string, number>;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());
  beforeEach(async () => {
    before = await countLti11Rows(tool);
  });

  async function expectRefused(fields: Record<string, string> | URLSearchParams, expected: Refusal, path?: string): Promise<void> {
    await expectRefusalPage(await postLti11(tool, fields, path), expected);
    expect(await countLti11Rows(tool)).toEqual(before);
  }

  it('refuses 401 a launch whose parameters were changed after signing (role raised to Administrator)', async () => {
    const fields = lti11Form(tool, 'teacher-1');
    await expectRefused({ ...fields, roles: 'urn:lti:instrole:ims/lis/Administrator' }, { status: 401, id: 'lti11_bad_signature', says: 'does not match the consumer' });
  });

  it('refuses 401 a launch with a signature that is not base64 HMAC-SHA1 at all', async () => {
    await expectRefused({ ...lti11Form(tool), oauth_signature: 'forged' }, { status: 401, id: 'lti11_bad_signature', says: 'OAuth signature' });
  });

  it('refuses 401 a launch signed with the wrong secret for a registered key, naming the exact launch URL in the hint', async () => {
    const res = await postLti11(tool, lti11Form(tool, 'lead', {}, { secret: 'not-the-shared-secret-at-all' }));
    const page = await expectRefusalPage(res, { status: 401, id: 'lti11_bad_signature', says: 'shared secret' });
    expect(page).toContain(`${tool.url}/lti/1p1/launch`);
    expect(await countLti11Rows(tool)).toEqual(before);
  });

  it('refuses 403 a launch from an unknown consumer key, telling the admin how to register it', async () => {
    const res = await postLti11(tool, lti11Form(tool, 'teacher-1', {}, { consumerKey: 'who-is-this' }));
    const page = await expectRefusalPage(res, { status: 403, id: 'lti11_unknown_consumer', says: 'who-is-this' });
    expect(page).toContain('npm run lti11:add');
    expect(await countLti11Rows(tool)).toEqual(before);
  });

  it('refuses 401 a replayed launch (same nonce) after the first one opened a session, adding nothing', async () => {
    const fields = lti11Form(tool, 'teacher-2');
    expect((await postLti11(tool, fields)).status).toBe(200);
    before = await countLti11Rows(tool);
    await expectRefused(fields, { status: 401, id: 'lti11_replayed_nonce', says: 'already used' });
  });

  it('of two simultaneous launches with the same nonce, exactly one opens a session (200) and the other is refused (401)', async () => {
    const fields = lti11Form(tool, 'teacher-3');
    const responses = await Promise.all([postLti11(tool, fields), postLti11(tool, fields)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 401]);
    await Promise.all(responses.map((r) => r.text()));
    expect((await countLti11Rows(tool)).sessions).toBe((before.sessions ?? 0) + 1);
  });

  it('accepts the same nonce from two different consumers (nonces are per consumer)', async () => {
    await tool.services.lti11.consumers.register({ consumerKey: 'nonce-neighbour', secret: 'nonce-neighbour-secret-123' });
    const a = lti11Form(tool, 'teacher-1');
    const b = lti11Form(tool, 'teacher-1', { oauth_nonce: a.oauth_nonce! }, { consumerKey: 'nonce-neighbour', secret: 'nonce-neighbour-secret-123' });
    expect((await postLti11(tool, a)).status).toBe(200);
    expect((await postLti11(tool, b)).status).toBe(200);
  });

  it.each([
    ['an hour old', -HOUR_MS, 'too old'],
    ['an hour in the future', HOUR_MS, 'in the future'],
  ])('refuses 401 a launch dated %s', async (_what, offset, says) => {
    const fields = lti11Form(tool, 'teacher-1', {}, { now: new Date(Date.now() + offset) });
    await expectRefused(fields, { status: 401, id: 'lti11_stale_timestamp', says });
  });

  it.each(['user_id', 'context_id', 'resource_link_id', 'lti_message_type', 'lti_version'])('refuses 400 a correctly signed launch without %s', async (param) => {
    await expectRefused(lti11Form(tool, 'teacher-1', { [param]: undefined }), { status: 400, id: 'lti11_missing_param', says: `no ${param}` });
  });

  it.each(['oauth_consumer_key', 'oauth_signature', 'oauth_nonce', 'oauth_timestamp', 'oauth_signature_method'])('refuses 400 a launch without %s', async (param) => {
    const fields = lti11Form(tool);
    delete fields[param];
    await expectRefused(fields, { status: 400, id: 'lti11_missing_param', says: `no ${param}` });
  });

  it('refuses 400 a launch that is not a form at all (JSON body)', async () => {
    const res = await fetch(`${tool.url}/lti/1p1/launch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(lti11Form(tool)) });
    await expectRefusalPage(res, { status: 400, id: 'lti11_missing_param', says: 'no oauth_consumer_key' });
    expect(await countLti11Rows(tool)).toEqual(before);
  });

  it('refuses 400 a signed content-item (deep linking) request: only basic launches are accepted', async () => {
    await expectRefused(lti11Form(tool, 'lead', { lti_message_type: 'ContentItemSelectionRequest' }), { status: 400, id: 'lti11_unsupported_message_type', says: 'ContentItemSelectionRequest' });
  });

  it('refuses 400 a signed launch claiming another LTI version', async () => {
    await expectRefused(lti11Form(tool, 'lead', { lti_version: 'LTI-2p0' }), { status: 400, id: 'lti11_bad_version', says: 'LTI-2p0' });
  });

  it('refuses 400 a launch signed with PLAINTEXT instead of HMAC-SHA1', async () => {
    await expectRefused({ ...lti11Form(tool), oauth_signature_method: 'PLAINTEXT' }, { status: 400, id: 'lti11_unsupported_signature_method', says: 'PLAINTEXT' });
  });

  it('refuses 400 a correctly signed launch that repeats user_id (which one would be the user?)', async () => {
    const consumer = sandboxConsumer(tool);
    const params: OAuthParams = { ...consumer.launchParams(findPersona('teacher-1')!), ...oauthProtocolParams(consumer.identity.consumerKey) };
    params.user_id = [params.user_id as string, 'someone-else'];
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const value of [v].flat()) form.append(k, value);
    form.append('oauth_signature', hmacSha1Signature(signatureBaseString('POST', consumer.identity.launchUrl, params), consumer.identity.secret));
    await expectRefused(form, { status: 400, id: 'lti11_bad_param', says: 'sent more than once' });
  });

  it('refuses 400 a signed launch with a user_id longer than 255 characters', async () => {
    await expectRefused(lti11Form(tool, 'teacher-1', { user_id: 'u'.repeat(256) }), { status: 400, id: 'lti11_bad_param', says: 'user_id' });
  });

  it('refuses 413 a launch form larger than 64 KB', async () => {
    await expectRefused(lti11Form(tool, 'teacher-1', { custom_blob: 'x'.repeat(70 * 1024) }), { status: 413, id: 'lti11_request_too_large', says: 'more fields or data' });
  });

  it('refuses 413 a launch form with more than 200 fields', async () => {
    const extra = Object.fromEntries(Array.from({ length: 210 }, (_, i) => [`custom_f${i}`, 'v']));
    await expectRefused(lti11Form(tool, 'teacher-1', extra), { status: 413, id: 'lti11_request_too_large', says: 'more fields or data' });
  });

  it('lets any LMS frame the refusal page (it has nothing to click), so the user sees why instead of a blocked frame', async () => {
    const res = await postLti11(tool, { ...lti11Form(tool), oauth_signature: 'forged' });
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
  });

  it('still opens a session for a correct launch after all these refusals', async () => {
    const { res, token } = await lti11LaunchAs(tool, 'teacher-1');
    expect(res.status).toBe(200);
    expect(token).toBeTruthy();
  });
});

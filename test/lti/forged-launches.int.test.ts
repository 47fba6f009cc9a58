import type { IncomingMessage } from 'node:http';
import { CookieJar } from '../helpers/browserlessClient';
import { countRows, expectRefusalPage, sessionTokenIn, type Refusal } from '../helpers/launchAssertions';
import { authorizeAtPlatform, initiateLogin, launchAs, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { MAX_ID_TOKEN_BYTES } from '../../lti-tool/src/lti/idToken';
import { TAMPERS, type TamperName } from '../../lti-tool/src/sandbox/sandbox.tampers';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/**
 * What the tool must answer to each of the sandbox's tamper recipes. Typed as a record over every
 * recipe name, so a new recipe in sandbox.tampers.ts does not compile until it has an expectation here.
 */
const expectations: Record<TamperName, Refusal> = {
  alg_none: { status: 401, id: 'lti_bad_algorithm', says: 'signed with none; Staffroom accepts RS256 only' },
  hs256_public_key: { status: 401, id: 'lti_bad_algorithm', says: 'signed with HS256; Staffroom accepts RS256 only' },
  wrong_key: { status: 401, id: 'lti_bad_signature', says: "signature does not match the platform's keys" },
  missing_kid: { status: 401, id: 'lti_missing_kid', says: 'does not name its signing key (kid)' },
  unknown_kid: { status: 401, id: 'lti_unknown_kid', says: "The platform's key set has no key no-such-key" },
  expired: { status: 401, id: 'lti_token_expired', says: 'The launch token has expired' },
  iat_future: { status: 401, id: 'lti_token_from_future', says: 'was issued in the future' },
  missing_exp: { status: 400, id: 'lti_missing_claim', says: 'The launch token has no exp' },
  wrong_iss: { status: 403, id: 'lti_unknown_platform', says: 'No platform with issuer https://evil.example.org is registered' },
  wrong_aud: { status: 401, id: 'lti_bad_claim', says: "aud claim is not acceptable: it names no client id registered for this issuer" },
  multi_aud_no_azp: { status: 401, id: 'lti_bad_claim', says: 'azp claim is not acceptable: it is required when aud has several values' },
  azp_mismatch: { status: 401, id: 'lti_bad_claim', says: 'azp claim is not acceptable: it is not this client id' },
  missing_nonce: { status: 400, id: 'lti_missing_claim', says: 'The launch token has no nonce' },
  wrong_nonce: { status: 401, id: 'lti_nonce_mismatch', says: 'carries a nonce Staffroom did not issue' },
  missing_deployment: { status: 400, id: 'lti_missing_claim', says: 'The launch token has no deployment_id' },
  unknown_deployment: { status: 403, id: 'lti_unknown_deployment', says: 'Deployment deployment-999 of' },
  long_deployment: { status: 400, id: 'lti_claim_too_long', says: "deployment_id is longer than Staffroom accepts" },
  wrong_version: { status: 400, id: 'lti_bad_version', says: 'LTI version 1.1.0; Staffroom needs 1.3.0' },
  missing_version: { status: 400, id: 'lti_bad_version', says: 'Staffroom needs 1.3.0' },
  unknown_message_type: { status: 400, id: 'lti_unsupported_message_type', says: 'does not handle the message type LtiSubmissionReviewRequest' },
  missing_message_type: { status: 400, id: 'lti_unsupported_message_type', says: 'does not handle the message type' },
  missing_resource_link: { status: 400, id: 'lti_missing_claim', says: 'The launch token has no resource_link.id' },
  missing_sub: { status: 400, id: 'lti_missing_claim', says: 'The launch token has no sub' },
  missing_context: { status: 400, id: 'lti_missing_claim', says: 'The launch token has no context' },
  foreign_target_link: { status: 400, id: 'lti_bad_target_link_uri', says: 'https://evil.example.org/launch is not a Staffroom address' },
  long_name: { status: 400, id: 'lti_claim_too_long', says: "name is longer than Staffroom accepts" },
  oversized: { status: 413, id: 'lti_token_too_large', says: 'The launch token is larger than Staffroom accepts' },
  garbage: { status: 400, id: 'lti_malformed_token', says: 'it must have three dot-separated parts' },
  bad_base64: { status: 400, id: 'lti_malformed_token', says: 'its header or payload is not base64url-encoded JSON' },
  tampered_payload: { status: 401, id: 'lti_bad_signature', says: "signature does not match the platform's keys" },
  truncated_signature: { status: 401, id: 'lti_bad_signature', says: "signature does not match the platform's keys" },
};

const tamperCases = (Object.keys(TAMPERS) as TamperName[]).map((name) => ({ name, describe: TAMPERS[name].describe, ...expectations[name] }));

/** Hand-built tokens for what the sandbox recipes do not cover. */
const handBuiltCases: Array<{ describe: string; edit: (c: Record<string, unknown>) => void } & Refusal> = [
  {
    describe: 'a token over 32 kB that still fits the form limit',
    edit: (c) => void (c[`${LTI}custom`] = { blob: 'x'.repeat(24_000) }),
    status: 413, id: 'lti_token_too_large', says: 'The launch token is larger than Staffroom accepts',
  },
  { describe: 'a token with no iss', edit: (c) => void delete c.iss, status: 400, id: 'lti_missing_claim', says: 'The launch token has no iss' },
  { describe: 'a token with no aud', edit: (c) => void delete c.aud, status: 400, id: 'lti_missing_claim', says: 'The launch token has no aud' },
  {
    describe: 'a single audience with an azp of another client',
    edit: (c) => void (c.azp = 'other-client'),
    status: 401, id: 'lti_bad_claim', says: 'azp claim is not acceptable: it is not this client id',
  },
  {
    describe: 'an empty context id',
    edit: (c) => void (c[`${LTI}context`] = { id: '' }),
    status: 400, id: 'lti_missing_claim', says: 'The launch token has no context.id',
  },
  {
    describe: 'a deep-linking request without deep_linking_settings',
    edit: (c) => void ((c[`${LTI}message_type`] = 'LtiDeepLinkingRequest'), delete c[`${LTI}resource_link`]),
    status: 400, id: 'lti_missing_claim', says: 'has no deep_linking_settings.deep_link_return_url',
  },
];

describe('forged and malformed launches are refused with an explanatory page and write nothing', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('the expectation table covers every sandbox tamper recipe (at least 30)', () => {
    expect(tamperCases.length).toBeGreaterThanOrEqual(30);
    expect(tamperCases.map((c) => c.name).sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(tamperCases)('refuses $describe ($name) with $status $id', async (c) => {
    const jar = new CookieJar();
    const form = await authorizeAtPlatform(await initiateLogin(tool, jar, { lti_message_hint: JSON.stringify({ tamper: c.name }) }));
    const idToken = form.fields.id_token!;
    const before = await countRows(tool.db);
    const res = await postLaunch(tool, jar, form.fields);
    await expectRefusalPage(res, c, idToken);
    expect(await countRows(tool.db)).toEqual(before);
  });

  it.each(handBuiltCases)('refuses $describe with $status $id', async (c) => {
    const jar = new CookieJar();
    const { fields } = await signedLaunch(tool, jar, { edit: c.edit });
    if (c.id === 'lti_token_too_large') expect(fields.id_token.length).toBeGreaterThan(MAX_ID_TOKEN_BYTES); // and under the form limit
    const before = await countRows(tool.db);
    const res = await postLaunch(tool, jar, fields);
    await expectRefusalPage(res, c, fields.id_token);
    expect(await countRows(tool.db)).toEqual(before);
  });

  it('the same login without tampering succeeds with 200 (the refusals above are due to the tampering alone)', async () => {
    const before = await countRows(tool.db, ['sessions']);
    const { res, html } = await launchAs(tool, 'teacher-1', { tamper: 'no-such-recipe' });
    expect(res.status).toBe(200);
    expect(sessionTokenIn(html)).toBeTruthy();
    expect(await countRows(tool.db, ['sessions'])).toEqual({ sessions: before.sessions! + 1 });
  });

  it('refetches the platform JWKS at most once for unknown kids: two unknown-kid launches in a row both fail 401 and the tool keeps serving', async () => {
    let jwksFetches = 0;
    const count = (req: IncomingMessage) => void (req.url?.startsWith('/sandbox/jwks') && jwksFetches++);
    tool.server.on('request', count);
    try {
      await launchAs(tool, 'teacher-2'); // warms the key cache
      jwksFetches = 0;
      const first = await launchAs(tool, 'teacher-2', { tamper: 'unknown_kid' });
      const afterFirst = jwksFetches;
      const second = await launchAs(tool, 'teacher-2', { tamper: 'unknown_kid' });
      expect([first.res.status, second.res.status]).toEqual([401, 401]);
      expect(first.html).toContain('lti_unknown_kid');
      expect(second.html).toContain('lti_unknown_kid');
      expect(afterFirst).toBeLessThanOrEqual(1);
      expect(jwksFetches - afterFirst).toBe(0);
      const valid = await launchAs(tool, 'teacher-2');
      expect(valid.res.status).toBe(200);
      expect(valid.token).toBeTruthy();
    } finally {
      tool.server.off('request', count);
    }
  });

  it("serves the tool's own JWKS at /.well-known/jwks.json with 200 and public RSA keys only (no d, p, q members)", async () => {
    const res = await fetch(`${tool.url}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key).not.toHaveProperty(secret);
    }
  });
});

import { decodeJwt } from 'jose';
import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { launchAs, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import {
  DL, DL_SETTINGS, LTI, deepLinkingLaunch, editedDeepLinkingLaunch, getItems, headerOf, postResponse, respond, verifyAsPlatform,
} from './deepLinkingFlow';

interface ItemsAnswer {
  items: { id: string; title: string; description: string; graded: { scoreMaximum: number } | null }[];
  acceptsLinks: boolean;
  acceptMultiple: boolean;
  suggestedTitle: string | null;
}

async function expectError(res: Response, status: number, id: string): Promise<Record<string, unknown>> {
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect({ status: res.status, id: body.error?.id }).toEqual({ status, id });
  expect(body.error.message).toEqual(expect.stringMatching(/\S/));
  return body.error;
}

describe('deep linking API: the picker items and the signed LtiDeepLinkingResponse', () => {
  let tool: TestTool;
  let sandbox: { issuer: string; clientId: string; deploymentId: string };
  let adminToken: string;

  beforeAll(async () => {
    tool = await startTestTool();
    sandbox = tool.services.sandbox!.identity;
    adminToken = await deepLinkingLaunch(tool, 'admin');
  }, 120_000); // a tool start is slow on a busy machine
  afterAll(() => tool.stop());

  describe('who may place items', () => {
    it('GET /api/deep-linking/items without a session answers 401', async () => {
      await expectError(await getItems(tool, null), 401, 'unauthenticated');
    });

    it('a teacher (participant) arriving with a deep-linking launch gets 403 from the items and response endpoints', async () => {
      const token = await deepLinkingLaunch(tool, 'teacher-1');
      await expectError(await getItems(tool, token), 403, 'forbidden');
      await expectError(await postResponse(tool, token, { itemIds: ['my-learning'] }), 403, 'forbidden');
    });

    it.each(['admin', 'lead'])('the %s lists the four Staffroom destinations (200), one at a time as the sandbox asks', async (persona) => {
      const res = await getItems(tool, await deepLinkingLaunch(tool, persona));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as ItemsAnswer;
      expect(body.items.map((i) => i.id)).toEqual(['home', 'my-learning', 'competencies', 'feedback-queue']);
      expect(body.items.map((i) => i.title)).toEqual(['Staffroom home', 'My learning', 'Competency profile', 'Feedback to give']);
      expect(body.items.every((i) => i.description.length > 10)).toBe(true);
      expect(body.items.find((i) => i.id === 'home')!.description).toContain('Demo PL cohort: learning visits');
      expect(body.items.map((i) => i.graded)).toEqual([null, null, { scoreMaximum: 100 }, null]);
      expect(body).toMatchObject({ acceptsLinks: true, acceptMultiple: false, suggestedTitle: null });
      expect(JSON.stringify(body)).not.toContain('staffroom_item'); // custom parameters stay on the server
    });

    it('an admin session opened by a course link (not deep linking) gets 409 not_deep_linking_launch', async () => {
      const { token } = await launchAs(tool, 'admin');
      await expectError(await getItems(tool, token), 409, 'not_deep_linking_launch');
      await expectError(await postResponse(tool, token, { itemIds: ['home'] }), 409, 'not_deep_linking_launch');
    });
  });

  describe('the signed response', () => {
    it('answers 200 with only {returnUrl, jwt}: an RS256 JWT from the tool key that a platform verifies with the tool JWKS', async () => {
      const res = await postResponse(tool, adminToken, { itemIds: ['my-learning'] });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { returnUrl: string; jwt: string };
      expect(Object.keys(body).sort()).toEqual(['jwt', 'returnUrl']);
      expect(body.returnUrl).toBe(`${sandbox.issuer}/deep-link-return`);
      const { kid } = await tool.services.toolKeys.signingKey();
      expect(headerOf(body.jwt)).toEqual({ alg: 'RS256', kid, typ: 'JWT' });

      const claims = await verifyAsPlatform(tool, body.jwt, sandbox);
      expect(claims.exp! - claims.iat!).toBe(300);
      expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(60);
      expect(claims.nonce).toEqual(expect.stringMatching(/^[\w-]{16,}$/));
      expect(claims).toMatchObject({
        iss: sandbox.clientId,
        aud: sandbox.issuer,
        [`${LTI}deployment_id`]: sandbox.deploymentId,
        [`${LTI}message_type`]: 'LtiDeepLinkingResponse',
        [`${LTI}version`]: '1.3.0',
        [`${DL}data`]: 'sandbox-dl-data',
        [`${DL}msg`]: 'Added from Staffroom: My learning.',
      });
      expect(claims[`${DL}content_items`]).toEqual([
        { type: 'ltiResourceLink', title: 'My learning', text: expect.stringMatching(/\S/), url: tool.services.urls.launchUrl, custom: { staffroom_item: 'my-learning' } },
      ]);
    });

    it('never carries anything of the launch id_token, and each response has a fresh nonce', async () => {
      const { form, token } = await launchAs(tool, 'admin', { messageType: 'LtiDeepLinkingRequest' });
      const launchClaims = decodeJwt(form.fields.id_token!);
      const first = await respond(tool, token!, { itemIds: ['home'] });
      const second = await respond(tool, token!, { itemIds: ['home'] });
      const [a, b] = [decodeJwt(first.jwt), decodeJwt(second.jwt)];
      expect(a.nonce).not.toBe(b.nonce);
      expect(a.nonce).not.toBe(launchClaims.nonce);
      const text = JSON.stringify([first, a]);
      expect(text).not.toContain(form.fields.id_token!);
      for (const leaked of [launchClaims.sub, launchClaims.email, launchClaims.name, launchClaims.nonce]) expect(text).not.toContain(String(leaked));
    });

    it('adds a lineItem (scoreMaximum, label, resourceId, tag) for the graded competency profile, titled as the admin chose', async () => {
      const { jwt } = await respond(tool, adminToken, { itemIds: ['competencies'], titles: { competencies: 'Term 1 competencies' } });
      const items = (await verifyAsPlatform(tool, jwt, sandbox))[`${DL}content_items`];
      expect(items).toEqual([
        {
          type: 'ltiResourceLink', title: 'Term 1 competencies', text: expect.any(String), url: tool.services.urls.launchUrl,
          custom: { staffroom_item: 'competencies' },
          lineItem: { scoreMaximum: 100, label: 'Term 1 competencies', resourceId: 'competencies', tag: 'staffroom:competency-profile' },
        },
      ]);
    });

    it('cancelling (no items) answers 200 with empty content_items and data still echoed', async () => {
      const claims = await verifyAsPlatform(tool, (await respond(tool, adminToken, { itemIds: [] })).jwt, sandbox);
      expect(claims[`${DL}content_items`]).toEqual([]);
      expect(claims[`${DL}data`]).toBe('sandbox-dl-data');
      expect(claims[`${DL}msg`]).toBeUndefined();
    });
  });

  describe('the request settings are enforced', () => {
    it('two items when accept_multiple is false answer 422 deep_linking_multiple_not_accepted', async () => {
      const error = await expectError(await postResponse(tool, adminToken, { itemIds: ['home', 'my-learning'] }), 422, 'deep_linking_multiple_not_accepted');
      expect(error.details).toEqual({ count: 2 });
    });

    it('with accept_multiple true, two items answer 200 with two content items; without data no data claim is sent', async () => {
      const token = await editedDeepLinkingLaunch(tool, 'lead', (s) => {
        s.accept_multiple = true;
        delete s.data;
      });
      expect(((await (await getItems(tool, token)).json()) as ItemsAnswer).acceptMultiple).toBe(true);
      const claims = await verifyAsPlatform(tool, (await respond(tool, token, { itemIds: ['feedback-queue', 'home'] })).jwt, sandbox);
      expect((claims[`${DL}content_items`] as { custom: object }[]).map((i) => i.custom)).toEqual([{ staffroom_item: 'feedback-queue' }, { staffroom_item: 'home' }]);
      expect(Object.keys(claims)).not.toContain(`${DL}data`);
    });

    it('echoes a data value that is not a string exactly as the platform sent it', async () => {
      const data = { course: 42, nested: ['a', { b: null }], text: 'ünïcode ✓' };
      const token = await editedDeepLinkingLaunch(tool, 'admin', (s) => void (s.data = data));
      const claims = await verifyAsPlatform(tool, (await respond(tool, token, { itemIds: ['home'] })).jwt, sandbox);
      expect(claims[`${DL}data`]).toEqual(data);
    });

    it('with accept_lineitem false, the picker shows no gradebook column and the response carries no lineItem', async () => {
      const token = await editedDeepLinkingLaunch(tool, 'admin', (s) => void (s.accept_lineitem = false));
      const body = (await (await getItems(tool, token)).json()) as ItemsAnswer;
      expect(body.items.every((i) => i.graded === null)).toBe(true);
      const claims = await verifyAsPlatform(tool, (await respond(tool, token, { itemIds: ['competencies'] })).jwt, sandbox);
      expect((claims[`${DL}content_items`] as object[])[0]).not.toHaveProperty('lineItem');
    });

    it('when ltiResourceLink is not in accept_types, no items are offered, placing one answers 422 and cancelling still works', async () => {
      const token = await editedDeepLinkingLaunch(tool, 'admin', (s) => void (s.accept_types = ['file', 'html']));
      expect(await (await getItems(tool, token)).json()).toMatchObject({ items: [], acceptsLinks: false });
      await expectError(await postResponse(tool, token, { itemIds: ['home'] }), 422, 'deep_linking_type_not_accepted');
      const claims = await verifyAsPlatform(tool, (await respond(tool, token, { itemIds: [] })).jwt, sandbox);
      expect(claims[`${DL}content_items`]).toEqual([]);
    });

    it('a return URL that is not http(s) (javascript:) answers 422 deep_linking_settings_invalid and is never handed to the browser', async () => {
      const token = await editedDeepLinkingLaunch(tool, 'admin', (s) => void (s.deep_link_return_url = 'javascript:alert(1)'));
      await expectError(await getItems(tool, token), 422, 'deep_linking_settings_invalid');
      const res = await postResponse(tool, token, { itemIds: [] });
      expect(await res.text()).not.toContain('javascript:');
      expect(res.status).toBe(422);
    });

    it('an item Staffroom does not offer answers 422 deep_linking_unknown_item naming it', async () => {
      const error = await expectError(await postResponse(tool, adminToken, { itemIds: ['module:not-a-module'] }), 422, 'deep_linking_unknown_item');
      expect(error.details).toEqual({ itemId: 'module:not-a-module' });
    });

    it.each([
      ['no itemIds', {}],
      ['itemIds that is not a list', { itemIds: 'home' }],
      ['an item id with spaces', { itemIds: ['my learning'] }],
      ['the same item twice', { itemIds: ['home', 'home'] }],
      ['a title for an item not chosen', { itemIds: ['home'], titles: { 'my-learning': 'X' } }],
      ['an empty title', { itemIds: ['home'], titles: { home: '   ' } }],
      ['an unknown field', { itemIds: ['home'], idToken: 'x' }],
      ['51 items', { itemIds: Array.from({ length: 51 }, (_, i) => `i${i}`) }],
    ])('a body with %s answers 400 validation_failed naming the field', async (_what, body) => {
      const error = await expectError(await postResponse(tool, adminToken, body), 400, 'validation_failed');
      expect(error.details).toEqual({ fields: expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]) });
    });
  });

  describe('tenants', () => {
    const other = { issuer: 'https://lms-b.example.edu', clientId: 'staffroom-at-lms-b', deploymentId: 'lms-b-deployment' };
    beforeAll(async () => {
      // LMS B happens to sign with keys the tool can fetch (the sandbox's), so the test can launch from it.
      await tool.services.platforms.register(
        { ...other, name: 'LMS B', authUrl: `${other.issuer}/auth`, tokenUrl: `${other.issuer}/token`, jwksUrl: tool.services.sandbox!.identity.jwksUrl, deploymentIds: [other.deploymentId] },
        { checkJwks: false },
      );
    });

    it('a deep-linking launch from another registered platform is answered to that platform: its client id, issuer, deployment and data', async () => {
      const token = await editedDeepLinkingLaunch(
        tool,
        'admin',
        (s) => Object.assign(s, { deep_link_return_url: `${other.issuer}/dl/return`, data: 'lms-b-data' }),
        { login: { iss: other.issuer, client_id: other.clientId, lti_deployment_id: other.deploymentId }, identity: other },
      );
      const { returnUrl, jwt } = await respond(tool, token, { itemIds: ['home'] });
      expect(returnUrl).toBe(`${other.issuer}/dl/return`);
      const claims = await verifyAsPlatform(tool, jwt, other);
      expect(claims).toMatchObject({ iss: other.clientId, aud: other.issuer, [`${LTI}deployment_id`]: other.deploymentId, [`${DL}data`]: 'lms-b-data' });
      await expect(verifyAsPlatform(tool, jwt, sandbox)).rejects.toThrow(); // not addressed to the sandbox
    });

    it("a validly signed session token that pairs one tenant's session with another course answers 401 and signs nothing", async () => {
      const a = decodeJwt(adminToken) as Record<string, string>;
      const jar = new CookieJar();
      const { fields } = await signedLaunch(tool, jar, {
        persona: 'admin',
        login: { iss: other.issuer, client_id: other.clientId, lti_deployment_id: other.deploymentId },
        identity: other,
      });
      const b = decodeJwt(sessionTokenIn(await (await postLaunch(tool, jar, fields)).text())!) as Record<string, string>;
      const mixed = await tool.services.sessionTokens.sign({ sessionId: a.jti!, userId: a.uid!, contextId: b.cid!, platformId: b.pid!, deploymentId: b.did!, role: 'admin' });
      await expectError(await getItems(tool, mixed), 401, 'session_expired');
      const res = await postResponse(tool, mixed, { itemIds: ['home'] });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('jwt');
    });
  });

  it('keeps the deep-linking settings out of the session token (the claim stays in the session row)', async () => {
    const payload = decodeJwt(adminToken);
    expect(JSON.stringify(payload)).not.toContain('deep-link-return');
    expect(Object.keys(payload)).not.toContain(DL_SETTINGS);
  });
});

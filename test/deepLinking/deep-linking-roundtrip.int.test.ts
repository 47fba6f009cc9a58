import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { deepLinkingResponseClaims, signDeepLinkingResponse, type ResourceLinkItem } from '../../lti-tool/src/deepLinking/deepLinking.response';
import { launchedMeIn, pageText } from '../helpers/launchAssertions';
import { CookieJar } from '../helpers/browserlessClient';
import { api, initiateLogin, launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { DL, LTI, deepLinkingLaunch, linkIdsIn, postToSandboxReturn, respond } from './deepLinkingFlow';

interface MeAnswer {
  role: string;
  launch: { messageType: string };
  target: { item: string } | null;
}

async function me(tool: TestTool, token: string | null): Promise<MeAnswer> {
  const res = await api(tool, '/api/me', token);
  expect(res.status).toBe(200);
  return (await res.json()) as MeAnswer;
}

const linkRows = (tool: TestTool) => tool.db('sandbox_links').orderBy('created_at').select('id', 'title', 'custom', 'line_item');

describe('deep linking round trip: picker → signed response → sandbox return → launch of the placed link', () => {
  let tool: TestTool;
  let returnUrl: string;

  beforeAll(async () => {
    tool = await startTestTool();
    returnUrl = `${tool.services.sandbox!.identity.issuer}/deep-link-return`;
  }, 120_000); // a tool start is slow on a busy machine
  afterAll(() => tool.stop());

  /** A response the tool itself could never produce, signed with its key: how the sandbox reacts to a broken tool. */
  async function toolSigned(edit: (claims: Record<string, unknown>) => void, items: ResourceLinkItem[] = []): Promise<string> {
    const id = tool.services.sandbox!.identity;
    const claims = deepLinkingResponseClaims(
      { platform: { issuer: id.issuer, clientId: id.clientId }, ltiDeploymentId: id.deploymentId, contentItems: items, data: { present: true, value: 'sandbox-dl-data' } },
      new Date(),
    );
    edit(claims);
    return signDeepLinkingResponse(claims, await tool.services.toolKeys.signingKey());
  }

  it('the sandbox accepts the admin’s "My learning" (200 "Link added"), stores the link and lists it with a launch button', async () => {
    const token = await deepLinkingLaunch(tool, 'admin');
    const answer = await respond(tool, token, { itemIds: ['my-learning'] });
    expect(answer.returnUrl).toBe(returnUrl);

    const res = await postToSandboxReturn(answer.returnUrl, answer.jwt);
    expect(res.status).toBe(200);
    const html = pageText(await res.text());
    expect(html).toContain('<h1>Link added to the course: My learning</h1>');
    expect(html).toContain('Message from the tool: Added from Staffroom: My learning.');

    const [row] = (await linkRows(tool)).slice(-1);
    expect(row).toMatchObject({ title: 'My learning', custom: { staffroom_item: 'my-learning' }, line_item: null });
    expect(linkIdsIn(html)).toEqual([row.id]); // the return page can launch it straight away
    const page = await (await fetch(`${tool.url}/sandbox`)).text();
    expect(linkIdsIn(page)).toContain(row.id);
    expect(pageText(page)).toContain('Launch My learning');
  });

  it('a teacher launching the placed link gets its custom parameter and resource link id, and /api/me answers target my-learning', async () => {
    const token = await deepLinkingLaunch(tool, 'lead');
    const answer = await respond(tool, token, { itemIds: ['my-learning'] });
    const linkId = linkIdsIn(await (await postToSandboxReturn(answer.returnUrl, answer.jwt)).text())[0]!;

    const launch = await launchAs(tool, 'teacher-1', { linkId });
    expect(launch.res.status).toBe(200);
    const session = await tool.db('sessions').where({ resource_link_id: linkId }).first('message_type', 'resource_link_id', 'launch');
    expect(session).toMatchObject({ message_type: 'LtiResourceLinkRequest', resource_link_id: linkId });
    expect(session.launch.custom).toMatchObject({ staffroom_item: 'my-learning' });
    const answered = await me(tool, launch.token);
    expect(answered).toMatchObject({ role: 'participant', launch: { messageType: 'LtiResourceLinkRequest' }, target: { item: 'my-learning' } });
    expect(launchedMeIn(launch.html)).toEqual(answered); // the launch page carries the same answer, target included
  });

  it('a graded item round-trips its lineItem into the sandbox course', async () => {
    const token = await deepLinkingLaunch(tool, 'admin');
    const answer = await respond(tool, token, { itemIds: ['competencies'] });
    const html = pageText(await (await postToSandboxReturn(answer.returnUrl, answer.jwt)).text());
    expect(html).toContain('Gradebook column out of 100');
    const [row] = (await linkRows(tool)).slice(-1);
    expect(row.line_item).toEqual({ scoreMaximum: 100, label: 'Competency profile', resourceId: 'competencies', tag: 'staffroom:competency-profile' });
    const launch = await launchAs(tool, 'lead', { linkId: row.id });
    expect((await me(tool, launch.token)).target).toEqual({ item: 'competencies' });
  });

  it('cancelling in the picker returns an empty response: the sandbox answers 200 "Nothing was added" and stores nothing', async () => {
    const before = (await linkRows(tool)).length;
    const answer = await respond(tool, await deepLinkingLaunch(tool, 'admin'), { itemIds: [] });
    const res = await postToSandboxReturn(answer.returnUrl, answer.jwt);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Nothing was added to the course</h1>');
    expect(await linkRows(tool)).toHaveLength(before);
  });

  it('a plain course launch has no target, and a deep-linking launch has none either', async () => {
    expect((await me(tool, (await launchAs(tool, 'teacher-2')).token)).target).toBeNull();
    expect(await me(tool, await deepLinkingLaunch(tool, 'admin'))).toMatchObject({ launch: { messageType: 'LtiDeepLinkingRequest' }, target: null });
  });

  it('a link naming an item Staffroom does not know opens home (target home)', async () => {
    const link = await tool.services.sandbox!.links.insert([{ title: 'Old module', text: null, custom: { staffroom_item: 'module:deleted-long-ago' }, lineItem: null }]);
    const launch = await launchAs(tool, 'teacher-3', { linkId: link[0]!.id });
    expect((await me(tool, launch.token)).target).toEqual({ item: 'home' });
  });

  it('the sandbox refuses to launch a link it does not hold (400)', async () => {
    const login = await initiateLogin(tool, new CookieJar(), { lti_message_hint: JSON.stringify({ linkId: '00000000-0000-4000-8000-000000000000' }) });
    const auth = await fetch(login.headers.get('location')!);
    expect(auth.status).toBe(400);
    expect(await auth.text()).toContain('names a link that is not in the course');
  });

  describe('the sandbox checks the response as a real platform does (400 page, nothing stored)', () => {
    const link = (): ResourceLinkItem => ({ type: 'ltiResourceLink', title: 'X', text: 'x', url: tool.services.urls.launchUrl, custom: { staffroom_item: 'home' } });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

    it.each<[string, () => Promise<string>, string]>([
      ['no JWT at all', async () => '', 'the form has no JWT field'],
      ['a JWT signed by a key that is not in the tool JWKS', async () => new SignJWT({ iss: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'nope' }).sign(stranger), 'the JWT is not valid'],
      ['the wrong audience (another platform)', () => toolSigned((c) => void (c.aud = 'https://other.example.org')), 'the JWT is not valid'],
      ['the wrong issuer (another client id)', () => toolSigned((c) => void (c.iss = 'someone-else')), 'the JWT is not valid'],
      ['no nonce', () => toolSigned((c) => void delete c.nonce), 'the JWT is not valid'],
      ['another deployment', () => toolSigned((c) => void (c[`${LTI}deployment_id`] = 'other-deployment')), 'deployment_id is not the sandbox deployment'],
      ['data not echoed', () => toolSigned((c) => void delete c[`${DL}data`]), 'data was not echoed'],
      ['data changed', () => toolSigned((c) => void (c[`${DL}data`] = 'sandbox-dl-data-x')), 'data was not echoed'],
      ['a request message type', () => toolSigned((c) => void (c[`${LTI}message_type`] = 'LtiDeepLinkingRequest')), 'message_type is not LtiDeepLinkingResponse'],
      ['two items though accept_multiple is false', () => toolSigned(() => undefined, [link(), link()]), 'more than one content item'],
      ['a type that was not accepted', () => toolSigned(() => undefined, [{ ...link(), type: 'file' as 'ltiResourceLink' }]), 'was not in accept_types'],
      ['a link to another site', () => toolSigned(() => undefined, [{ ...link(), url: 'https://evil.example.org/launch' }]), 'not on the tool’s domain'],
      ['custom values that are not strings', () => toolSigned(() => undefined, [{ ...link(), custom: { n: 1 as unknown as string } }]), 'custom parameters must be an object of strings'],
    ])('refuses a response with %s: 400, nothing stored', async (_what, jwt, says) => {
      const before = (await linkRows(tool)).length;
      const res = await postToSandboxReturn(returnUrl, await jwt());
      expect(res.status).toBe(400);
      expect(pageText(await res.text())).toContain(says);
      expect(await linkRows(tool)).toHaveLength(before);
    });

    it('the same response posted twice adds the link once; the replay answers 400', async () => {
      const answer = await respond(tool, await deepLinkingLaunch(tool, 'admin'), { itemIds: ['home'] });
      const before = (await linkRows(tool)).length;
      expect((await postToSandboxReturn(answer.returnUrl, answer.jwt)).status).toBe(200);
      const replay = await postToSandboxReturn(answer.returnUrl, answer.jwt);
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain('already received');
      expect(await linkRows(tool)).toHaveLength(before + 1);
    });
  });
});

import { startTestTool, type TestTool } from '../helpers/testTool';
import { setGradeSyncOnly } from './gradesFlow';

const SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/';
const LINE_ITEM = 'application/vnd.ims.lis.v2.lineitem+json';
const SCORE = 'application/vnd.ims.lis.v1.score+json';

jest.setTimeout(120_000);

describe('the sandbox AGS checks what Moodle checks (so passback tests prove the tool gets it right)', () => {
  let tool: TestTool;
  let base: string;
  const tokens: Record<string, string> = {};
  const call = (path: string, token: string | null, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  const score = (timestamp = new Date().toISOString()) => JSON.stringify({ userId: 'sandbox-teacher-1', scoreGiven: 1, scoreMaximum: 2, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp });

  beforeAll(async () => {
    tool = await startTestTool();
    base = `${tool.services.sandbox!.identity.issuer}/ags/sandbox-course`;
    const [platform] = await tool.services.platformStore.findByIssuer(tool.services.sandbox!.identity.issuer);
    tokens.lineitem = await tool.services.serviceTokens.get(platform!, [`${SCOPE}lineitem`]);
    tokens.score = await tool.services.serviceTokens.get(platform!, [`${SCOPE}score`]);
  });
  afterAll(() => tool.stop());

  it('creates a line item (201) and posts a score to it (200), with ?type_id=1', async () => {
    const created = await call('/lineitems?type_id=1', tokens.lineitem!, { method: 'POST', headers: { 'content-type': LINE_ITEM }, body: JSON.stringify({ label: 'Checks', scoreMaximum: 2, resourceId: 'r1' }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain(LINE_ITEM);
    const item = await created.json();
    expect(item).toEqual({ id: expect.stringMatching(/\/ags\/sandbox-course\/lineitems\/\d+\/lineitem\?type_id=1$/), label: 'Checks', scoreMaximum: 2, resourceId: 'r1' });
    const scores = new URL(item.id);
    scores.pathname += '/scores';
    expect((await fetch(scores, { method: 'POST', headers: { authorization: `Bearer ${tokens.score}`, 'content-type': SCORE }, body: score() })).status).toBe(200);
  });

  it('answers 401 without a token, 403 with a token lacking the scope, 400 without type_id, 415 for another media type', async () => {
    expect((await call('/lineitems?type_id=1', null)).status).toBe(401);
    expect((await call('/lineitems?type_id=1', tokens.score!, { method: 'POST', headers: { 'content-type': LINE_ITEM }, body: '{}' })).status).toBe(403);
    expect((await call('/lineitems', tokens.lineitem!)).status).toBe(400);
    expect((await call('/lineitems?type_id=1', tokens.lineitem!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ label: 'x', scoreMaximum: 1 }) })).status).toBe(415);
  });

  it('refuses (400) a score whose timestamp has no sub-second part, or for a user who is not a student', async () => {
    const item = await (await call('/lineitems?type_id=1', tokens.lineitem!, { method: 'POST', headers: { 'content-type': LINE_ITEM }, body: JSON.stringify({ label: 'Strict', scoreMaximum: 2 }) })).json();
    const post = (body: string) => fetch(item.id.replace('/lineitem?', '/lineitem/scores?'), { method: 'POST', headers: { authorization: `Bearer ${tokens.score}`, 'content-type': SCORE }, body });
    expect((await post(score('2026-11-26T10:00:00Z'))).status).toBe(400);
    expect((await post(score().replace('sandbox-teacher-1', 'sandbox-lead-1'))).status).toBe(400);
  });

  it('refuses line item creation with 403 in "grade sync only" mode', async () => {
    await setGradeSyncOnly(tool, true, 'sandbox-course');
    const res = await call('/lineitems?type_id=1', tokens.lineitem!, { method: 'POST', headers: { 'content-type': LINE_ITEM }, body: JSON.stringify({ label: 'No', scoreMaximum: 1 }) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.id).toBe('sandbox_ags_grade_sync_only');
    await setGradeSyncOnly(tool, false, 'sandbox-course');
  });
});

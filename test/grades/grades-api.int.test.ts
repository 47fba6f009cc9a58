import { CookieJar } from '../helpers/browserlessClient';
import { api, launchAs, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { enqueue, ids, injectFault, PASSBACK_TEST_ENV, score, settled } from './gradesFlow';

jest.setTimeout(120_000);

describe('grade passback admin API: roles and tenants', () => {
  let tool: TestTool;
  const tokens: Record<string, string> = {};
  let failedId: string;
  let deliveredId: string;

  /** An admin launch into another course (another tenant of the same platform). */
  async function otherCourseAdmin(): Promise<string> {
    const jar = new CookieJar();
    const { fields } = await signedLaunch(tool, jar, {
      persona: 'admin',
      edit: (c) => {
        c['https://purl.imsglobal.org/spec/lti/claim/context'] = { id: 'another-course', title: 'Another course' };
      },
    });
    const html = await (await postLaunch(tool, jar, fields)).text();
    return /<meta name="staffroom-session" content="([^"]+)">/.exec(html)![1]!;
  }

  beforeAll(async () => {
    tool = await startTestTool(PASSBACK_TEST_ENV);
    for (const persona of ['admin', 'lead', 'teacher-1']) tokens[persona] = (await launchAs(tool, persona)).token!;
    tokens.otherAdmin = await otherCourseAdmin();
    const teacher = await ids(tool, 'teacher-1');
    await injectFault(tool, { kind: '400', count: 1 });
    failedId = (await enqueue(tool, score(teacher, { lineItem: { resourceId: 'api-failed', label: 'Failed', scoreMaximum: 4 } })))[0]!;
    await settled(tool, [failedId]);
    deliveredId = (await enqueue(tool, score(teacher, { lineItem: { resourceId: 'api-delivered', label: 'Delivered', scoreMaximum: 4 } })))[0]!;
    await settled(tool, [deliveredId]);
  });
  afterAll(() => tool.stop());

  it('GET /api/grades/failures: 200 for the course admin, with the failure and counts per status', async () => {
    const res = await api(tool, '/api/grades/failures', tokens.admin!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.failures.map((f: { id: string }) => f.id)).toEqual([failedId]);
    expect(body.failures[0]).toMatchObject({ lineItem: { resourceId: 'api-failed', tag: null, label: 'Failed' }, score: { given: 3, maximum: 4, gradingProgress: 'FullyGraded' }, attempts: 1 });
    expect(body.counts).toEqual({ pending: 0, delivered: 1, failed: 1, superseded: 0, skipped: 0 });
  });

  it('GET /api/grades/failures: 403 for a lead teacher and a participant, 401 without a session', async () => {
    expect((await api(tool, '/api/grades/failures', tokens.lead!)).status).toBe(403);
    expect((await api(tool, '/api/grades/failures', tokens['teacher-1']!)).status).toBe(403);
    const anonymous = await api(tool, '/api/grades/failures', null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.id).toBe('unauthenticated');
  });

  it('GET /api/grades/failures: 400 for an out-of-range limit', async () => {
    const res = await api(tool, '/api/grades/failures?limit=0', tokens.admin!);
    expect(res.status).toBe(400);
    expect((await res.json()).error.id).toBe('validation_failed');
  });

  it('another course’s admin sees none of these failures (200, empty)', async () => {
    const res = await api(tool, '/api/grades/failures', tokens.otherAdmin!);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ failures: [], counts: { pending: 0, delivered: 0, failed: 0, superseded: 0, skipped: 0 } });
  });

  it('POST …/retry: 403 for a lead teacher and a participant, 404 for another course’s admin, and nothing changes', async () => {
    const path = `/api/grades/failures/${failedId}/retry`;
    expect((await api(tool, path, tokens.lead!, { method: 'POST' })).status).toBe(403);
    expect((await api(tool, path, tokens['teacher-1']!, { method: 'POST' })).status).toBe(403);
    const foreign = await api(tool, path, tokens.otherAdmin!, { method: 'POST' });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.id).toBe('not_found');
    expect(await tool.db('score_passbacks').where({ id: failedId }).first('status')).toEqual({ status: 'failed' });
  });

  it('POST …/retry: 404 for an id that is not a passback id, 409 for a delivered passback', async () => {
    expect((await api(tool, '/api/grades/failures/not-a-uuid/retry', tokens.admin!, { method: 'POST' })).status).toBe(404);
    expect((await api(tool, '/api/grades/failures/8d3c1f8e-2a8b-4f7e-9a51-0c2f4a7b9e10/retry', tokens.admin!, { method: 'POST' })).status).toBe(404);
    const delivered = await api(tool, `/api/grades/failures/${deliveredId}/retry`, tokens.admin!, { method: 'POST' });
    expect(delivered.status).toBe(409);
    expect((await delivered.json()).error).toMatchObject({ id: 'passback_not_failed', details: { status: 'delivered' } });
  });

  it('POST …/retry: 202 for the course admin, then the score is delivered and no longer listed', async () => {
    const res = await api(tool, `/api/grades/failures/${failedId}/retry`, tokens.admin!, { method: 'POST' });
    expect(res.status).toBe(202);
    await settled(tool, [failedId]);
    const body = await (await api(tool, '/api/grades/failures', tokens.admin!)).json();
    expect(body.failures).toEqual([]);
    expect(body.counts).toMatchObject({ delivered: 2, failed: 0 });
  });
});

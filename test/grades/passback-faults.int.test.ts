import { api, launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { clearFaults, enqueue, ids, injectFault, PASSBACK_TEST_ENV, sandboxAgs, score, settled, SLOW_MS } from './gradesFlow';
import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';

jest.setTimeout(180_000); // PGlite start-up and real retry delays (1 s base, doubling, with jitter) on a busy CI machine

describe('grade passback when the platform misbehaves (injected by the sandbox AGS)', () => {
  let tool: TestTool;
  let adminToken: string;
  let teacher: { contextId: string; userId: string };
  const sub = findPersona('teacher-1')!.sub;
  const item = (resourceId: string) => ({ resourceId, label: resourceId, scoreMaximum: 4 });
  const lineItemOf = async (resourceId: string) => (await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId, offset: 0, limit: 10 }))[0]!;
  const received = async (resourceId: string) => sandboxAgs(tool).scores({ lineItemId: (await lineItemOf(resourceId)).id });

  beforeAll(async () => {
    tool = await startTestTool({ ...PASSBACK_TEST_ENV, GRADE_RETRY_LIMIT: '3' });
    adminToken = (await launchAs(tool, 'admin')).token!;
    await launchAs(tool, 'teacher-1');
    teacher = await ids(tool, 'teacher-1');
  });
  afterEach(() => clearFaults(tool));
  afterAll(() => tool.stop());

  it('retries 429 and 500 answers with backoff and delivers the score exactly once', async () => {
    await injectFault(tool, { kind: '429', count: 1 });
    await injectFault(tool, { kind: '500', count: 1 });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-429-500') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    expect((await received('fault-429-500')).map((s) => [s.userId, s.outcome])).toEqual([[sub, 'accepted']]);
  });

  it('retries a call that timed out and an HTML error page; the platform stores the score once', async () => {
    await injectFault(tool, { kind: 'timeout', count: 1, delayMs: SLOW_MS });
    await injectFault(tool, { kind: 'html', count: 1 });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-timeout-html') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(await received('fault-timeout-html')).toHaveLength(1);
  });

  it('marks a score delivered when its attempt timed out but reached the LMS (the retry is answered 409)', async () => {
    await injectFault(tool, { kind: 'slow', count: 1, delayMs: SLOW_MS });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-slow') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await received('fault-slow')).map((s) => s.outcome)).toEqual(['accepted', 'refused']);
  });

  it('fetches a fresh service token once when the platform answers 401, within the same attempt', async () => {
    await injectFault(tool, { kind: '401', count: 1 });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-401') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('does not create a duplicate column when the creation answer is invalid JSON: the retry finds the created one', async () => {
    await injectFault(tool, { kind: 'invalid-json', target: 'create', count: 1 });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-invalid-json') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'fault-invalid-json', offset: 0, limit: 10 })).toHaveLength(1);
  });

  it('refuses a line item list larger than its size limit, then delivers once the platform answers sanely', async () => {
    await injectFault(tool, { kind: 'huge', target: 'lineitems', count: 1 });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-huge') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('records a 400 as a permanent failure the admin sees (GET /api/grades/failures 200), and the admin’s retry (202) delivers it', async () => {
    await injectFault(tool, { kind: '400', count: 1 });
    const [id] = await enqueue(tool, score(teacher, { lineItem: item('fault-400'), scoreGiven: 2 }));
    const [row] = await settled(tool, [id!]);
    expect(row).toMatchObject({ status: 'failed', failure_kind: 'platform_rejected', attempts: 1 });
    expect(String(row!.last_error)).toContain('answered 400');

    const list = await api(tool, '/api/grades/failures', adminToken);
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.failures).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: 'failed', user: { id: teacher.userId, name: 'Sam Okafor' }, failure: expect.objectContaining({ kind: 'platform_rejected' }) })]));
    expect(body.counts.failed).toBeGreaterThanOrEqual(1);

    const retry = await api(tool, `/api/grades/failures/${id}/retry`, adminToken, { method: 'POST' });
    expect(retry.status).toBe(202);
    expect((await retry.json()).passback).toMatchObject({ id, status: 'pending' });
    const [again] = await settled(tool, [id!]);
    expect(again).toMatchObject({ status: 'delivered', failure_kind: null });
    expect((await received('fault-400')).map((s) => [s.scoreGiven, s.outcome])).toEqual([[2, 'accepted']]);
  });

  it('gives up after the retry limit and keeps the last error for the admin', async () => {
    await injectFault(tool, { kind: '500', count: null });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-exhausted') })), 90_000);
    expect(row).toMatchObject({ status: 'failed', failure_kind: 'retries_exhausted', attempts: 4 });
    expect(String(row!.last_error)).toContain('answered 500');
    expect(await received('fault-exhausted')).toEqual([]);
  });

  it('treats a 409 (the LMS holds a later score, e.g. a grade changed in Moodle) as superseded, not failed', async () => {
    const now = Date.now();
    const [first] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-409'), at: new Date(now - 60_000) })));
    expect(first!.status).toBe('delivered');
    const lineItem = await lineItemOf('fault-409');
    const later = new Date(now + 60_000);
    await sandboxAgs(tool).receiveScore({ lineItemId: lineItem.id, userId: sub, scoreGiven: 1, scoreMaximum: 4, activityProgress: 'Completed', gradingProgress: 'FullyGraded', comment: 'changed in the LMS', timestamp: later.toISOString(), timestampAt: later, userAgent: 'teacher in Moodle' });
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-409'), at: new Date(now) })));
    expect(row).toMatchObject({ status: 'superseded', failure_kind: 'platform_has_newer' });
  });

  it('forgets a remembered column the LMS answers 404 for (deleted there) and creates it again', async () => {
    const [first] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-404'), at: new Date(Date.now() - 10_000) })));
    expect(first!.status).toBe('delivered');
    await tool.db('sandbox_ags_line_items').where({ id: (await lineItemOf('fault-404')).id }).delete();
    const [row] = await settled(tool, await enqueue(tool, score(teacher, { lineItem: item('fault-404') })));
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(row!.line_item_url).not.toBe(first!.line_item_url);
    expect(await received('fault-404')).toHaveLength(1);
  });
});

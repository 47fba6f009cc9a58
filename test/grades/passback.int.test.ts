import { CookieJar } from '../helpers/browserlessClient';
import { launchAs, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { enqueue, ids, PASSBACK_TEST_ENV, sandboxAgs, score, setGradeSyncOnly, settled } from './gradesFlow';
import { createGradesStore } from '../../lti-tool/src/grades/grades.store';
import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';

const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/';
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
jest.setTimeout(120_000); // PGlite start-up and retry delays on a busy CI machine

describe('grade passback to the sandbox AGS (line items, scores, grade sync only)', () => {
  let tool: TestTool;
  let issuer: string;
  beforeAll(async () => {
    tool = await startTestTool(PASSBACK_TEST_ENV);
    issuer = tool.services.sandbox!.identity.issuer;
    for (const persona of ['admin', 'lead', 'teacher-1', 'teacher-2']) expect((await launchAs(tool, persona)).res.status).toBe(200);
  });
  afterAll(() => tool.stop());

  it('creates one line item per resourceId and tag, however many people and scores it receives', async () => {
    const t1 = await ids(tool, 'teacher-1');
    const t2 = await ids(tool, 'teacher-2');
    const lineItem = { resourceId: 'module-feedback', tag: 'module', label: 'Giving feedback', scoreMaximum: 10 };
    const rows = await settled(tool, await enqueue(tool, score(t1, { lineItem }), score(t2, { lineItem })));
    const [again] = await settled(tool, await enqueue(tool, score(t1, { lineItem, scoreGiven: 9 })));
    expect([...rows, again!].map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    const created = await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'module-feedback', offset: 0, limit: 10 });
    expect(created).toEqual([expect.objectContaining({ label: 'Giving feedback', scoreMaximum: 10, resourceId: 'module-feedback', tag: 'module' })]);
    expect(again!.line_item_url).toBe(`${issuer}/ags/demo-pl-cohort/lineitems/${created[0]!.id}/lineitem?type_id=1`);
    expect(await tool.db('grade_line_items').where({ resource_id: 'module-feedback', tag: 'module' }).pluck('url')).toEqual([again!.line_item_url]);
  });

  it('finds a column that already exists on the platform by resourceId and tag instead of creating another', async () => {
    const t1 = await ids(tool, 'teacher-1');
    // Made earlier (another Staffroom server, or before a database restore); a decoy differs only by tag.
    const decoy = await sandboxAgs(tool).createLineItem({ contextId: 'demo-pl-cohort', label: 'Other', scoreMaximum: 4, resourceId: 'module-existing', tag: 'other', resourceLinkId: null });
    const existing = await sandboxAgs(tool).createLineItem({ contextId: 'demo-pl-cohort', label: 'Existing', scoreMaximum: 4, resourceId: 'module-existing', tag: 'module', resourceLinkId: null });
    const [row] = await settled(tool, await enqueue(tool, score(t1, { lineItem: { resourceId: 'module-existing', tag: 'module', label: 'Existing', scoreMaximum: 4 } })));
    expect(row).toMatchObject({ status: 'delivered', line_item_url: `${issuer}/ags/demo-pl-cohort/lineitems/${existing.id}/lineitem?type_id=1` });
    expect((await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'module-existing', offset: 0, limit: 10 })).map((i) => i.id)).toEqual([decoy.id, existing.id]);
    expect(await sandboxAgs(tool).scores({ lineItemId: decoy.id })).toEqual([]);
  });

  it('posts userId, scoreGiven, scoreMaximum, progress, comment and a millisecond timestamp to the line item URL + /scores with ?type_id=1 kept', async () => {
    const t1 = await ids(tool, 'teacher-1');
    const at = new Date(Date.now() - 5000);
    const [id] = await enqueue(tool, score(t1, { lineItem: { resourceId: 'competency-planning', label: 'Planning', scoreMaximum: 4 }, scoreGiven: 2.5, comment: 'Clear objectives; tighten the exit ticket.', activityProgress: 'Completed', gradingProgress: 'FullyGraded', at }));
    const [row] = await settled(tool, [id!]);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
    const item = (await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'competency-planning', offset: 0, limit: 10 }))[0]!;
    expect(row!.line_item_url).toBe(`${issuer}/ags/demo-pl-cohort/lineitems/${item.id}/lineitem?type_id=1`);
    const received = await sandboxAgs(tool).scores({ lineItemId: item.id });
    expect(received).toEqual([
      expect.objectContaining({
        userId: findPersona('teacher-1')!.sub,
        scoreGiven: 2.5,
        scoreMaximum: 4,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        comment: 'Clear objectives; tighten the exit ticket.',
        timestamp: at.toISOString(),
        userAgent: 'Staffroom LTI tool',
        outcome: 'accepted',
      }),
    ]);
    expect(received[0]!.timestamp).toMatch(ISO_MS);
  });

  it('skips people the gradebook has no row for (instructors, administrators) without calling the platform', async () => {
    const lead = await ids(tool, 'lead');
    const admin = await ids(tool, 'admin');
    const rows = await settled(tool, await enqueue(tool, score(lead, { lineItem: { resourceId: 'competency-skip', label: 'Skip', scoreMaximum: 1 } }), score(admin, { lineItem: { resourceId: 'competency-skip', label: 'Skip', scoreMaximum: 1 } })));
    expect(rows.map((r) => [r.status, r.failure_kind])).toEqual([
      ['skipped', 'not_gradable'],
      ['skipped', 'not_gradable'],
    ]);
    expect(await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'competency-skip', offset: 0, limit: 10 })).toEqual([]);
  });

  it('never posts an older score over a newer one: enqueued later, or in the same transaction, it is superseded', async () => {
    const t2 = await ids(tool, 'teacher-2');
    const lineItem = { resourceId: 'competency-order', label: 'Order', scoreMaximum: 4 };
    const now = Date.now();
    const [newer] = await settled(tool, await enqueue(tool, score(t2, { lineItem, scoreGiven: 4, at: new Date(now) })));
    expect(newer!.status).toBe('delivered');
    const [older] = await settled(tool, await enqueue(tool, score(t2, { lineItem, scoreGiven: 1, at: new Date(now - 60_000) })));
    expect(older).toMatchObject({ status: 'superseded', failure_kind: 'newer_score' });

    const both = await settled(tool, await enqueue(tool, score(t2, { lineItem, scoreGiven: 3, at: new Date(now + 2000) }), score(t2, { lineItem, scoreGiven: 2, at: new Date(now + 1000) })));
    expect(both.map((r) => r.status)).toEqual(['delivered', 'superseded']);
    const item = (await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'competency-order', offset: 0, limit: 10 }))[0]!;
    expect((await sandboxAgs(tool).scores({ lineItemId: item.id })).map((s) => [s.scoreGiven, s.outcome])).toEqual([
      [4, 'accepted'],
      [3, 'accepted'],
    ]);
  });

  it('sends a correction made within the same second one second later, so Moodle (whole-second timestamps) accepts it', async () => {
    const t1 = await ids(tool, 'teacher-1');
    const lineItem = { resourceId: 'competency-same-second', label: 'Same second', scoreMaximum: 4 };
    const second = Math.floor(Date.now() / 1000) * 1000;
    const [first] = await settled(tool, await enqueue(tool, score(t1, { lineItem, scoreGiven: 2, at: new Date(second + 100) })));
    const [correction] = await settled(tool, await enqueue(tool, score(t1, { lineItem, scoreGiven: 3, at: new Date(second + 600) })));
    expect([first!.status, correction!.status]).toEqual(['delivered', 'delivered']);
    expect(new Date(correction!.sent_timestamp as string).toISOString()).toBe(new Date(second + 1000).toISOString());
    const item = (await sandboxAgs(tool).listLineItems('demo-pl-cohort', { resourceId: 'competency-same-second', offset: 0, limit: 10 }))[0]!;
    expect((await sandboxAgs(tool).scores({ lineItemId: item.id })).map((s) => [s.scoreGiven, s.outcome])).toEqual([
      [2, 'accepted'],
      [3, 'accepted'],
    ]);
  });

  it('in "grade sync only" posts to the launch’s own lineitem, creates no line item, and fails clearly without one', async () => {
    const course = 'sync-only-course';
    await setGradeSyncOnly(tool, true, course);
    const own = await sandboxAgs(tool).createLineItem({ contextId: course, label: 'Staffroom activity', scoreMaximum: 100, resourceId: null, tag: null, resourceLinkId: 'sync-link-1' });
    const lineitem = `${issuer}/ags/${course}/lineitems/${own.id}/lineitem?type_id=1`;
    const jar = new CookieJar();
    const { fields } = await signedLaunch(tool, jar, {
      persona: 'teacher-1',
      edit: (c) => {
        c['https://purl.imsglobal.org/spec/lti/claim/context'] = { id: course, title: 'Grade sync only course' };
        c['https://purl.imsglobal.org/spec/lti/claim/resource_link'] = { id: 'sync-link-1', title: 'Staffroom activity' };
        c[AGS] = { scope: [`${SCOPE}score`, `${SCOPE}result.readonly`, `${SCOPE}lineitem.readonly`], lineitems: `${issuer}/ags/${course}/lineitems?type_id=1`, lineitem };
      },
    });
    expect((await postLaunch(tool, jar, fields)).status).toBe(200);
    const who = await ids(tool, 'teacher-1', course);

    const lineItem = { resourceId: 'competency-questioning', label: 'Questioning', scoreMaximum: 4 };
    const [viaLink, noLink] = await settled(tool, await enqueue(tool, score(who, { lineItem, resourceLinkId: 'sync-link-1', scoreGiven: 4 }), score(who, { lineItem: { ...lineItem, resourceId: 'competency-other' } })));
    expect(viaLink).toMatchObject({ status: 'delivered', line_item_url: lineitem });
    expect(noLink).toMatchObject({ status: 'failed', failure_kind: 'no_line_item' });
    expect(String(noLink!.last_error)).toContain('grade sync only');
    expect(await sandboxAgs(tool).listLineItems(course, { offset: 0, limit: 10 })).toHaveLength(1);
    expect((await sandboxAgs(tool).scores({ lineItemId: own.id })).map((s) => [s.userId, s.scoreGiven, s.scoreMaximum])).toEqual([[findPersona('teacher-1')!.sub, 4, 4]]);
  });

  it('re-enqueues a pending passback whose job was lost (the sweep), and delivers it', async () => {
    const t2 = await ids(tool, 'teacher-2');
    const orphan = await tool.db.transaction((trx) =>
      createGradesStore(tool.db).insert(
        { ...t2, resourceId: 'competency-orphan', tag: null, resourceLinkId: null, scoredAt: new Date(), payload: { lineItem: { label: 'Orphan', scoreMaximum: 4 }, score: { scoreGiven: 2, scoreMaximum: 4, comment: null, activityProgress: 'Completed', gradingProgress: 'FullyGraded' } } },
        trx,
      ),
    );
    await tool.db('score_passbacks').where({ id: orphan }).update({ updated_at: new Date(Date.now() - 86_400_000) });
    expect(await tool.services.grades.service.requeueStale(new Date(Date.now() - 3600_000))).toBe(1);
    const [row] = await settled(tool, [orphan]);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await tool.services.grades.service.requeueStale(new Date(Date.now() - 3600_000))).toBe(0);
  });

  it('refuses an invalid score with a 400 validation error and writes nothing', async () => {
    const t1 = await ids(tool, 'teacher-1');
    const before = await tool.db('score_passbacks').count({ n: '*' }).first();
    await expect(enqueue(tool, score(t1, { scoreGiven: -1 }))).rejects.toMatchObject({ status: 400, id: 'validation_failed' });
    await expect(enqueue(tool, score(t1, { lineItem: { label: 'No key', scoreMaximum: 1 } }))).rejects.toMatchObject({ status: 400 });
    expect(await tool.db('score_passbacks').count({ n: '*' }).first()).toEqual(before);
  });

  it('keeps no passback (and sends nothing) when the transaction that made the score rolls back', async () => {
    const t1 = await ids(tool, 'teacher-1');
    const before = await tool.db('score_passbacks').count({ n: '*' }).first();
    const jobsBefore = Object.values(await tool.services.jobs.counts('grade-passback')).reduce((a, b) => a + b, 0);
    await expect(
      tool.db.transaction(async (trx) => {
        await tool.services.grades.service.enqueueScore(score(t1, { lineItem: { resourceId: 'rolled-back', label: 'Rolled back', scoreMaximum: 1 } }), trx);
        throw new Error('the rating failed to save');
      }),
    ).rejects.toThrow('the rating failed to save');
    expect(await tool.db('score_passbacks').count({ n: '*' }).first()).toEqual(before);
    expect(Object.values(await tool.services.jobs.counts('grade-passback')).reduce((a, b) => a + b, 0)).toBe(jobsBefore);
  });
});

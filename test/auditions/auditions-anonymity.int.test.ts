import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, type Answer, type Who } from '../modules/moduleFlow';
import { answers, auditionCourse, createAudition, draftBody, queueOf, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

/**
 * An author must never learn who reviewed them in an anonymous (or leads-only) audition: not through any field,
 * error message or ordering. Every answer the author can get is recorded and searched, as JSON text, for the
 * reviewers' user ids, names, LTI subjects and e-mail addresses.
 */
describe.each(['anonymous', 'leads_only'] as const)('auditions: reviewer anonymity (%s)', (anonymity) => {
  let tool: TestTool;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let base: string;
  const seenByAuthor: Answer[] = [];
  const course = `anon-${anonymity}`;

  beforeAll(async () => {
    tool = await startTestTool();
    const c = await auditionCourse(tool, course, 4);
    ({ lead, teachers, cohortId } = c);
    const auditionId = await createAudition(tool, lead, cohortId, c.moduleId, { reviewersPerSubmission: 3, anonymity });
    base = `/api/cohorts/${cohortId}/auditions/${auditionId}`;
  });
  afterAll(async () => {
    await tool.stop();
  });

  const asAuthor = async (method: string, path: string, body?: unknown) => {
    const res = await call(tool, method, path, teachers[0]!, body);
    seenByAuthor.push(res);
    return res;
  };

  it('shows the author feedback without reviewer identity through every endpoint, error and notification', async () => {
    const [author, ...others] = teachers as [Who, Who, Who, Who];
    await asAuthor('PUT', `${base}/submission/draft`, draftBody(0));
    await asAuthor('POST', `${base}/submission/versions`, { revision: 1 });
    for (const t of others) await submitWork(tool, t, base);
    // Every other teacher reviews the author's work (in a shuffled order of submission).
    for (const t of [others[2]!, others[0]!, others[1]!]) {
      for (const item of await queueOf(tool, t)) {
        const r = (await call(tool, 'GET', `${base}/reviews/${item.id}`, t)).body.review;
        if (anonymity === 'leads_only') expect(r.author).toBeNull();
        await call(tool, 'POST', `${base}/reviews/${item.id}/submit`, t, { answers: answers(2, 'Feedback') });
      }
    }
    const mine = await asAuthor('GET', `${base}/submission`);
    expect(mine.body.submission.feedback).toHaveLength(3);
    for (const f of mine.body.submission.feedback) {
      expect(f.reviewer).toBeNull();
      await asAuthor('PUT', `${base}/reviews/${f.id}/rating`, { specific: 3, supportive: 4, thanks: 'Thanks' });
      await asAuthor('GET', `${base}/reviews/${f.id}`); // 404: the author cannot open a review as its reviewer
      await asAuthor('PUT', `${base}/reviews/${f.id}/draft`, { answers: answers(), revision: 1 });
      await asAuthor('POST', `${base}/reviews/${f.id}/submit`, { answers: answers() });
      await asAuthor('POST', `${base}/reviews/${f.id}/reassign`, {});
    }
    await asAuthor('PUT', `${base}/submission/draft`, draftBody(mine.body.submission.revision, { whatChanged: 'Clearer goal' }));
    await asAuthor('POST', `${base}/submission/versions`, { revision: mine.body.submission.revision + 1 });
    await asAuthor('POST', `${base}/submission/versions`, { revision: mine.body.submission.revision + 1 }); // 409 already_submitted
    await asAuthor('GET', `${base}/submission`);
    await asAuthor('GET', `${base}`);
    await asAuthor('GET', `/api/cohorts/${cohortId}/auditions`);
    await asAuthor('GET', `${base}/overview`);
    await asAuthor('GET', `${base}/quality`);
    await asAuthor('GET', '/api/feedback-to-give');
    await asAuthor('GET', '/api/notifications');
    await asAuthor('POST', `${base}/submission/withdraw`);
    await asAuthor('GET', `${base}/submission`);

    const leaked = JSON.stringify(seenByAuthor.map((r) => r.body));
    const reviewerRows = await tool.db('users').whereIn('id', others.map((o) => o.userId)).select('id', 'name', 'sub', 'email');
    for (const r of reviewerRows) for (const v of [r.id, r.name, r.sub, r.email].filter(Boolean)) expect(leaked).not.toContain(v);
    expect(seenByAuthor.some((r) => r.status === 404)).toBe(true);
    expect(seenByAuthor.some((r) => r.status === 409)).toBe(true);
  });

  it('orders feedback by when it was given, never by reviewer', async () => {
    const fb = (await call(tool, 'GET', `${base}/submission`, teachers[0]!)).body.submission.feedback as { submittedAt: string }[];
    const times = fb.map((f) => f.submittedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('still shows leads who reviewed whom', async () => {
    const o = await call(tool, 'GET', `${base}/quality`, lead);
    expect(o.body.reviewers.map((r: { reviewer: { name: string } }) => r.reviewer.name).sort()).toEqual(['Tess Ash', 'Theo Birch', 'Tia Cedar', 'Tom Dogwood']);
  });
});

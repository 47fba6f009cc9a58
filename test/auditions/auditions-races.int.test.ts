import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, type Who } from '../modules/moduleFlow';
import { answers, auditionCourse, createAudition, draftBody, queueOf, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

/**
 * Racing actions have one defined outcome each (on PostgreSQL they really run at once; on PGlite they are
 * serialised by its single connection, so the same assertions hold).
 */
describe('auditions: double submits, racing reviewers and withdrawal during review', () => {
  let tool: TestTool;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let moduleId: string;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ lead, teachers, cohortId, moduleId } = await auditionCourse(tool, 'race-course', 6));
  });
  afterAll(async () => {
    await tool.stop();
  });

  const newAudition = async (o: Record<string, unknown> = {}) => `/api/cohorts/${cohortId}/auditions/${await createAudition(tool, lead, cohortId, moduleId, o)}`;
  /** Pool members whose open-review counter differs from their open reviews (must be none). */
  const driftOf = async (base: string): Promise<number> => {
    const res = await tool.db.raw(
      `select count(*)::int as n from audition_reviewers p where p.audition_id = ? and p.open_reviews <> (select count(*) from audition_reviews r where r.audition_id = p.audition_id and r.reviewer_id = p.user_id and r.status = 'assigned')`,
      [base.split('/').pop()!],
    );
    return res.rows[0].n;
  };

  it('a double-clicked submit creates exactly one version 1; the other answers 409 already_submitted', async () => {
    const base = await newAudition();
    const t = teachers[0]!;
    await call(tool, 'PUT', `${base}/submission/draft`, t, draftBody(0));
    const results = await Promise.all([1, 2, 3].map(() => call(tool, 'POST', `${base}/submission/versions`, t, { revision: 1 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.id === 'already_submitted' && r.body.error.details.version === 1)).toBe(true);
    expect((await call(tool, 'GET', `${base}/submission`, t)).body.submission.versions).toHaveLength(1);
  });

  it('two newcomers racing for the last open review slot: exactly one gets it, never more reviewers than asked for', async () => {
    const base = await newAudition({ reviewersPerSubmission: 1 });
    const [first, b, c] = teachers as [Who, Who, Who];
    expect((await submitWork(tool, first, base)).status).toBe(201); // waits for one reviewer
    for (const t of [b, c]) await call(tool, 'PUT', `${base}/submission/draft`, t, draftBody(0));
    const both = await Promise.all([b, c].map((t) => call(tool, 'POST', `${base}/submission/versions`, t, { revision: 1 })));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const firstProgress = (await call(tool, 'GET', `${base}/submission`, first)).body.submission.progress;
    expect(firstProgress).toEqual({ reviewers: 1, done: 0, wanted: 1 });
    for (const t of [first, b, c]) expect((await call(tool, 'GET', `${base}/submission`, t)).body.submission.progress.reviewers).toBe(1);
    expect(await driftOf(base)).toBe(0);
  });

  it('many teachers submitting at once: every submission gets its reviewers, loads stay within one, counters stay true', async () => {
    const base = await newAudition({ reviewersPerSubmission: 2 });
    for (const t of teachers) await call(tool, 'PUT', `${base}/submission/draft`, t, draftBody(0));
    const res = await Promise.all(teachers.map((t) => call(tool, 'POST', `${base}/submission/versions`, t, { revision: 1 })));
    expect(res.every((r) => r.status === 201)).toBe(true);
    const loads = [];
    for (const t of teachers) {
      expect((await call(tool, 'GET', `${base}/submission`, t)).body.submission.progress.reviewers).toBe(2);
      loads.push((await queueOf(tool, t, base.split('/').pop())).length);
    }
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(await driftOf(base)).toBe(0);
  });

  it('withdrawal racing a review submit: either the review lands first (and is kept) or it answers 409 submission_withdrawn', async () => {
    const base = await newAudition({ reviewersPerSubmission: 1 });
    const [author, reviewer] = teachers as [Who, Who];
    await submitWork(tool, author, base);
    await submitWork(tool, reviewer, base);
    const [item] = await queueOf(tool, reviewer, base.split('/').pop());
    const [review, withdraw] = await Promise.all([
      call(tool, 'POST', `${base}/reviews/${item!.id}/submit`, reviewer, { answers: answers() }),
      call(tool, 'POST', `${base}/submission/withdraw`, author),
    ]);
    expect(withdraw.status).toBe(200);
    if (review.status === 200) expect(withdraw.body.submission.feedback).toHaveLength(1);
    else {
      expect(review.body.error.id).toBe('submission_withdrawn');
      expect(withdraw.body.submission.feedback).toHaveLength(0);
    }
    expect(await driftOf(base)).toBe(0);
  });

  it('two tabs saving the same review draft revision: one wins, the other gets 409 with the winner’s draft', async () => {
    const base = await newAudition({ reviewersPerSubmission: 1 });
    const [a, b] = teachers.slice(2) as [Who, Who];
    await submitWork(tool, a, base);
    await submitWork(tool, b, base);
    const [item] = await queueOf(tool, b, base.split('/').pop());
    const url = `${base}/reviews/${item!.id}/draft`;
    const [x, y] = await Promise.all([
      call(tool, 'PUT', url, b, { answers: { ratings: { clarity: 1 }, comments: {} }, revision: 0 }),
      call(tool, 'PUT', url, b, { answers: { ratings: { clarity: 4 }, comments: {} }, revision: 0 }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const [win, lose] = x.status === 200 ? [x, y] : [y, x];
    expect(lose.body.error.details.current.draft).toEqual(win.body.review.draft);
  });
});

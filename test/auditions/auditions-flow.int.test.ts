import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, type Who } from '../modules/moduleFlow';
import { answers, auditionCourse, createAudition, draftBody, queueOf, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

describe('auditions: submit, allocate, review, rate, revise (rolling mode)', () => {
  let tool: TestTool;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let auditionId: string;
  let base: string;

  beforeAll(async () => {
    tool = await startTestTool();
    const c = await auditionCourse(tool, 'flow-course', 4);
    ({ lead, teachers, cohortId } = c);
    auditionId = await createAudition(tool, lead, cohortId, c.moduleId, {
      stepId: c.stepId,
      reviewersPerSubmission: 2,
      anonymity: 'named',
      calibration: { work: { text: 'Example plan' }, context: { gradeLevel: 'Grade 3', subject: 'Reading', students: '20', feedbackWanted: 'Anything' }, answers: answers(2, 'Lead') },
    });
    base = `/api/cohorts/${cohortId}/auditions/${auditionId}`;
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('autosaves a draft revision by revision and answers 409 draft_conflict with the saved draft to a stale tab', async () => {
    const t = teachers[0]!;
    const first = await call(tool, 'PUT', `${base}/submission/draft`, t, draftBody(0, { text: 'v1 text' }));
    expect(first.status).toBe(200);
    expect(first.body.submission).toMatchObject({ status: 'draft', revision: 1, currentVersion: 0 });
    const second = await call(tool, 'PUT', `${base}/submission/draft`, t, draftBody(1, { text: 'v1 text, edited' }));
    expect(second.body.submission.revision).toBe(2);
    const stale = await call(tool, 'PUT', `${base}/submission/draft`, t, draftBody(1, { text: 'from the other tab' }));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ id: 'draft_conflict', details: { current: { revision: 2, draft: { work: { text: 'v1 text, edited' } } } } });
  });

  it('refuses to submit a version without the context reviewers need (400 naming the fields)', async () => {
    const t = teachers[3]!;
    const saved = await call(tool, 'PUT', `${base}/submission/draft`, t, { work: { text: 'plan' }, context: { gradeLevel: 'Grade 2' }, revision: 0 });
    const res = await call(tool, 'POST', `${base}/submission/versions`, t, { revision: saved.body.submission.revision });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['draft.context.subject', 'draft.context.students', 'draft.context.feedbackWanted']));
  });

  it('submitting creates version 1; the first submitter waits for reviewers, later submitters fill each other’s slots at once', async () => {
    const [a, b, c] = teachers as [Who, Who, Who];
    const v1 = await call(tool, 'POST', `${base}/submission/versions`, a, { revision: 2 });
    expect(v1.status).toBe(201);
    expect(v1.body.submission).toMatchObject({ status: 'submitted', currentVersion: 1, versions: [{ number: 1, context: { gradeLevel: 'Grade 5' } }], progress: { reviewers: 0, done: 0, wanted: 2 } });
    expect((await submitWork(tool, b, base, 'B plan')).status).toBe(201);
    expect((await submitWork(tool, c, base, 'C plan')).status).toBe(201);
    for (const t of [a, b, c]) {
      const q = await queueOf(tool, t, auditionId);
      expect(q).toHaveLength(2); // each reviews the two others: never their own work
      const mine = (await call(tool, 'GET', `${base}/submission`, t)).body.submission;
      expect(mine.progress).toEqual({ reviewers: 2, done: 0, wanted: 2 });
    }
  });

  it('shows the reviewer the context first, then the work, and never lets anyone else open the review (404)', async () => {
    const [a, b] = teachers as [Who, Who];
    const [item] = await queueOf(tool, b, auditionId);
    const res = await call(tool, 'GET', `${base}/reviews/${item!.id}`, b);
    expect(res.status).toBe(200);
    const keys = Object.keys(res.body.review);
    expect(keys.indexOf('context')).toBeLessThan(keys.indexOf('work'));
    expect(res.body.review.protocol.criteria[0].id).toBe('clarity');
    for (const other of [a, teachers[3]!, lead]) expect((await call(tool, 'GET', `${base}/reviews/${item!.id}`, other)).status).toBe(404);
  });

  it('saves a review draft with a revision check, validates answers against the protocol, and submits once', async () => {
    const b = teachers[1]!;
    const [item] = await queueOf(tool, b, auditionId);
    const url = `${base}/reviews/${item!.id}`;
    expect((await call(tool, 'PUT', `${url}/draft`, b, { answers: { ratings: { clarity: 3 }, comments: {} }, revision: 0 })).body.review.revision).toBe(1);
    expect((await call(tool, 'PUT', `${url}/draft`, b, { answers: { ratings: {}, comments: {} }, revision: 0 })).body.error.id).toBe('draft_conflict');
    const bad = await call(tool, 'PUT', `${url}/draft`, b, { answers: { ratings: { clarity: 9, nope: 1 }, comments: {} }, revision: 1 });
    expect(bad.status).toBe(400);
    expect((await call(tool, 'POST', `${url}/submit`, b, { answers: { ratings: { clarity: 3 }, comments: {} } })).status).toBe(400);
    const ok = await call(tool, 'POST', `${url}/submit`, b, { answers: answers(3, 'B') });
    expect(ok.status).toBe(200);
    expect(ok.body.review.status).toBe('submitted');
    const again = await call(tool, 'POST', `${url}/submit`, b, { answers: answers(3, 'B') });
    expect(again.body.error).toMatchObject({ id: 'review_closed', details: { status: 'submitted' } });
    expect(await queueOf(tool, b, auditionId)).toHaveLength(1);
  });

  it('lets the author rate each review (1–4, with a thank-you) and builds the reviewer’s quality record for leads only', async () => {
    const a = teachers[0]!;
    const mine = (await call(tool, 'GET', `${base}/submission`, a)).body.submission;
    const fb = mine.feedback as { id: string; reviewer: { name: string } | null }[];
    const forA = fb.length ? fb : [];
    if (forA.length === 0) {
      // B's first queued review may have been C's work: give A's feedback explicitly.
      const b = teachers[1]!;
      const q = await queueOf(tool, b, auditionId);
      for (const item of q) await call(tool, 'POST', `${base}/reviews/${item.id}/submit`, b, { answers: answers(4, 'B2') });
    }
    const feedback = (await call(tool, 'GET', `${base}/submission`, a)).body.submission.feedback;
    expect(feedback.length).toBeGreaterThan(0);
    expect(feedback[0].reviewer).toEqual({ name: 'Theo Birch' }); // a named audition
    const rate = await call(tool, 'PUT', `${base}/reviews/${feedback[0].id}/rating`, a, { specific: 4, supportive: 3, thanks: 'Thank you!' });
    expect(rate.status).toBe(200);
    expect((await call(tool, 'PUT', `${base}/reviews/${feedback[0].id}/rating`, a, { specific: 5, supportive: 3 })).status).toBe(400);
    expect((await call(tool, 'PUT', `${base}/reviews/${feedback[0].id}/rating`, teachers[2]!, { specific: 1, supportive: 1 })).status).toBe(404);
    expect((await call(tool, 'GET', `${base}/submission`, a)).body.submission.feedback[0].rating).toEqual({ specific: 4, supportive: 3, thanks: 'Thank you!' });
    const quality = await call(tool, 'GET', `${base}/quality`, lead);
    expect(quality.status).toBe(200);
    expect(quality.body.reviewers).toEqual(expect.arrayContaining([expect.objectContaining({ reviewer: expect.objectContaining({ name: 'Theo Birch' }), ratings: 1, specific: 4, supportive: 3 })]));
    expect((await call(tool, 'GET', `${base}/quality`, a)).status).toBe(403);
  });

  it('revising needs “what I changed”, creates version 2, and invites earlier reviewers to look again', async () => {
    const a = teachers[0]!;
    const cur = (await call(tool, 'GET', `${base}/submission`, a)).body.submission;
    const noNote = await call(tool, 'PUT', `${base}/submission/draft`, a, draftBody(cur.revision, { text: 'v2 text' }));
    expect((await call(tool, 'POST', `${base}/submission/versions`, a, { revision: noNote.body.submission.revision })).body.error.details.fields[0].field).toBe('draft.whatChanged');
    const withNote = await call(tool, 'PUT', `${base}/submission/draft`, a, draftBody(noNote.body.submission.revision, { text: 'v2 text', whatChanged: 'Shorter exit ticket' }));
    const v2 = await call(tool, 'POST', `${base}/submission/versions`, a, { revision: withNote.body.submission.revision });
    expect(v2.status).toBe(201);
    expect(v2.body.submission.versions.map((v: { number: number; whatChanged: string | null }) => [v.number, v.whatChanged])).toEqual([[1, null], [2, 'Shorter exit ticket']]);
    const b = teachers[1]!;
    const lookAgain = (await queueOf(tool, b, auditionId)).filter((r) => r.kind === 'look_again');
    expect(lookAgain).toHaveLength(1);
    const review = (await call(tool, 'GET', `${base}/reviews/${lookAgain[0]!.id}`, b)).body.review;
    expect(review).toMatchObject({ versionNumber: 2, whatChanged: 'Shorter exit ticket', previousVersion: { number: 1 } });
    const notes = (await call(tool, 'GET', '/api/notifications', b)).body.notifications;
    expect(notes.map((n: { kind: string }) => n.kind)).toContain('look_again');
  });

  it('lets a teacher calibrate against the lead’s example and see how their ratings compare', async () => {
    const t = teachers[2]!;
    const before = await call(tool, 'GET', `${base}/calibration`, t);
    expect(before.body).toMatchObject({ example: { context: { gradeLevel: 'Grade 3' } }, attempt: null });
    expect(JSON.stringify(before.body)).not.toContain('Lead: strength');
    const res = await call(tool, 'POST', `${base}/calibration`, t, { answers: answers(3, 'Mine') });
    expect(res.body.attempt.comparison).toMatchObject({ criteria: [{ criterionId: 'clarity', yours: 3, lead: 2, difference: 1 }], matches: 0, withinOne: 1, leadComments: { strength: 'Lead: strength' } });
  });

  it('gives the lead an overview (who submitted, progress, who has not) and the whole history; participants get 403', async () => {
    const o = await call(tool, 'GET', `${base}/overview`, lead);
    expect(o.status).toBe(200);
    expect(o.body.submissions).toHaveLength(3);
    expect(o.body.notSubmitted.map((p: { name: string }) => p.name)).toEqual(['Tom Dogwood']);
    const aSub = o.body.submissions.find((s: { author: { name: string } }) => s.author.name === 'Tess Ash');
    const h = await call(tool, 'GET', `${base}/submissions/${aSub.id}`, lead);
    expect(h.body.versions).toHaveLength(2);
    expect(h.body.reviews.some((r: { rating: unknown }) => r.rating)).toBe(true);
    expect((await call(tool, 'GET', `${base}/overview`, teachers[0]!)).status).toBe(403);
    expect((await call(tool, 'GET', `${base}/submissions/${aSub.id}`, teachers[1]!)).status).toBe(403);
  });

  it('withdrawing cancels open reviews (the reviewer is told, 409 submission_withdrawn on submit) and keeps submitted ones', async () => {
    const c = teachers[2]!;
    const reviewersOfC = (await call(tool, 'GET', `${base}/overview`, lead)).body.submissions.find((s: { author: { name: string } }) => s.author.name === 'Tia Cedar');
    const open = reviewersOfC.reviews.filter((r: { status: string }) => r.status === 'assigned');
    const w = await call(tool, 'POST', `${base}/submission/withdraw`, c);
    expect(w.status).toBe(200);
    expect(w.body.submission.status).toBe('withdrawn');
    expect((await call(tool, 'POST', `${base}/submission/withdraw`, c)).body.error.id).toBe('submission_withdrawn');
    for (const r of open) {
      const who = teachers.find((t) => t.userId === r.reviewer.id)!;
      expect((await call(tool, 'POST', `${base}/reviews/${r.id}/submit`, who, { answers: answers() })).body.error.id).toBe('submission_withdrawn');
    }
    const after = (await call(tool, 'GET', `${base}/overview`, lead)).body.submissions.find((s: { author: { name: string } }) => s.author.name === 'Tia Cedar');
    expect(after.reviews.every((r: { status: string }) => r.status === 'submitted')).toBe(true);
  });
});

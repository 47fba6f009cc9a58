import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, type Who } from '../modules/moduleFlow';
import { answers, auditionCourse, createAudition, queueOf, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

const DAY = 86_400_000;

describe('auditions: overdue and leaver reassignment, deadline allocation, lead reassignment', () => {
  let tool: TestTool;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let moduleId: string;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ lead, teachers, cohortId, moduleId } = await auditionCourse(tool, 'sweep-course', 5));
  });
  afterAll(async () => {
    await tool.stop();
  });

  const idOf = (base: string) => base.split('/').pop()!;
  const newAudition = async (o: Record<string, unknown>) => `/api/cohorts/${cohortId}/auditions/${await createAudition(tool, lead, cohortId, moduleId, o)}`;

  it('reassigns a review overdue by the grace days, keeps the late draft, and tells the late reviewer in-app', async () => {
    const base = await newAudition({ reviewersPerSubmission: 1, reviewDueDays: 3, reassignAfterDays: 2 });
    const [a, b, c] = teachers as [Who, Who, Who];
    await submitWork(tool, a, base);
    await submitWork(tool, b, base); // a and b review each other
    const [late] = await queueOf(tool, b, idOf(base));
    await call(tool, 'PUT', `${base}/reviews/${late!.id}/draft`, b, { answers: { ratings: { clarity: 2 }, comments: {} }, revision: 0 });
    await submitWork(tool, c, base); // c joins the pool: the replacement
    const sweep = tool.services.auditions.sweep;
    expect((await sweep.run(new Date(Date.now() + 4 * DAY))).overdue).toBe(0); // due + 1 day: not yet
    const swept = await sweep.run(new Date(Date.now() + 6 * DAY));
    expect(swept.overdue).toBeGreaterThanOrEqual(1);
    expect((await queueOf(tool, b, idOf(base))).map((r) => r.id)).not.toContain(late!.id);
    const closed = await call(tool, 'GET', `${base}/reviews/${late!.id}`, b);
    expect(closed.body.review).toMatchObject({ status: 'reassigned', draft: { ratings: { clarity: 2 } } });
    expect((await call(tool, 'POST', `${base}/reviews/${late!.id}/submit`, b, { answers: answers() })).body.error).toMatchObject({ id: 'review_closed', details: { status: 'reassigned' } });
    const notes = (await call(tool, 'GET', '/api/notifications', b)).body;
    const note = notes.notifications.find((n: { kind: string }) => n.kind === 'review_reassigned');
    expect(note.body.message).toContain('overdue');
    expect((await call(tool, 'POST', `/api/notifications/${note.id}/read`, b)).body).toEqual({ read: true });
    expect((await call(tool, 'POST', `/api/notifications/${note.id}/read`, a)).status).toBe(404);
    expect((await call(tool, 'GET', `${base}/submission`, a)).body.submission.progress.reviewers).toBe(1);
    const quality = (await call(tool, 'GET', `${base}/quality`, lead)).body.reviewers;
    expect(quality.find((q: { reviewer: { id: string } }) => q.reviewer.id === b.userId).late).toBeGreaterThanOrEqual(1);
    expect(await sweep.run(new Date(Date.now() + 6 * DAY))).toMatchObject({ overdue: expect.any(Number) }); // a second sweep changes nothing twice
  });

  it('a teacher who leaves keeps their work; their open reviews go to others and they get no new ones', async () => {
    const base = await newAudition({ reviewersPerSubmission: 2 });
    const [a, b, c, d] = teachers as [Who, Who, Who, Who];
    for (const t of [a, b, c]) await submitWork(tool, t, base);
    const open = await queueOf(tool, c, idOf(base));
    expect(open.length).toBeGreaterThan(0);
    await tool.db('memberships').where({ user_id: c.userId }).update({ status: 'inactive' });
    await submitWork(tool, d, base);
    const swept = await tool.services.auditions.sweep.run(new Date());
    expect(swept.left).toBeGreaterThan(0);
    const reviews = await tool.db('audition_reviews').where({ audition_id: idOf(base), reviewer_id: c.userId });
    expect(reviews.filter((r: { status: string }) => r.status === 'assigned')).toHaveLength(0);
    expect(reviews.some((r: { closed_reason: string }) => r.closed_reason === 'left')).toBe(true);
    const overview = (await call(tool, 'GET', `${base}/overview`, lead)).body;
    const cs = overview.submissions.find((s: { author: { id: string } }) => s.author.id === c.userId);
    expect(cs).toMatchObject({ status: 'submitted', currentVersion: 1 });
    expect(overview.reviewers.find((r: { userId: string }) => r.userId === c.userId).active).toBe(false);
    for (const s of overview.submissions) if (s.author.id !== c.userId) expect(s.reviews.map((r: { reviewer: { id: string } }) => r.reviewer.id)).not.toContain(c.userId);
  });

  it('allocates a fixed-deadline audition when the sweep passes its deadline, once', async () => {
    const base = await newAudition({ reviewersPerSubmission: 2, mode: 'fixed', deadline: new Date(Date.now() + DAY).toISOString() });
    for (const t of teachers.slice(0, 4)) await submitWork(tool, t, base);
    expect((await tool.services.auditions.sweep.run(new Date())).allocated).toBe(0);
    expect((await tool.services.auditions.sweep.run(new Date(Date.now() + 2 * DAY))).allocated).toBe(1);
    expect((await tool.services.auditions.sweep.run(new Date(Date.now() + 2 * DAY))).allocated).toBe(0);
    for (const t of teachers.slice(0, 4)) {
      const s = (await call(tool, 'GET', `${base}/submission`, t)).body.submission;
      if (t.userId !== teachers[2]!.userId) expect(s.progress.reviewers).toBe(2);
    }
  });

  it('lets a lead reassign an open review to a named person or to the next in line; 422 for someone ineligible', async () => {
    const base = await newAudition({ reviewersPerSubmission: 1 });
    const [a, b, , d, e] = teachers as [Who, Who, Who, Who, Who];
    for (const t of [a, b, d, e]) await submitWork(tool, t, base);
    const [item] = await queueOf(tool, b, idOf(base));
    const review = (await call(tool, 'GET', `${base}/reviews/${item!.id}`, b)).body.review;
    const overview = (await call(tool, 'GET', `${base}/overview`, lead)).body;
    const sub = overview.submissions.find((s: { reviews: { id: string }[] }) => s.reviews.some((r) => r.id === item!.id));
    expect((await call(tool, 'POST', `${base}/reviews/${item!.id}/reassign`, lead, { toUserId: sub.author.id })).body.error.id).toBe('reviewer_not_eligible');
    expect((await call(tool, 'POST', `${base}/reviews/${item!.id}/reassign`, teachers[0]!, {})).status).toBe(403);
    const target = [a, d, e].find((t) => t.userId !== sub.author.id)!;
    const moved = await call(tool, 'POST', `${base}/reviews/${item!.id}/reassign`, lead, { toUserId: target.userId });
    expect(moved.status).toBe(200);
    expect(moved.body.reviews.map((r: { reviewer: { id: string }; status: string }) => [r.reviewer.id, r.status])).toContainEqual([target.userId, 'assigned']);
    expect((await call(tool, 'POST', `${base}/reviews/${item!.id}/reassign`, lead, {})).body.error.id).toBe('review_closed');
    expect(review.versionNumber).toBe(1);
  });
});

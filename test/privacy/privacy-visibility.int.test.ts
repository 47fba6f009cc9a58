import { launchInto, person, call } from '../modules/moduleFlow';
import { auditionCourse, createAudition } from '../auditions/auditionFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

jest.setTimeout(120_000);

type Item = { topic: string; what: string; where: string | null; who: string };

describe('privacy: GET /api/me/visibility', () => {
  let tool: TestTool;
  let c: Awaited<ReturnType<typeof auditionCourse>>;

  beforeAll(async () => {
    tool = await startTestTool();
    c = await auditionCourse(tool, 'visibility-course', 2);
    await createAudition(tool, c.lead, c.cohortId, c.moduleId, { title: 'Anonymous plans', anonymity: 'anonymous' });
    await createAudition(tool, c.lead, c.cohortId, c.moduleId, { title: 'Named plans', anonymity: 'named' });
    expect((await call(tool, 'PUT', `/api/cohorts/${c.cohortId}/privacy`, c.admin, { studentFileRetentionDays: 30 })).status).toBe(200);
  });
  afterAll(async () => {
    await tool?.stop();
  });

  const itemsOf = async (token: string | null) => {
    const res = await call(tool, 'GET', '/api/me/visibility', token === null ? null : { token, userId: '', contextId: '' });
    return { status: res.status, items: (res.body?.visibility?.items ?? []) as Item[] };
  };

  it('returns 200 with lines derived from the cohort and each audition’s anonymity setting', async () => {
    const { status, items } = await itemsOf(c.teachers[0]!.token);
    expect(status).toBe(200);
    // 3 course-wide lines + per cohort (module work, student files) + 4 per audition × 2 auditions.
    expect(items).toHaveLength(3 + 2 + 8);
    const given = (title: string) => items.find((i) => i.topic === 'reviews_given' && i.where === `Audition “${title}”`)?.who;
    expect(given('Anonymous plans')).toContain('without your name');
    expect(given('Named plans')).toContain('with your name');
    const received = (title: string) => items.find((i) => i.topic === 'reviews_received' && i.where === `Audition “${title}”`)?.who;
    expect(received('Anonymous plans')).toContain('without the reviewers’ names');
    expect(received('Named plans')).toContain('with the reviewers’ names');
    expect(items.find((i) => i.topic === 'student_files')?.who).toBe('Deleted automatically 30 days after upload');
  });

  it('names nobody else: no other person’s name or email appears', async () => {
    const { items } = await itemsOf(c.teachers[0]!.token);
    const text = JSON.stringify(items);
    const others = await tool.db('users').select('name', 'email').whereNot('id', c.teachers[0]!.userId);
    for (const o of others) {
      if (o.name) expect(text).not.toContain(o.name);
      if (o.email) expect(text).not.toContain(o.email);
    }
  });

  it('returns only course-wide lines for a person in no cohort', async () => {
    const loner = await launchInto(tool, person('visibility-loner', 'Lou Loner', 'participant'), 'visibility-elsewhere');
    const { status, items } = await itemsOf(loner.token);
    expect(status).toBe(200);
    expect(items.map((i) => i.topic)).toEqual(['profile', 'progress_hours', 'competency_ratings']);
  });

  it('returns 401 without a session', async () => {
    expect((await itemsOf(null)).status).toBe(401);
  });
});

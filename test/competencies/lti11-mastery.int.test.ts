import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { eventually, PASSBACK_TEST_ENV } from '../grades/gradesFlow';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { lti11LaunchAs, sandboxConsumer } from '../lti11/lti11Flow';
import { buildFramework, call, linkFramework, rate, type Who } from './competencyFlow';

jest.setTimeout(180_000);

/** A persona's session from an LTI 1.1 launch of the sandbox consumer (Moodle-like); `overrides` change the form. */
async function lti11(tool: TestTool, persona: string, overrides: Record<string, string | undefined> = {}): Promise<Who> {
  const { res, token } = await lti11LaunchAs(tool, persona, overrides);
  if (res.status !== 200 || !token) throw new Error(`LTI 1.1 launch as ${persona}: ${res.status}`);
  const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string }; context: { id: string } };
  return { token, userId: me.user.id, contextId: me.context.id };
}

describe('competency mastery for a course launched over LTI 1.1: one Basic Outcomes score per person (docs/adr/0011)', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teacher: Who;
  let ungraded: Who;
  let cohortId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];
  const received = () => sandboxConsumer(tool).outcomes.list(sandboxConsumer(tool).sourcedIdFor(findPersona('teacher-1')!.sub)).then((l) => l.map((o) => o.score));
  const passbacks = (userId: string) => tool.db('score_passbacks').where({ user_id: userId }).orderBy('created_at');
  const settledAll = (userId: string, n: number) =>
    eventually(async () => {
      const rows = await passbacks(userId);
      return rows.length === n && rows.every((r) => r.status !== 'pending') ? rows : null;
    });

  beforeAll(async () => {
    tool = await startTestTool(PASSBACK_TEST_ENV);
    [admin, lead, teacher] = [await lti11(tool, 'admin'), await lti11(tool, 'lead'), await lti11(tool, 'teacher-1')];
    // Opened Staffroom from a link that is not a graded activity: the LMS gave no gradebook cell.
    ungraded = await lti11(tool, 'teacher-2', { lis_outcome_service_url: undefined, lis_result_sourcedid: undefined });
    const created = await call(tool, 'POST', '/api/cohorts', admin, { title: 'Moodle cohort' });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    const framework = await buildFramework(tool, admin);
    ids = framework.ids;
    await linkFramework(tool, admin, cohortId, {
      frameworkId: framework.frameworkId,
      competencies: [
        { competencyId: ids.col },
        { competencyId: ids.plan, reportsToGradebook: true },
        { competencyId: ids.feedback, reportsToGradebook: true },
        { competencyId: ids.des },
        { competencyId: ids.goals },
        { competencyId: ids.goalsA },
        { competencyId: ids.goalsB },
      ],
    });
  });
  afterAll(() => tool?.stop());

  it('replaces the result with the mean mastery of the reported competencies, unrated counting 0: Proficient (3) and nothing → 3/2/4 = 0.375', async () => {
    expect((await rate(tool, lead, cohortId, teacher.userId, ids.plan, 'Proficient', 'Plans with the team.')).status).toBe(201);
    const [row] = await settledAll(teacher.userId, 1);
    expect(row).toMatchObject({ status: 'delivered', resource_id: `staffroom-competencies:${cohortId}`, line_item_url: sandboxConsumer(tool).identity.outcomesUrl });
    expect(await received()).toEqual([0.375]);
  });

  it('sends the new mean when another reported competency is rated: (3 + 4) / 2 / 4 = 0.875', async () => {
    expect((await rate(tool, lead, cohortId, teacher.userId, ids.feedback, 'Exemplary', 'Specific, kind feedback.')).status).toBe(201);
    await settledAll(teacher.userId, 2);
    expect(await received()).toEqual([0.375, 0.875]);
  });

  it('sends nothing for a rating of a competency the cohort does not report (the mean cannot change)', async () => {
    expect((await rate(tool, admin, cohortId, teacher.userId, ids.goalsA, 'Developing')).status).toBe(201);
    expect(await passbacks(teacher.userId)).toHaveLength(2);
    expect(await received()).toEqual([0.375, 0.875]);
  });

  it('records a clear, retryable failure (no_line_item) for someone whose link gave no gradebook cell; nothing is sent', async () => {
    const before = await sandboxConsumer(tool).outcomes.list(sandboxConsumer(tool).sourcedIdFor(findPersona('teacher-2')!.sub));
    expect((await rate(tool, lead, cohortId, ungraded.userId, ids.plan, 'Developing')).status).toBe(201);
    const [row] = await settledAll(ungraded.userId, 1);
    expect(row).toMatchObject({ status: 'failed', failure_kind: 'no_line_item' });
    expect(String(row!.last_error)).toContain('Make the link graded in the LMS and have them open it');
    expect(await sandboxConsumer(tool).outcomes.list(sandboxConsumer(tool).sourcedIdFor(findPersona('teacher-2')!.sub))).toEqual(before);
  });
});

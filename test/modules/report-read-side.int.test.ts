import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { loadSurveyResults } from '../../lti-tool/src/modules/surveyResults';
import { loadTimeOnTask } from '../../lti-tool/src/modules/timeOnTask';
import { createTestDb, type TestDb } from '../helpers/testDb';
import { buildCohort, buildContext, buildMember } from './factories';

jest.setTimeout(120_000);

const at = (iso: string) => new Date(iso);
const october = { from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') };

/** Inserts a module with versions of the given steps ({stepId: minutes}); the `published` version is the live one. */
async function buildModule(db: Knex, cohortId: string, versions: Array<{ status: 'published' | 'superseded' | 'draft'; steps: Record<string, number> }>): Promise<string> {
  const moduleId = randomUUID();
  await db('modules').insert({ id: moduleId, cohort_id: cohortId, position: 0, title: 'M' });
  for (const [i, v] of versions.entries()) {
    const versionId = randomUUID();
    await db('module_versions').insert({ id: versionId, module_id: moduleId, number: i + 1, status: v.status, title: 'M' });
    let position = 0;
    for (const [stepId, minutes] of Object.entries(v.steps)) {
      await db('module_steps').insert({ id: randomUUID(), version_id: versionId, step_id: stepId, position: position++, kind: 'read', title: 'S', estimated_minutes: minutes, content: JSON.stringify({}) });
    }
    if (v.status === 'published') await db('modules').where({ id: moduleId }).update({ published_version_id: versionId });
  }
  return moduleId;
}

describe('report read side: survey results and time on task (hand-counted fixtures)', () => {
  let t: TestDb;
  let cohortId: string;
  let otherCohortId: string;
  let inScope: string;
  let a1: string, a2: string, a3: string, b1: string;
  let moduleId: string;
  let otherModuleId: string;
  const [s1, s2, s3, s4, sv1, sv2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    t = await createTestDb();
    const a = await buildContext(t.db);
    const b = await buildContext(t.db, { platformId: a.platformId });
    inScope = a.contextId;
    a1 = await buildMember(t.db, a.platformId, a.contextId, 'participant', 'A One');
    a2 = await buildMember(t.db, a.platformId, a.contextId, 'participant', 'A Two');
    a3 = await buildMember(t.db, a.platformId, a.contextId, 'participant', 'A Three (left)');
    await t.db('memberships').where({ user_id: a3 }).update({ status: 'inactive' });
    b1 = await buildMember(t.db, a.platformId, b.contextId, 'participant', 'B One');
    cohortId = await buildCohort(t.db, a.contextId, { otherContextIds: [b.contextId] });
    otherCohortId = await buildCohort(t.db, a.contextId);
    // v1 (superseded): s1 5 min, s4 15 min; v2 (published): s1 10, s2 20, s3 30; v3 (draft): s1 99.
    moduleId = await buildModule(t.db, cohortId, [
      { status: 'superseded', steps: { [s1]: 5, [s4]: 15 } },
      { status: 'published', steps: { [s1]: 10, [s2]: 20, [s3]: 30 } },
      { status: 'draft', steps: { [s1]: 99 } },
    ]);
    otherModuleId = await buildModule(t.db, otherCohortId, [{ status: 'published', steps: { [sv2]: 40 } }]);

    const done = (userId: string, stepId: string, completedAt: string | null, mod = moduleId, cohort = cohortId) => ({
      user_id: userId, step_id: stepId, cohort_id: cohort, module_id: mod, status: completedAt ? 'complete' : 'in_progress', started_at: at('2026-09-01T00:00:00Z'), completed_at: completedAt ? at(completedAt) : null,
    });
    await t.db('step_progress').insert([
      done(a1, s1, '2026-10-05T10:00:00Z'),
      done(a1, s2, '2026-10-06T10:00:00Z'),
      done(a1, s3, '2026-11-01T00:00:00Z'), // at `to`: outside
      done(a2, s1, '2026-10-05T12:00:00Z'),
      done(a2, s2, null), // in progress: its measured time does not count
      done(a2, s4, '2026-10-20T00:00:00Z'), // removed by v2: estimate from v1
      done(a3, s1, '2026-10-10T00:00:00Z'),
      done(a3, s2, '2026-09-30T23:59:59Z'), // before the range
      done(b1, s1, '2026-10-05T00:00:00Z'), // another course's member
      done(a1, sv2, '2026-10-05T00:00:00Z', otherModuleId, otherCohortId), // another cohort
    ]);
    const time = (userId: string, stepId: string, seconds: number, mod = moduleId, cohort = cohortId) => ({ user_id: userId, step_id: stepId, cohort_id: cohort, module_id: mod, seconds });
    await t.db('step_time').insert([
      time(a1, s1, 610), time(a1, s2, 900), time(a1, s3, 5000), time(a2, s2, 300), time(a3, s1, 120), time(a3, s2, 999), time(b1, s1, 60), time(a1, sv2, 700, otherModuleId, otherCohortId),
    ]);

    const answer = (userId: string, stepId: string, useful: number, relevant: number, suggestion: string, answeredAt: string, mod = moduleId, cohort = cohortId) => ({
      user_id: userId, step_id: stepId, cohort_id: cohort, module_id: mod, useful, relevant, suggestion, answered_at: at(answeredAt),
    });
    await t.db('survey_responses').insert([
      answer(a1, sv1, 4, 3, 'More examples', '2026-10-10T00:00:00Z'),
      answer(a2, sv1, 3, 3, '', '2026-10-11T00:00:00Z'),
      answer(a3, sv1, 1, 2, '  Shorter videos  ', '2026-10-12T00:00:00Z'),
      answer(a1, s4, 4, 4, '   ', '2026-10-13T00:00:00Z'),
      answer(b1, sv1, 2, 2, 'Secret from course B', '2026-10-10T00:00:00Z'),
      answer(a2, s4, 2, 1, 'Too early', '2026-09-30T00:00:00Z'),
      answer(a1, sv2, 1, 1, 'Other cohort', '2026-10-10T00:00:00Z', otherModuleId, otherCohortId),
    ]);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('counts survey answers 1..4 per question and lists non-empty suggestions without names, only for people and dates in scope', async () => {
    const r = await loadSurveyResults(t.db, { cohortId, contextIds: [inScope], ...october });
    // a1 (4,3) + a2 (3,3) + a3 (1,2) + a1 again on another survey step (4,4).
    expect(r).toEqual({ responses: 4, useful: [1, 0, 1, 2], relevant: [0, 1, 2, 1], suggestions: ['More examples', 'Shorter videos'] });
    expect(JSON.stringify(r)).not.toMatch(/A One|A Two|Secret|Other cohort|Too early/);
  });

  it('returns zero counts for a scope with no courses or no answers', async () => {
    expect(await loadSurveyResults(t.db, { cohortId, contextIds: [], ...october })).toEqual({ responses: 0, useful: [0, 0, 0, 0], relevant: [0, 0, 0, 0], suggestions: [] });
    expect((await loadSurveyResults(t.db, { cohortId, contextIds: [inScope], from: at('2025-01-01T00:00:00Z'), to: at('2025-02-01T00:00:00Z') })).responses).toBe(0);
  });

  it('sums estimated minutes and measured minutes on the steps each person completed in the range', async () => {
    const rows = await loadTimeOnTask(t.db, { cohortId, contextIds: [inScope], ...october });
    const expected = [
      { userId: a1, estimatedMinutes: 10 + 20, measuredMinutes: Math.round((610 + 900) / 60) }, // 25
      { userId: a2, estimatedMinutes: 10 + 15, measuredMinutes: null },
      { userId: a3, estimatedMinutes: 10, measuredMinutes: 2 },
    ].sort((x, y) => x.userId.localeCompare(y.userId));
    expect(rows).toEqual(expected);
    expect(rows.find((r) => r.userId === a1)).toEqual({ userId: a1, estimatedMinutes: 30, measuredMinutes: 25 });
  });

  it('counts another course of the cohort only when it is in scope', async () => {
    const b = await t.db('memberships').where({ user_id: b1 }).first();
    const rows = await loadTimeOnTask(t.db, { cohortId, contextIds: [b.context_id], ...october });
    expect(rows).toEqual([{ userId: b1, estimatedMinutes: 10, measuredMinutes: 1 }]);
    expect(await loadTimeOnTask(t.db, { cohortId, contextIds: [], ...october })).toEqual([]);
    const survey = await loadSurveyResults(t.db, { cohortId, contextIds: [b.context_id], ...october });
    expect(survey).toEqual({ responses: 1, useful: [0, 1, 0, 0], relevant: [0, 1, 0, 0], suggestions: ['Secret from course B'] });
  });

  it('rejects survey answers outside 1..4 at the database', async () => {
    await expect(t.db('survey_responses').insert({ user_id: a2, step_id: randomUUID(), cohort_id: cohortId, module_id: moduleId, useful: 5, relevant: 1 })).rejects.toThrow();
  });
});

import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, call, courseWithCohort, linkFramework, rate, type Who } from './competencyFlow';

jest.setTimeout(180_000);

/**
 * The heatmap reads one stored row per person (competency_mastery_rows), kept by triggers on competency_mastery
 * (migration 20261126181100). Whatever writes the cells, the rows and the heatmap must follow.
 */
describe('the heatmap’s per-person mastery rows follow every change of the mastery cells', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let t1: Who;
  let t2: Who;
  let cohortId: string;
  let frameworkId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers: [t1, t2], cohortId } = await courseWithCohort(tool, 'heatmap-rows-course'));
    const built = await buildFramework(tool, admin);
    ({ ids, frameworkId } = built);
    await linkFramework(tool, admin, cohortId, { frameworkId, masteryMethod: 'most_recent', rollupRule: 'average_points' });
  });
  afterAll(() => tool.stop());

  /** Each person's stored row, as the cells it lists (competency id → "level points proficient"). */
  const stored = async (userId: string) => {
    const row = await tool.db('competency_mastery_rows').where({ cohort_id: cohortId, user_id: userId }).first('cells');
    if (!row) return null;
    return Object.fromEntries((row.cells as string).split(',').map((c) => [c.split(' ')[0], c.split(' ').slice(1).join(' ')]));
  };
  const heatmap = async () => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap`, lead);
    expect(res.status).toBe(200);
    const col = (identifier: string) => res.body.competencies.findIndex((c: { identifier: string }) => c.identifier === identifier);
    return (userId: string, identifier: string) => res.body.people.find((p: { userId: string }) => p.userId === userId).levels[col(identifier)] as number | null;
  };

  it('writes the row in the rating’s transaction and rewrites it on the next rating (most recent wins)', async () => {
    expect(await stored(t1.userId)).toBeNull();
    expect((await rate(tool, lead, cohortId, t1.userId, ids.plan, 'Exemplary')).status).toBe(201);
    expect((await rate(tool, lead, cohortId, t1.userId, ids.goalsA, 'Developing')).status).toBe(201);
    expect(await stored(t1.userId)).toEqual({ [ids.plan]: '3 4.00 1', [ids.goalsA]: '1 2.00 0' });
    expect((await rate(tool, lead, cohortId, t1.userId, ids.plan, 'Beginning')).status).toBe(201);
    expect(await stored(t1.userId)).toEqual({ [ids.plan]: '0 1.00 0', [ids.goalsA]: '1 2.00 0' });
    const level = await heatmap();
    // average_points: COL from COL.1 alone (1 → Beginning); DES.1 from DES.1.a alone (2 → Developing).
    expect([level(t1.userId, 'COL.1'), level(t1.userId, 'COL'), level(t1.userId, 'DES.1.a'), level(t1.userId, 'DES.1'), level(t1.userId, 'COL.2')]).toEqual([0, 0, 1, 1, null]);
    expect(level(t2.userId, 'COL.1')).toBeNull();
  });

  it('rewrites every row when the cohort’s method changes (highest: COL.1 back to Exemplary)', async () => {
    await linkFramework(tool, admin, cohortId, { frameworkId, masteryMethod: 'highest', rollupRule: 'average_points' });
    expect((await stored(t1.userId))![ids.plan]).toBe('3 4.00 1');
    expect((await heatmap())(t1.userId, 'COL.1')).toBe(3);
  });

  it('drops a deleted cell from the row, and the row itself when no cell is left (as data erasure does)', async () => {
    // A rated competency cannot be removed through the API (409); a cascade deletes its cells the same way.
    await tool.db('competency_mastery').where({ competency_id: ids.goalsA }).delete();
    expect(await stored(t1.userId)).toEqual({ [ids.plan]: '3 4.00 1' });
    // Data erasure deletes a person's cells directly (privacy/erasure.store.ts).
    await tool.db('competency_mastery').where({ user_id: t1.userId }).delete();
    expect(await stored(t1.userId)).toBeNull();
    expect((await heatmap())(t1.userId, 'COL.1')).toBeNull();
  });
});

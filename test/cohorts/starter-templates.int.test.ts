import { installStarterTemplates, starterMinutes } from '../../lti-tool/src/cohorts/starterTemplates';
import { STARTER_TEMPLATES } from '../../lti-tool/src/cohorts/starterTemplates.content';
import { createTestDb, type TestDb } from '../helpers/testDb';

describe('built-in starter templates', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  }, 120_000);
  afterAll(() => testDb.destroy());

  const snapshot = async () => {
    const db = testDb.db;
    const templates = await db('cohorts').whereNotNull('template_key').orderBy('template_key').select('id', 'template_key', 'owner_context_id', 'kind', 'title');
    const modules = await db('modules').whereIn('cohort_id', templates.map((t) => t.id)).orderBy(['cohort_id', 'position']).select('id', 'cohort_id', 'title', 'published_version_id');
    return { templates, modules };
  };

  it('installs five templates, each with 2–4 published modules whose steps match the content file', async () => {
    const ids = await installStarterTemplates(testDb.db);
    expect([...ids.keys()].sort()).toEqual(['action-learning-set', 'collaborative-use-of-data', 'learning-visits', 'peer-consultancy', 'problem-solving-team']);
    const { templates, modules } = await snapshot();
    expect(templates.every((t) => t.owner_context_id === null && t.kind === 'template')).toBe(true);
    for (const t of STARTER_TEMPLATES) {
      const mine = modules.filter((m) => m.cohort_id === ids.get(t.key));
      expect(mine.map((m) => m.title)).toEqual(t.modules.map((m) => m.title));
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.length).toBeLessThanOrEqual(4);
      expect(mine.every((m) => m.published_version_id)).toBe(true);
      const minutes = await testDb.db('module_steps').whereIn('version_id', mine.map((m) => m.published_version_id)).sum({ n: 'estimated_minutes' }).first();
      expect(Number(minutes!.n)).toBe(starterMinutes(t));
    }
  });

  it('uses every step kind, and stores Markdown with its rendered HTML', async () => {
    const kinds = await testDb.db('module_steps').distinct('kind').pluck('kind');
    expect(kinds.sort()).toEqual(['audition', 'checkpoint', 'inquiry', 'read', 'reflect', 'survey']);
    const read = await testDb.db('module_steps').where({ kind: 'read' }).first('content');
    expect(read.content.html).toContain('<');
  });

  it('is idempotent: installing again (twice at once, too) keeps the same templates and modules', async () => {
    const before = await snapshot();
    await Promise.all([installStarterTemplates(testDb.db), installStarterTemplates(testDb.db)]);
    await installStarterTemplates(testDb.db);
    expect(await snapshot()).toEqual(before);
  });
});

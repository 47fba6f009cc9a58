import { randomUUID } from 'node:crypto';
import { createTestDb, type TestDb } from '../helpers/testDb';
import { copyModules, insertPublishedModule } from '../../lti-tool/src/modules/modules.copy';
import { buildCohort, buildContext, buildMember, sampleModuleSpec } from './factories';

describe('copyModules (cohort templates)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('copies each module’s latest published version as published version 1 with new step ids, and no people or work', async () => {
    const { platformId, contextId } = await buildContext(t.db);
    const from = await buildCohort(t.db, contextId, { kind: 'template' });
    const to = await buildCohort(t.db, contextId);
    const person = await buildMember(t.db, platformId, contextId, 'participant');
    const [first, second] = await t.db.transaction(async (trx) => [
      await insertPublishedModule(trx, from, sampleModuleSpec('First')),
      await insertPublishedModule(trx, from, { ...sampleModuleSpec('Second'), unlockRule: 'after_previous', reportsToGradebook: true }),
    ]);
    // A later version 2 of "First" (superseding v1): the copy must take v2's title and steps.
    const v1 = await t.db('modules').where({ id: first }).first();
    const v2 = randomUUID();
    await t.db('module_versions').where({ id: v1.published_version_id }).update({ status: 'superseded' });
    await t.db('module_versions').insert({ id: v2, module_id: first, number: 2, status: 'published', title: 'First v2', summary: '', pd_minutes: 30, unlock_rule: 'open', published_at: new Date() });
    await t.db.raw(`INSERT INTO module_steps (id, version_id, step_id, position, kind, title, estimated_minutes, content)
      SELECT gen_random_uuid(), ?, step_id, position, kind, title, estimated_minutes, content FROM module_steps WHERE version_id = ? AND position < 2`, [v2, v1.published_version_id]);
    await t.db('modules').where({ id: first }).update({ published_version_id: v2, title: 'First v2' });
    // A draft, work and an archived module, none of which may travel.
    await t.db('module_versions').insert({ id: randomUUID(), module_id: second, number: 2, status: 'draft', title: 'Draft title', summary: '', pd_minutes: 0, unlock_rule: 'open' });
    const archived = await t.db.transaction((trx) => insertPublishedModule(trx, from, sampleModuleSpec('Archived')));
    await t.db('modules').where({ id: archived }).update({ archived_at: new Date() });
    const someStep = await t.db('module_steps').where({ version_id: v2 }).first();
    await t.db('step_progress').insert({ user_id: person, step_id: someStep.step_id, cohort_id: from, module_id: first, status: 'complete', completed_at: new Date() });

    const created = await t.db.transaction((trx) => copyModules(trx, from, to));

    expect(created).toHaveLength(2);
    const modules = await t.db('modules').where({ cohort_id: to }).orderBy('position');
    expect(modules.map((m) => [m.title, m.unlock_rule, m.reports_to_gradebook, m.pd_minutes])).toEqual([
      ['First v2', 'open', false, 30],
      ['Second', 'after_previous', true, 90],
    ]);
    for (const m of modules) {
      const versions = await t.db('module_versions').where({ module_id: m.id });
      expect(versions.map((v) => [v.number, v.status])).toEqual([[1, 'published']]);
      expect(m.published_version_id).toBe(versions[0].id);
    }
    const newSteps = await t.db('module_steps').where({ version_id: modules[0].published_version_id }).orderBy('position');
    expect(newSteps.map((s) => s.title)).toEqual(['Read: the idea', 'Reflect']);
    const oldStepIds = (await t.db('module_steps').whereIn('version_id', [v1.published_version_id, v2])).map((s) => s.step_id);
    expect(newSteps.some((s) => oldStepIds.includes(s.step_id))).toBe(false);
    const audition = await t.db('module_steps').where({ version_id: modules[1].published_version_id, kind: 'audition' }).first();
    expect(audition.content.auditionId).toBeNull();
    expect(await t.db('step_progress').where({ cohort_id: to })).toHaveLength(0);
    expect(await t.db('module_completions').where({ cohort_id: to })).toHaveLength(0);
  });

  it('copies nothing (and creates nothing) when the source cohort has no published modules', async () => {
    const { contextId } = await buildContext(t.db);
    const from = await buildCohort(t.db, contextId, { kind: 'template' });
    const to = await buildCohort(t.db, contextId);
    expect(await t.db.transaction((trx) => copyModules(trx, from, to))).toEqual([]);
    expect(await t.db('modules').where({ cohort_id: to })).toHaveLength(0);
  });

  it('insertPublishedModule rejects a step whose content is not valid for its kind, naming the field', async () => {
    const { contextId } = await buildContext(t.db);
    const cohort = await buildCohort(t.db, contextId);
    const spec = { title: 'Bad', steps: [{ kind: 'checkpoint' as const, title: 'Meet', estimatedMinutes: 30, content: { linkUrl: 'javascript:alert(1)' } }] };
    await expect(t.db.transaction((trx) => insertPublishedModule(trx, cohort, spec))).rejects.toMatchObject({ status: 400, details: { fields: [{ field: 'content.linkUrl' }] } });
    expect(await t.db('modules').where({ cohort_id: cohort })).toHaveLength(0);
  });
});

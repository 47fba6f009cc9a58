import { createTestDb, type TestDb } from '../test/helpers/testDb';
import { migrateRollbackAll, migrateLatest } from './migrate';

describe('migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.destroy());

  it('create every table, roll all the way back and apply again', async () => {
    expect(await t.db.schema.hasTable('platforms')).toBe(true);
    expect(await t.db.schema.hasTable('sessions')).toBe(true);
    await migrateRollbackAll(t.db);
    expect(await t.db.schema.hasTable('platforms')).toBe(false);
    const applied = await migrateLatest(t.db);
    expect(applied.length).toBeGreaterThanOrEqual(9);
    expect(await t.db.schema.hasTable('memberships')).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { createTestDb, type TestDb } from '../test/helpers/testDb';
import { createDb } from './connection';
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

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip; // PGlite: one process, one connection

onPostgres('migrations started by several processes at once', () => {
  it('apply once: every process waits for the first and then finds nothing left to do', async () => {
    const url = process.env.DATABASE_URL!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = createDb({ kind: 'postgres', url, poolMax: 1 });
    await admin.raw('CREATE SCHEMA ??', [schema]);
    const processes = [1, 2, 3].map(() => createDb({ kind: 'postgres', url, poolMax: 3, schema }));
    try {
      const applied = await Promise.all(processes.map((db) => migrateLatest(db)));
      const counts = applied.map((a) => a.length).sort((x, y) => y - x);
      expect(counts[0]).toBeGreaterThanOrEqual(9);
      expect(counts.slice(1)).toEqual([0, 0]);
    } finally {
      await Promise.all(processes.map((db) => db.destroy()));
      await admin.raw('DROP SCHEMA ?? CASCADE', [schema]);
      await admin.destroy();
    }
  });
});

import { createTestDb, type TestDb } from '../test/helpers/testDb';

// Stores report what they removed (erasure summaries, expired-state sweeps): the count must be a number on both databases.
describe('knex write results are row counts on PGlite and PostgreSQL alike', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.raw('CREATE TABLE count_probe (id int)');
    await t.db('count_probe').insert([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
  afterAll(() => t.destroy());

  it('update and delete return how many rows they touched', async () => {
    expect(await t.db('count_probe').where('id', '>', 1).update({ id: 9 })).toBe(2);
    expect(await t.db('count_probe').where('id', 9).delete()).toBe(2);
    expect(await t.db('count_probe').where('id', 42).del()).toBe(0);
    expect(await t.db('count_probe').count('* as n').first()).toEqual({ n: 1 });
  });
});

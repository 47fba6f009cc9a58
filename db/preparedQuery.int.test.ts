import { createTestDb, type TestDb } from '../test/helpers/testDb';
import { preparedQuery } from './preparedQuery';

const INSERT = 'insert into prepared_probe (id, label) values (?, ?) returning id, label';
const BY_ID = 'select id, label from prepared_probe where id = :id';

// Named statements run on the connection knex gives the query: inside a transaction that must be the transaction's.
describe('preparedQuery runs named statements on PGlite and PostgreSQL alike', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.raw('create table prepared_probe (id int primary key, label text not null)');
  });
  afterAll(() => t.destroy());

  it('returns the rows of a statement run many times, with positional and named bindings', async () => {
    for (let i = 1; i <= 8; i++) expect(await preparedQuery(t.db, 'probe_insert', INSERT, [i, `row ${i}`])).toEqual([{ id: i, label: `row ${i}` }]);
    for (let i = 1; i <= 8; i++) expect(await preparedQuery<{ id: number; label: string }>(t.db, 'probe_by_id', BY_ID, { id: i })).toEqual([{ id: i, label: `row ${i}` }]);
    expect(await preparedQuery(t.db, 'probe_by_id', BY_ID, { id: 99 })).toEqual([]);
  });

  it('runs inside the transaction: its row is visible there, not outside, and gone after rollback', async () => {
    await expect(
      t.db.transaction(async (trx) => {
        expect(await preparedQuery(trx, 'probe_insert', INSERT, [100, 'in trx'])).toEqual([{ id: 100, label: 'in trx' }]);
        expect(await preparedQuery(trx, 'probe_by_id', BY_ID, { id: 100 })).toEqual([{ id: 100, label: 'in trx' }]);
        expect(await trx('prepared_probe').where({ id: 100 }).first()).toEqual({ id: 100, label: 'in trx' });
        // PGlite has one connection (a read outside would wait for the transaction), so only PostgreSQL checks isolation here.
        if (process.env.DATABASE_URL) expect(await preparedQuery(t.db, 'probe_by_id', BY_ID, { id: 100 })).toEqual([]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await preparedQuery(t.db, 'probe_by_id', BY_ID, { id: 100 })).toEqual([]);
    expect(await t.db('prepared_probe').where({ id: 100 }).first()).toBeUndefined();
  });

  it('uses the transaction’s own connection and, on PostgreSQL, prepares the statement there', async () => {
    await t.db.transaction(async (trx) => {
      const [viaHelper] = await preparedQuery<{ pid: number }>(trx, 'probe_pid', 'select pg_backend_pid() as pid', []);
      const { rows } = await trx.raw('select pg_backend_pid() as pid');
      expect(viaHelper!.pid).toBe(rows[0].pid);
      if (process.env.DATABASE_URL) {
        const prepared = await trx.raw(`select name from pg_prepared_statements where name = 'probe_pid'`);
        expect(prepared.rows).toEqual([{ name: 'probe_pid' }]);
      }
    });
  });

  it('commits with the transaction', async () => {
    await t.db.transaction(async (trx) => {
      await preparedQuery(trx, 'probe_insert', INSERT, [101, 'committed']);
    });
    expect(await preparedQuery(t.db, 'probe_by_id', BY_ID, { id: 101 })).toEqual([{ id: 101, label: 'committed' }]);
  });

  it('a failing statement rolls its transaction back and the name stays usable', async () => {
    await expect(t.db.transaction(async (trx) => {
      await preparedQuery(trx, 'probe_insert', INSERT, [102, 'first']);
      await preparedQuery(trx, 'probe_insert', INSERT, [102, 'duplicate']);
    })).rejects.toThrow(/duplicate key|unique/i);
    expect(await preparedQuery(t.db, 'probe_by_id', BY_ID, { id: 102 })).toEqual([]);
    expect(await preparedQuery(t.db, 'probe_insert', INSERT, [102, 'again'])).toEqual([{ id: 102, label: 'again' }]);
  });

  it('refuses one name for two texts', async () => {
    await expect(preparedQuery(t.db, 'probe_by_id', 'select 1 as one', [])).rejects.toThrow(/already used for another statement/);
  });
});

import { createTestDb, type TestDb } from '../test/helpers/testDb';
import knex from 'knex';
import { compiledSql, preparedQuery } from './preparedQuery';

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

  it('emits knex query events (BENCH_QUERIES, query counting tests), from a transaction to its parent too', async () => {
    const seen: string[] = [];
    const responses: unknown[] = [];
    const onQuery = (q: { sql: string; options?: { name?: string } }) => seen.push(`${q.options?.name}: ${q.sql}`);
    const onResponse = (r: unknown) => responses.push(r);
    t.db.on('query', onQuery).on('query-response', onResponse);
    try {
      await preparedQuery(t.db, 'probe_by_id', BY_ID, { id: 1 });
      await t.db.transaction((trx) => preparedQuery(trx, 'probe_by_id', BY_ID, { id: 2 }));
    } finally {
      t.db.removeListener('query', onQuery).removeListener('query-response', onResponse);
    }
    const probes = seen.filter((q) => q.startsWith('probe_by_id'));
    expect(probes).toEqual(['probe_by_id: select id, label from prepared_probe where id = $1', 'probe_by_id: select id, label from prepared_probe where id = $1']);
    expect(responses.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses an undefined binding and a statement on a finished transaction', async () => {
    await expect(preparedQuery(t.db, 'probe_by_id', BY_ID, { id: undefined as never })).rejects.toThrow(/undefined binding id/);
    await expect(preparedQuery(t.db, 'probe_insert', INSERT, [1])).rejects.toThrow(/expected 2 bindings|Expected 2 bindings/);
    let done: Parameters<Parameters<typeof t.db.transaction>[0]>[0] | undefined;
    await t.db.transaction(async (trx) => void (done = trx));
    await expect(preparedQuery(done!, 'probe_by_id', BY_ID, { id: 1 })).rejects.toThrow(/complete/);
  });

  // The compiled text is what knex would send (preparedQuery also checks this once per name on PostgreSQL).
  it.each([
    ['named, a key twice, casts and a time format', `select :a::text as x, CAST(:b AS int) as y, :a as z, to_char(now(), 'HH24:MI:SS') as t`, { a: 'one', b: 2 }],
    ['named, a key the bindings lack stays text', `select ':nope' as lit, :a as a`, { a: 1 }],
    ['positional, with an escaped question mark', `select ? as a, '\\?' as q, ? as b`, [1, 2]],
  ])('compiles %s as knex does', (_what, text, values) => {
    const pg = knex({ client: 'pg' });
    expect(compiledSql(text, values as never)).toBe(pg.raw(text, values as never).toSQL().toNative().sql);
  });
});


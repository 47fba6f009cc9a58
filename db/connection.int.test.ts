import net from 'node:net';
import { captureLog } from '../test/helpers/logCapture';
import { createDb } from './connection';
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

// Runs on both suites: it needs no database, only a port where none listens.
describe("knex's own messages", () => {
  it('go to the given logger as JSON lines, not to the console', async () => {
    const { lines, logger } = captureLog();
    const console = jest.spyOn(global.console, 'log');
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as net.AddressInfo;
    await new Promise<void>((resolve) => listener.close(() => resolve())); // nothing listens there now
    const db = createDb({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/none`, poolMax: 1 }, logger);
    try {
      await expect(db.raw('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'database client warning');
      expect(warnings).toEqual([expect.objectContaining({ level: 40, component: 'knex', detail: expect.stringMatching(/^Acquire connection error: .*ECONNREFUSED/) })]);
      expect(console).not.toHaveBeenCalled();
    } finally {
      console.mockRestore();
      await db.destroy();
    }
  });
});

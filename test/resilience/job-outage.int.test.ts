import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pino from 'pino';
import { createDb } from '../../db/connection';
import { createJobQueue, type JobQueue, type QueueDefinition } from '../../lti-tool/src/jobs/jobQueue';
import { databaseProxy, targetOf, viaProxy } from '../helpers/databaseProxy';
import { captureLog } from '../helpers/logCapture';
import { eventually } from '../helpers/eventually';

const pgUrl = process.env.DATABASE_URL;
// The outage needs a network database; PGlite runs inside the process and cannot go away on its own.
const onPostgres = pgUrl ? describe : describe.skip;

onPostgres('a job whose outcome cannot be recorded because the database went away', () => {
  const schema = `t_${randomBytes(6).toString('hex')}_jobs`;
  const proxy = databaseProxy(targetOf(pgUrl ?? 'postgres://127.0.0.1:5432'));
  const logs = captureLog();
  let db: Knex;
  let queue: JobQueue;

  beforeAll(async () => {
    await proxy.listen();
    db = createDb({ kind: 'postgres', url: viaProxy(pgUrl!, proxy), poolMax: 3 }, pino({ level: 'silent' }));
    queue = createJobQueue({ db, schema, logger: logs.logger, pollingIntervalSeconds: 0.5 });
  });

  afterAll(async () => {
    await queue?.stop();
    await db?.destroy();
    await proxy.close();
    const admin = createDb({ kind: 'postgres', url: pgUrl!, poolMax: 1 });
    await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await admin.destroy();
  });

  // pg-boss 10 records a batch's outcome without awaiting it: a rejected write there is an unhandled rejection,
  // which ends a Node process. The queue must keep the process alive and run the job again once it expires.
  it.each([
    ['finishes', false],
    ['fails', true],
  ])('a handler that %s while the database is down neither crashes the process nor loses the job', async (_what, throws) => {
    const q: QueueDefinition = { name: `outage-${throws ? 'fail' : 'done'}`, retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 2 };
    await queue.start([q]);
    const runs: number[] = [];
    let release: () => void = () => undefined;
    await queue.work(q.name, async () => {
      runs.push(Date.now());
      if (runs.length === 1) {
        await new Promise<void>((r) => (release = r));
        if (throws) throw new Error('the platform said no');
      }
    });
    await queue.send(q.name, { key: 'one' });
    await eventually(() => runs.length === 1, 10_000);

    await proxy.cut();
    release();
    await new Promise((r) => setTimeout(r, 1000)); // pg-boss's own un-awaited write fails in here
    await proxy.restore();

    // Still active in the database (its outcome was lost), so expiry hands it out again and the second run completes it.
    await eventually(async () => (await queue.counts(q.name).catch(() => ({} as Record<string, number>))).completed === 1, 20_000);
    expect(runs).toHaveLength(2);
    expect(logs.lines.some((l) => (JSON.parse(l) as { msg: string }).msg === 'job outcome not recorded; the job runs again when it expires')).toBe(true);
  });
});

import pino from 'pino';
import { createTestDb, type TestDb } from '../../../test/helpers/testDb';
import { createJobQueue, type JobQueue, type QueueDefinition } from './jobQueue';
import { eventually } from '../../../test/helpers/eventually';

const logger = pino({ level: 'silent' });
const QUEUE: QueueDefinition = { name: 'test-work', retryLimit: 3, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 30 };

describe('job queue on the tool database', () => {
  let t: TestDb;
  const queues: JobQueue[] = [];
  const newQueue = () => {
    const q = createJobQueue({ db: t.db, schema: t.jobSchema, logger, pollingIntervalSeconds: 0.5 });
    queues.push(q);
    return q;
  };
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.schema.createTable('job_effects', (tb) => {
      tb.string('job_key').notNullable();
      tb.integer('attempt').notNullable();
    });
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
  });
  afterAll(() => t.destroy());

  it('looks for work less often on a queue that asks for it, never more often than the queue setting', async () => {
    const queue = newQueue();
    const regular: QueueDefinition = { ...QUEUE, name: 'test-regular-poll' };
    const slow: QueueDefinition = { ...QUEUE, name: 'test-slow-poll' };
    const eager: QueueDefinition = { ...QUEUE, name: 'test-eager-poll' };
    await queue.start([regular, slow, eager]);
    await queue.work(regular.name, async () => undefined); // every 0.5 s, the queue setting
    await queue.work(slow.name, async () => undefined, { pollingSeconds: 30 });
    await queue.work(eager.name, async () => undefined, { pollingSeconds: 0.01 }); // held to 0.5 s
    await new Promise((r) => setTimeout(r, 500)); // past each worker's first look
    for (const q of [regular, slow, eager]) await queue.send(q.name, {});
    await eventually(async () => (await queue.counts(regular.name)).completed === 1 && (await queue.counts(eager.name)).completed === 1, 5_000);
    await new Promise((r) => setTimeout(r, 1500)); // three more looks at the queue setting
    expect(await queue.counts(slow.name)).toEqual({ created: 1 }); // waits for its next look, up to 30 s away
  });

  it('enqueues a job inside a transaction only when the transaction commits', async () => {
    const queue = newQueue();
    await queue.start([QUEUE]);
    await t.db.transaction(async (trx) => {
      await queue.send(QUEUE.name, { key: 'committed' }, { trx });
    });
    await t.db
      .transaction(async (trx) => {
        await queue.send(QUEUE.name, { key: 'rolled-back' }, { trx });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await queue.work<{ key: string }>(QUEUE.name, async (job) => {
      await t.db('job_effects').insert({ job_key: job.data.key, attempt: job.retryCount });
    });
    await eventually(async () => (await t.db('job_effects').where({ job_key: 'committed' })).length === 1);
    expect(await t.db('job_effects').where({ job_key: 'rolled-back' })).toEqual([]);
  });

  it('retries a failing job until it succeeds, recording the attempt number', async () => {
    const queue = newQueue();
    await queue.start([QUEUE]);
    await queue.send(QUEUE.name, { key: 'flaky' });
    await queue.work<{ key: string }>(QUEUE.name, async (job) => {
      await t.db('job_effects').insert({ job_key: job.data.key, attempt: job.retryCount });
      if (job.retryCount < 2) throw new Error('transient failure');
    });
    // Done when its third attempt succeeded (the queue's count would include other tests' jobs).
    await eventually(async () => (await t.db('job_effects').where({ job_key: 'flaky', attempt: 2 })).length === 1);
    const attempts = await t.db('job_effects').where({ job_key: 'flaky' }).orderBy('attempt').pluck('attempt');
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('keeps a queued job across a restart: a new queue instance runs it', async () => {
    const first = newQueue();
    await first.start([QUEUE]);
    await first.send(QUEUE.name, { key: 'survives-restart' });
    await first.stop();
    const second = newQueue();
    await second.start([QUEUE]);
    await second.work<{ key: string }>(QUEUE.name, async (job) => {
      await t.db('job_effects').insert({ job_key: job.data.key, attempt: job.retryCount });
    });
    await eventually(async () => (await t.db('job_effects').where({ job_key: 'survives-restart' })).length === 1);
  });

  it('a stately queue allows one queued job per singleton key', async () => {
    const queue = newQueue();
    const stately: QueueDefinition = { ...QUEUE, name: 'test-stately', policy: 'stately' };
    await queue.start([stately]);
    await t.db.transaction(async (trx) => {
      expect(await queue.send(stately.name, { key: 'one' }, { trx, singletonKey: 'context-1' })).not.toBeNull();
    });
    expect(await queue.send(stately.name, { key: 'two' }, { singletonKey: 'context-1' })).toBeNull();
    expect(await queue.send(stately.name, { key: 'three' }, { singletonKey: 'context-2' })).not.toBeNull();
  });

  it('two workers on one database run each job exactly once', async () => {
    const a = newQueue();
    const b = newQueue();
    await a.start([QUEUE]);
    await b.start([QUEUE]);
    for (let i = 0; i < 40; i++) await a.send(QUEUE.name, { key: `shared-${i}` });
    const handler = async (job: { data: { key: string }; retryCount: number }) => {
      await t.db('job_effects').insert({ job_key: job.data.key, attempt: job.retryCount });
    };
    await a.work(QUEUE.name, handler, { batchSize: 5 });
    await b.work(QUEUE.name, handler, { batchSize: 5 });
    await eventually(async () => (await t.db('job_effects').where('job_key', 'like', 'shared-%')).length >= 40);
    const rows = await t.db('job_effects').where('job_key', 'like', 'shared-%').select('job_key');
    expect(new Set(rows.map((r) => r.job_key)).size).toBe(40);
    expect(rows).toHaveLength(40);
  });
});

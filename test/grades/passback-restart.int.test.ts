import net from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { startTool } from '../../lti-tool/src/server';
import { createSandboxAgsStore } from '../../lti-tool/src/sandbox/sandbox.ags.store';
import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { launchAs } from '../helpers/ltiFlow';
import { createTestDb, type TestDb } from '../helpers/testDb';
import type { TestTool } from '../helpers/testTool';
import { enqueue, eventually, ids, injectFault, PASSBACK_TEST_ENV, score, settled } from './gradesFlow';

jest.setTimeout(180_000);

/** A free loopback port: both tool processes must serve the same URLs (the sandbox issuer and AGS URLs contain it). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A tool process on an existing database, as after a deploy or a crash-restart. */
async function startProcess(t: TestDb, port: number): Promise<TestTool> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOB_SCHEMA: t.jobSchema, JOB_POLLING_SECONDS: '0.5', ...PASSBACK_TEST_ENV, GRADE_RETRY_LIMIT: '6' });
  const running = await startTool({ config, db: t.db, logger: pino({ level: 'silent' }), ownsDb: false });
  return { ...running, config, stop: () => running.close() };
}

describe('grade passback across a restart of the tool', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.destroy());

  it('delivers every queued score after the restart, each once, newest wins, none lost', async () => {
    const port = await freePort();
    const first = await startProcess(t, port);
    const people = ['teacher-1', 'teacher-2', 'teacher-3'];
    for (const p of people) expect((await launchAs(first, p)).res.status).toBe(200);
    // The LMS is down while the scores are made: every post fails, the passbacks wait for their retries.
    await injectFault(first, { kind: '500', count: null });

    const base = Date.now() - 60_000;
    const inputs = [];
    const expected = new Map<string, number>(); // sub + column → the newest score
    for (const [i, p] of people.entries()) {
      const who = await ids(first, p);
      for (let c = 0; c < 4; c++) {
        const lineItem = { resourceId: `restart-competency-${c}`, label: `Competency ${c}`, scoreMaximum: 4 };
        // The newer score is enqueued first for some columns: order of enqueueing must not matter.
        const older = score(who, { lineItem, scoreGiven: 1, at: new Date(base + i * 1000 + c * 10_000) });
        const newer = score(who, { lineItem, scoreGiven: 3, at: new Date(base + i * 1000 + c * 10_000 + 5000) });
        inputs.push(...(c % 2 === 0 ? [older, newer] : [newer, older]));
        expected.set(`${findPersona(p)!.sub} ${lineItem.resourceId}`, 3);
      }
    }
    const passbackIds = await enqueue(first, ...inputs);
    await eventually(async () => {
      const rows = await t.db('score_passbacks').whereIn('id', passbackIds);
      return rows.every((r) => r.status !== 'pending' || r.attempts >= 1);
    });
    await first.close();

    const sandbox = createSandboxAgsStore(t.db);
    expect((await sandbox.scores({ contextId: 'demo-pl-cohort' })).filter((s) => s.outcome === 'accepted')).toEqual([]);
    expect(await t.db('score_passbacks').whereIn('id', passbackIds).where({ status: 'delivered' })).toEqual([]);
    await sandbox.clearFaults('demo-pl-cohort'); // the LMS is back

    const second = await startProcess(t, port);
    try {
      const rows = await settled(second, passbackIds, 120_000);
      expect(rows.filter((r) => r.status === 'delivered')).toHaveLength(12);
      expect(rows.filter((r) => r.status === 'superseded')).toHaveLength(12);
      expect(rows.filter((r) => r.status === 'delivered').every((r) => (r.payload as { score: { scoreGiven: number } }).score.scoreGiven === 3)).toBe(true);

      const received = await sandbox.scores({ contextId: 'demo-pl-cohort' });
      const items = await sandbox.listLineItems('demo-pl-cohort', { offset: 0, limit: 100 });
      expect(items).toHaveLength(4); // one column per competency, despite two processes and many attempts
      // Each (person, column) accepted exactly once, with the newest score. A post that timed out on a busy
      // machine but reached the LMS is sent again and refused (409) as a duplicate of the same timestamp.
      const accepted = received.filter((s) => s.outcome === 'accepted');
      const key = (s: { userId: string; lineItemId: number }) => `${s.userId} ${items.find((i) => i.id === s.lineItemId)!.resourceId}`;
      expect(accepted).toHaveLength(12);
      expect(new Map(accepted.map((s) => [key(s), s.scoreGiven]))).toEqual(expected);
      for (const refused of received.filter((s) => s.outcome !== 'accepted')) {
        expect(accepted).toContainEqual(expect.objectContaining({ userId: refused.userId, lineItemId: refused.lineItemId, timestamp: refused.timestamp, scoreGiven: refused.scoreGiven }));
      }
    } finally {
      await second.close();
    }
  });
});

import type { Persona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { score } from '../grades/gradesFlow';
import { call, type Who } from '../modules/moduleFlow';
import { startPlatformEmulator, type PlatformEmulator } from '../helpers/platformEmulator';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { emulatorLaunch, learner, registerEmulator, timedApi, waitFor } from './resilienceFlow';

jest.setTimeout(60_000);

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const admin: Persona = { ...learner(900), id: 'emu-admin', sub: 'emu-admin', name: 'Emu Admin', roles: ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator', `${M}Instructor`] };
const QUICK_MS = 1000;
/**
 * The delay is computed just before the retry's transaction and the job row dated at its start (now()): on a
 * busy machine the two differ by a little.
 */
const SLACK_MS = 300;
/** Retries start after 1 s and double (with up to 100 % jitter): attempt n waits [2^(n-1), 2^n] s. */
const ENV = {
  RATE_LIMIT_LTI_PER_MINUTE: '0',
  GRADE_RETRY_DELAY_SECONDS: '1',
  GRADE_RETRY_BACKOFF: 'on',
  GRADE_RETRY_LIMIT: '4',
  GRADE_HTTP_TIMEOUT_MS: '2000',
  ROSTER_SYNC_RETRY_DELAY_SECONDS: '1',
  ROSTER_SYNC_RETRY_LIMIT: '3',
  ROSTER_PAGE_TIMEOUT_SECONDS: '2',
};

/** A member as the emulated NRPS lists them. */
const nrpsMember = (p: Persona) => ({ user_id: p.sub, name: p.name, roles: p.roles, status: 'Active' });

describe('the platform’s token, NRPS and AGS endpoints down, slow (10 s) or answering garbage', () => {
  let tool: TestTool;
  let emu: PlatformEmulator;
  let boss: Who;
  let student: Who;

  beforeAll(async () => {
    tool = await startTestTool(ENV);
    emu = await startPlatformEmulator();
    await registerEmulator(tool, emu);
    emu.setMembers([nrpsMember(admin), nrpsMember(learner(1))]);
    const who = async (p: Persona) => {
      const l = await emulatorLaunch(tool, emu, p);
      if (l.res.status !== 200) throw new Error(`launch ${l.res.status}`);
      const me = (await call(tool, 'GET', '/api/me', { token: l.token!, userId: '', contextId: '' })).body;
      return { token: l.token!, userId: me.user.id as string, contextId: me.context.id as string };
    };
    boss = await who(admin);
    student = await who(learner(1));
    // The first launch queued the course's first roster sync: let it finish before faults are injected.
    await waitFor('first roster sync', async () => (await call(tool, 'GET', '/api/roster/syncs/latest', boss)).body?.sync?.status === 'succeeded', 20_000);
  });
  afterEach(() => emu.clearFaults());
  afterAll(async () => {
    await emu.stop();
    await tool.stop();
  });

  /** Enqueues one score the way features do (inside their transaction); returns the passback id. */
  async function enqueueScore(resourceId: string): Promise<string> {
    return tool.db.transaction(async (trx) => {
      const input = score({ contextId: student.contextId, userId: student.userId }, { lineItem: { resourceId, label: resourceId, scoreMaximum: 4 } });
      return (await tool.services.grades.service.enqueueScore(input, trx)).passbackId;
    });
  }

  /** The passback's jobs (one per attempt), oldest first, with the delay each waited before it could start. */
  async function jobsOf(passbackId: string): Promise<Array<{ state: string; delayMs: number }>> {
    const { rows } = await tool.db.raw(
      `SELECT state, extract(epoch FROM start_after - created_on) * 1000 AS delay_ms FROM ${tool.config.jobs.schema}.job
       WHERE name = 'grade-passback' AND data->>'passbackId' = ? ORDER BY created_on`,
      [passbackId],
    );
    return (rows as Array<{ state: string; delay_ms: string | number }>).map((r) => ({ state: r.state, delayMs: Number(r.delay_ms) }));
  }

  const delivered = (id: string) => waitFor('passback settled', async () => {
    const row = await tool.db('score_passbacks').where({ id }).first();
    return row.status !== 'pending' ? row : null;
  }, 40_000);

  it('retries a passback with growing delays while the token endpoint is down, then answers garbage, and delivers it once', async () => {
    emu.fault('token', 'down', { times: 1 });
    emu.fault('token', 'garbage', { times: 1 });
    const id = await enqueueScore('token-outage');
    const row = await delivered(id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 3 });
    const jobs = await jobsOf(id);
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
    // First attempt at once; retries after [1, 2] s and [2, 4] s (exponential backoff with jitter).
    expect(jobs[0]!.delayMs).toBeLessThan(100);
    expect(jobs[1]!.delayMs).toBeGreaterThanOrEqual(1000 - SLACK_MS);
    expect(jobs[1]!.delayMs).toBeLessThanOrEqual(2000 + SLACK_MS);
    expect(jobs[2]!.delayMs).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(jobs[2]!.delayMs).toBeLessThanOrEqual(4000 + SLACK_MS);
    expect(emu.received('token').map((r) => r.fault)).toEqual(expect.arrayContaining(['down', 'garbage', null]));
    expect(emu.scores().filter((s) => s.lineItem.endsWith(`/${emu.lineItems().find((i) => i.resourceId === 'token-outage')!.id}`))).toHaveLength(1);
  });

  it('retries AGS calls that time out (10 s answer, 2 s limit), answer 503 or garbage; the API answers within a second meanwhile', async () => {
    emu.fault('ags', 'slow', { times: 1 });
    emu.fault('ags', 'error', { times: 1 });
    emu.fault('ags', 'garbage', { times: 1 });
    const id = await enqueueScore('ags-outage');
    await waitFor('the slow AGS call started', async () => emu.received('ags').some((r) => r.fault === 'slow'), 10_000, 50);
    const during = await Promise.all(Array.from({ length: 5 }, () => timedApi(tool, boss.token)));
    expect(during.every((c) => c.status === 200 && c.ms < QUICK_MS)).toBe(true);
    const row = await delivered(id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 4 });
    const delays = (await jobsOf(id)).map((j) => j.delayMs);
    expect(delays).toHaveLength(4);
    for (const [n, d] of delays.slice(1).entries()) {
      expect(d).toBeGreaterThanOrEqual(1000 * 2 ** n - SLACK_MS);
      expect(d).toBeLessThanOrEqual(2000 * 2 ** n + SLACK_MS);
    }
    const item = emu.lineItems().filter((i) => i.resourceId === 'ags-outage');
    expect(item).toHaveLength(1);
    expect(emu.scores().filter((s) => s.lineItem.endsWith(`/${item[0]!.id}`))).toHaveLength(1);
  });

  it('retries a roster sync with growing delays while NRPS is down, then slow (10 s answer, 2 s limit), then succeeds', async () => {
    emu.setMembers([nrpsMember(admin), nrpsMember(learner(1)), nrpsMember(learner(2))]);
    emu.fault('nrps', 'down', { times: 1 });
    emu.fault('nrps', 'slow', { times: 1 });
    const before = emu.received('nrps').length;
    const started = await call(tool, 'POST', '/api/roster/sync', boss);
    expect(started.status).toBe(202);
    const during = await timedApi(tool, boss.token);
    expect(during.ms).toBeLessThan(QUICK_MS);
    const sync = await waitFor('roster sync finished', async () => {
      const s = (await call(tool, 'GET', '/api/roster/syncs/latest', boss)).body.sync;
      return s.status === 'succeeded' || s.status === 'failed' ? s : null;
    }, 30_000);
    expect(sync).toMatchObject({ status: 'succeeded', attempts: 3, changes: { added: 1 } });
    // Attempts start after [1, 2] s, then (after the 2 s page timeout) [2, 4] s.
    const at = emu.received('nrps').slice(before).map((r) => r.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
    expect(at[1]! - at[0]!).toBeLessThanOrEqual(2000 + 1500);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2000 + 1950);
    expect(at[2]! - at[1]!).toBeLessThanOrEqual(2000 + 4000 + 1500);
    const { rows } = await tool.db.raw(`SELECT retry_count, state FROM ${tool.config.jobs.schema}.job WHERE name = 'roster-sync' AND data->>'syncId' = ?`, [sync.id]);
    expect(rows).toEqual([{ retry_count: 2, state: 'completed' }]);
  });
});

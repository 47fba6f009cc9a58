import type { Knex } from 'knex';
import { DEMO_CONTEXT } from '../../lti-tool/src/sandbox/sandbox.personas';
import { call, type Who } from '../modules/moduleFlow';
import { freePort, startToolProcess, type ToolProcess } from '../helpers/toolProcess';
import { api } from '../helpers/ltiFlow';
import { at, createProcessDb, gradedCohort, httpLaunch, processEnv, rate, waitFor, type ProcessDb } from './resilienceFlow';

jest.setTimeout(60_000);

// Two processes on one database need a database server: PGlite's files are opened by one process only.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const COMPETENCIES = 5;
const TEACHERS = ['teacher-1', 'teacher-2', 'teacher-3'];

onPostgres('two tool processes on one PostgreSQL database behind one public URL (PostgreSQL only: PGlite files belong to one process)', () => {
  let db: ProcessDb;
  let conn: Knex;
  let a: ToolProcess;
  let b: ToolProcess;
  let publicUrl: string;
  let admin: Who;

  /** The session of a persona whose login went to `loginAt` and whose launch went to `launchAt`. */
  async function session(persona: string, loginAt: string, launchAt: string): Promise<Who> {
    const l = await httpLaunch({ publicUrl, loginAt, launchAt, persona });
    if (l.res.status !== 200 || !l.token) throw new Error(`launch of ${persona}: ${l.res.status}`);
    const me = (await call(at(launchAt), 'GET', '/api/me', { token: l.token, userId: '', contextId: '' })).body;
    return { token: l.token, userId: me.user.id, contextId: me.context.id };
  }

  beforeAll(async () => {
    db = await createProcessDb('resil_two');
    const [portA, portB] = [await freePort(), await freePort()];
    // Both serve the same public URL (as behind a load balancer); it reaches A, where the sandbox LMS answers.
    publicUrl = `http://127.0.0.1:${portA}`;
    const shared = { GRADE_RETRY_DELAY_SECONDS: '1', GRADE_HTTP_TIMEOUT_MS: '4000', PUBLIC_URL: publicUrl };
    // Started together on an empty database, as in a first deploy: both migrate, rotate keys and declare their
    // queues at the same moment. The sandbox LMS runs in A only (it is one platform, reached at the public URL).
    [a, b] = await Promise.all([startToolProcess(processEnv(portA, db, shared)), startToolProcess(processEnv(portB, db, { ...shared, SANDBOX: 'off' }))]);
    a.url = `http://127.0.0.1:${portA}`;
    b.url = `http://127.0.0.1:${portB}`;
    conn = db.open();
    admin = await session('admin', a.url, b.url);
  });
  afterAll(async () => {
    await conn?.destroy();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('both came up although they started together (each answers /readyz 200)', async () => {
    expect([(await fetch(`${a.url}/readyz`)).status, (await fetch(`${b.url}/readyz`)).status]).toEqual([200, 200]);
  });

  it('consumes on B a login state created on A; the session works on both; replaying the launch on A is refused (4xx)', async () => {
    const l = await httpLaunch({ publicUrl, loginAt: a.url, launchAt: b.url, persona: 'lead' });
    expect(l.res.status).toBe(200);
    const [onA, onB] = [await api(at(a.url), '/api/me', l.token), await api(at(b.url), '/api/me', l.token)];
    expect([onA.status, onB.status]).toEqual([200, 200]);
    expect((await onA.json()).user).toEqual((await onB.json()).user);
    const replay = await l.replayAt(a.url);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
  });

  it('runs a roster sync requested on A exactly once across both processes (one job, no retry, one attempt)', async () => {
    const started = await call(at(a.url), 'POST', '/api/roster/sync', admin);
    expect(started.status).toBe(202);
    const syncId = started.body.sync.id as string;
    const done = await waitFor('roster sync', async () => {
      const s = (await call(at(b.url), 'GET', '/api/roster/syncs/latest', admin)).body.sync;
      return s.id === syncId && s.status === 'succeeded' ? s : null;
    }, 30_000);
    expect(done.attempts).toBe(1);
    const jobs = await conn.raw(`SELECT state, retry_count FROM pgboss.job WHERE name = 'roster-sync' AND data->>'syncId' = ?`, [syncId]);
    expect(jobs.rows).toEqual([{ state: 'completed', retry_count: 0 }]);
  });

  it('delivers every passback of ratings made on both processes exactly once (one job each, one score each at the LMS)', async () => {
    const lead = await session('lead', b.url, a.url);
    const teachers = [];
    for (const [i, t] of TEACHERS.entries()) teachers.push(await session(t, i % 2 ? a.url : b.url, i % 2 ? b.url : a.url));
    const { cohortId, competencyIds } = await gradedCohort(at(a.url), conn, admin, COMPETENCIES, 0);
    const ratings = teachers.flatMap((t, i) => competencyIds.map((c, j) => rate((i + j) % 2 ? a.url : b.url, lead, cohortId, t.userId, c, 'Proficient')));
    expect((await Promise.all(ratings)).map((r) => r.status)).toEqual(Array(TEACHERS.length * COMPETENCIES).fill(201));

    const rows = await waitFor('passbacks delivered', async () => {
      const r = await conn('score_passbacks').where({ context_id: admin.contextId }).select('id', 'status', 'attempts');
      return r.length === TEACHERS.length * COMPETENCIES && r.every((p) => p.status !== 'pending') ? r : null;
    }, 40_000);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(rows.length).fill(['delivered', 1]));
    const jobs = await conn.raw(`SELECT data->>'passbackId' AS id, state, retry_count FROM pgboss.job WHERE name = 'grade-passback'`);
    expect(jobs.rows).toHaveLength(rows.length);
    expect(new Set(jobs.rows.map((j: { id: string }) => j.id))).toEqual(new Set(rows.map((r) => r.id)));
    expect(jobs.rows.every((j: { state: string; retry_count: number }) => j.state === 'completed' && j.retry_count === 0)).toBe(true);

    const items = await conn('sandbox_ags_line_items').where({ context_id: DEMO_CONTEXT.id }).whereLike('resource_id', `staffroom-competency:${cohortId}:%`).pluck('id');
    expect(items).toHaveLength(COMPETENCIES); // one column per competency, though both processes created columns
    const received = await conn('sandbox_ags_scores').whereIn('line_item_id', items).select('user_id', 'line_item_id', 'outcome');
    expect(received).toHaveLength(rows.length);
    expect(received.every((s) => s.outcome === 'accepted')).toBe(true);
    expect(new Set(received.map((s) => `${s.user_id} ${s.line_item_id}`)).size).toBe(rows.length);
  });
});

import { DEMO_CONTEXT } from '../../lti-tool/src/sandbox/sandbox.personas';
import type { Who } from '../modules/moduleFlow';
import { freePort, startToolProcess, type ToolProcess } from '../helpers/toolProcess';
import { createProcessDb, demoLaunch, gradedCohort, learner, processEnv, startInProcess, waitFor, type ProcessDb } from './resilienceFlow';

// Two process start-ups and the 33 s passback lease a killed attempt holds: about a minute on PostgreSQL, more on PGlite.
jest.setTimeout(180_000);

const LEARNERS = 20;
const COMPETENCIES = 5;
const STEPS = 5;
const LEVELS = ['Beginning', 'Developing', 'Proficient', 'Exemplary'];
const POINTS: Record<string, number> = { Beginning: 1, Developing: 2, Proficient: 3, Exemplary: 4 };

/**
 * Short call timeout: a passback attempt cut by the kill holds its lease for ceil(6 × timeout) + 30 s
 * (33 s here) before the restarted process may post it again; retries start after 1 s.
 */
const PASSBACK_ENV = { GRADE_HTTP_TIMEOUT_MS: '500', GRADE_RETRY_DELAY_SECONDS: '1', GRADE_RETRY_LIMIT: '6', GRADE_WORKERS: '1', GRADE_BATCH_SIZE: '10' };

/** One of the 200 requests fired at once, and what the client got back. */
interface Shot {
  kind: 'rating' | 'response';
  learner: number;
  index: number;
  status: number | 'cut';
  body: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('kill -9 of the tool process during 200 concurrent step responses and rated competencies (passed back to the LMS)', () => {
  let db: ProcessDb;
  let env: Record<string, string>;
  let proc: ToolProcess | null = null;
  let admin: Who;
  let lead: Who;
  let learners: Who[];
  let cohortId: string;
  let competencyIds: string[];
  let moduleId: string;
  let stepIds: string[];

  beforeAll(async () => {
    db = await createProcessDb('resil_kill');
    env = processEnv(await freePort(), db, PASSBACK_ENV);
    // Setup runs in this process (it needs the sandbox's signing key); the kill is of a separate process.
    const tool = await startInProcess(env);
    try {
      admin = await demoLaunch(tool, 'admin');
      lead = await demoLaunch(tool, 'lead');
      learners = [];
      for (let i = 0; i < LEARNERS; i++) learners.push(await demoLaunch(tool, learner(i)));
      ({ cohortId, competencyIds, moduleId, stepIds } = await gradedCohort(tool, tool.db, admin, COMPETENCIES, STEPS));
    } finally {
      await tool.stop();
    }
  });

  afterAll(async () => {
    await proc?.stop();
    await db?.drop();
  });

  /** Fires one request at the process; a connection cut by the kill is 'cut'. */
  async function fire(url: string, s: Omit<Shot, 'status' | 'body'>): Promise<Shot> {
    const who = s.kind === 'rating' ? lead : learners[s.learner]!;
    const [path, body] =
      s.kind === 'rating'
        ? [`/api/cohorts/${cohortId}/people/${learners[s.learner]!.userId}/competencies/${competencyIds[s.index]}/ratings`, { level: LEVELS[(s.learner + s.index) % 4], comment: `crash ${s.learner}/${s.index}`, evidenceIds: [] }]
        : [`/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepIds[s.index]}/response`, { body: { text: `Response ${s.learner}/${s.index}` }, visibility: 'private', revision: 0 }];
    try {
      const res = await fetch(`${url}${path}`, { method: s.kind === 'rating' ? 'POST' : 'PUT', headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      return { ...s, status: res.status, body: text.startsWith('{') ? JSON.parse(text) : null };
    } catch {
      return { ...s, status: 'cut', body: null };
    }
  }

  it('keeps every answered write, loses no queued passback and delivers each one exactly once after the restart', async () => {
    proc = await startToolProcess(env);
    const plan: Array<Omit<Shot, 'status' | 'body'>> = [];
    for (let l = 0; l < LEARNERS; l++) {
      for (let i = 0; i < COMPETENCIES; i++) plan.push({ kind: 'rating', learner: l, index: i });
      for (let i = 0; i < STEPS; i++) plan.push({ kind: 'response', learner: l, index: i });
    }
    expect(plan).toHaveLength(200);

    // All 200 at once; the process dies once a third of them have been answered (passbacks are then in flight).
    let answered = 0;
    const victim = proc;
    let killed: Promise<void> | null = null;
    const shots = await Promise.all(
      plan.map(async (p) => {
        const shot = await fire(victim.url, p);
        if (typeof shot.status === 'number' && ++answered === 70) killed = victim.kill9();
        return shot;
      }),
    );
    if (!killed) killed = victim.kill9(); // the box was fast enough to answer everything first
    await killed;
    const ok = shots.filter((s) => s.status === 200 || s.status === 201);
    expect(shots.filter((s) => typeof s.status === 'number' && s.status >= 300)).toEqual([]); // cut, or answered 2xx: nothing else
    expect(ok.length).toBeGreaterThanOrEqual(70);
    expect(shots.filter((s) => s.status === 'cut').length).toBeGreaterThan(0); // the kill landed mid-load

    proc = await startToolProcess(env);
    // The admin's view of passbacks (GET /api/grades/failures) works on PGlite too, where the files are the process's alone.
    const counts = await waitFor(
      'every passback settled after the restart',
      async () => {
        const res = await fetch(`${proc!.url}/api/grades/failures`, { headers: { authorization: `Bearer ${admin.token}` } });
        const c = (await res.json()).counts as Record<string, number>;
        return c.pending === 0 ? c : null;
      },
      75_000,
      500,
    );
    expect(counts.failed).toBe(0);
    await proc.stop();
    proc = null;

    const conn = db.open();
    try {
      // Every write that was answered 2xx is in the database.
      const ratings = await conn('competency_ratings').where({ cohort_id: cohortId }).select('id', 'user_id', 'competency_id', 'level_label', 'points');
      const responses = await conn('step_responses').where({ cohort_id: cohortId }).select('id', 'user_id', 'step_id', 'body');
      for (const s of ok) {
        if (s.kind === 'rating') expect(ratings.map((r) => r.id)).toContain(s.body!.rating.id);
        else expect(responses).toContainEqual(expect.objectContaining({ user_id: learners[s.learner]!.userId, step_id: stepIds[s.index] }));
      }
      // Nothing twice: at most one row per (person, competency) and per (person, step).
      expect(new Set(ratings.map((r) => `${r.user_id} ${r.competency_id}`)).size).toBe(ratings.length);
      expect(new Set(responses.map((r) => `${r.user_id} ${r.step_id}`)).size).toBe(responses.length);

      // Each rating that committed has exactly its passback (same transaction), and each passback reached the LMS.
      const passbacks = await conn('score_passbacks').where({ context_id: admin.contextId }).select('id', 'user_id', 'resource_id', 'status', 'payload', 'scored_at', 'sent_timestamp');
      expect(passbacks).toHaveLength(ratings.length);
      const byKey = new Map(passbacks.map((p) => [`${p.user_id} ${p.resource_id}`, p]));
      for (const r of ratings) {
        const p = byKey.get(`${r.user_id} staffroom-competency:${cohortId}:${r.competency_id}`);
        expect(p).toBeDefined();
        expect(p!.payload.score.scoreGiven).toBe(POINTS[r.level_label as string]);
      }
      // 'superseded' only when a post of the killed process reached the LMS but was not recorded (the LMS answers 409 to the re-post).
      expect(passbacks.filter((p) => !['delivered', 'superseded'].includes(p.status))).toEqual([]);

      // Counted at the receiver: per person and column exactly one accepted score, with the passback's value and
      // timestamp; anything else the LMS saw is a re-post of that same score (same timestamp), refused as such.
      const items = await conn('sandbox_ags_line_items').where({ context_id: DEMO_CONTEXT.id }).select('id', 'resource_id');
      expect(items).toHaveLength(COMPETENCIES);
      const received = await conn('sandbox_ags_scores').whereIn('line_item_id', items.map((i) => i.id)).select('line_item_id', 'user_id', 'score_given', 'timestamp', 'outcome');
      const accepted = received.filter((s) => s.outcome === 'accepted');
      expect(accepted).toHaveLength(passbacks.length);
      const subs = new Map(learners.map((l, i) => [l.userId, learner(i).sub]));
      const resourceOf = new Map(items.map((i) => [i.id, i.resource_id]));
      const acceptedByKey = new Map(accepted.map((s) => [`${s.user_id} ${resourceOf.get(s.line_item_id)}`, s]));
      expect(acceptedByKey.size).toBe(accepted.length);
      for (const p of passbacks) {
        const s = acceptedByKey.get(`${subs.get(p.user_id)} ${p.resource_id}`);
        expect(s).toBeDefined();
        expect(Number(s!.score_given)).toBe(p.payload.score.scoreGiven);
        expect(new Date(s!.timestamp).getTime()).toBe(new Date(p.scored_at).getTime());
      }
      for (const r of received.filter((s) => s.outcome !== 'accepted')) {
        expect(accepted).toContainEqual(expect.objectContaining({ line_item_id: r.line_item_id, user_id: r.user_id, timestamp: r.timestamp, score_given: r.score_given }));
      }
    } finally {
      await conn.destroy();
    }
  });
});

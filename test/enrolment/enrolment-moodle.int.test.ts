import pino from 'pino';
import { SYNC_ENROLMENT_LIMIT, lmsAdapter } from '../../lti-tool/src/enrolment/enrolment.module';
import { createRunService } from '../../lti-tool/src/enrolment/runs.service';
import { createRunsStore } from '../../lti-tool/src/enrolment/runs.store';
import type { SessionIdentity } from '../../lti-tool/src/lti/session';
import { startMoodleEmulator, type MoodleEmulator } from '../emulators/moodleWs';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { eventually, expectError, jsonCall, launchInCourse, postCsv } from './enrolmentFlow';

const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const COURSE = 7;
const csv = (...rows: string[]) => ['name,email,school,role', ...rows].join('\n');

describe('enrolment runs into a Moodle course, and large lists through the job queue', () => {
  let tool: TestTool;
  let moodle: MoodleEmulator;
  let admin: string;
  const rolesOf = (email: string) => {
    const user = moodle.state.users.find((u) => u.email.toLowerCase() === email);
    return moodle.enrolledIn(COURSE).filter((e) => e.userId === user?.id).map((e) => e.roleId);
  };

  beforeAll(async () => {
    tool = await startTestTool();
    moodle = await startMoodleEmulator({ token: TOKEN });
    moodle.addCourse(COURSE);
    moodle.addUser({ username: 'sokafor', firstname: 'Sam', lastname: 'Okafor', email: 'sam.okafor@example.edu' });
    moodle.addUser({ username: 'praman', firstname: 'Priya', lastname: 'Raman', email: 'priya.raman@example.edu' });
    moodle.addUser({ username: 'refused', firstname: 'Re', lastname: 'Fused', email: 'refused@district.org' });
    // Moodle puts the course id in the LTI context id: no custom parameter needed.
    admin = await launchInCourse(tool, { contextId: String(COURSE) });
    const saved = await jsonCall(tool, 'PUT', '/api/enrolment/connection', admin, { kind: 'moodle', baseUrl: moodle.url, token: TOKEN, allowCreateUsers: true });
    expect(saved.status).toBe(200);
  }, 120_000); // a PGlite tool start is slow on a busy machine
  afterAll(async () => {
    await moodle.stop();
    await tool.stop();
  });

  it('addresses the course by its numeric LTI context id', async () => {
    const preview = await (await postCsv(tool, '/api/enrolment/preview', admin, csv('Sam Okafor,sam.okafor@example.edu,,'))).json();
    expect(preview).toMatchObject({ ready: true, target: { lmsKind: 'moodle', lmsCourseId: '7' } });
  });

  it('enrols students (role 5), leads (role 3) and creates a missing account; a refused enrolment is reported, not a crash', async () => {
    moodle.faults.failEnrolmentOf('refused@district.org');
    const res = await postCsv(
      tool,
      '/api/enrolment/runs',
      admin,
      csv('Sam Okafor,sam.okafor@example.edu,Riverside,', 'Priya Raman,priya.raman@example.edu,Hillcrest,lead', 'Ana María Pérez,ana.perez@district.org,Hillcrest,teacher', 'Re Fused,refused@district.org,,'),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.run).toMatchObject({ status: 'completed', lms: { kind: 'moodle', courseId: '7' }, counts: { enrolled: 2, created_and_enrolled: 1, failed: 1 } });
    expect(body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['enrolled', 'enrolled', 'created_and_enrolled', 'failed']);
    expect(body.items[3].message).toContain('Manual enrolment plugin instance');
    expect(rolesOf('sam.okafor@example.edu')).toEqual([5]);
    expect(rolesOf('priya.raman@example.edu')).toEqual([3]);
    expect(moodle.state.users.find((u) => u.email === 'ana.perez@district.org')).toMatchObject({ username: 'ana.perez@district.org', firstname: 'Ana María', lastname: 'Pérez', auth: 'manual' });
  });

  it('a second run creates no second account and enrols nobody twice', async () => {
    moodle.faults.clear();
    const body = await (await postCsv(tool, '/api/enrolment/runs', admin, csv('Sam Okafor,sam.okafor@example.edu,,', 'Ana María Pérez,ana.perez@district.org,,', 'Re Fused,refused@district.org,,'))).json();
    expect(body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['already_enrolled', 'already_enrolled', 'enrolled']);
    expect(moodle.state.users.filter((u) => u.email === 'ana.perez@district.org')).toHaveLength(1);
    expect(moodle.enrolledIn(COURSE)).toHaveLength(4);
  });

  it('answers 409 lms_course_unknown for a course whose Moodle id Staffroom cannot tell, and the preview says it is not ready', async () => {
    const elsewhere = await launchInCourse(tool); // the sandbox course id "demo-pl-cohort" is not a Moodle course id
    const preview = await (await postCsv(tool, '/api/enrolment/preview', elsewhere, csv('Sam Okafor,sam.okafor@example.edu,,'))).json();
    expect(preview).toMatchObject({ ready: false, target: null });
    const error = await expectError(await postCsv(tool, '/api/enrolment/runs', elsewhere, csv('Sam Okafor,sam.okafor@example.edu,,')), 409, 'lms_course_unknown');
    expect(error.message).toContain('lms_course_id');
  });

  it(`a list of more than ${SYNC_ENROLMENT_LIMIT} people answers 202 and is enrolled by the background job, with progress in the run`, async () => {
    const rows = Array.from({ length: SYNC_ENROLMENT_LIMIT + 1 }, (_, i) => `Bulk Teacher ${i},bulk${i}@district.org,School ${i % 3},teacher`);
    const res = await postCsv(tool, '/api/enrolment/runs', admin, csv(...rows));
    expect(res.status).toBe(202);
    const started = await res.json();
    expect(started).toMatchObject({ run: { mode: 'background', status: 'queued', total: SYNC_ENROLMENT_LIMIT + 1 }, items: null });
    expect(res.headers.get('location')).toBe(`/api/enrolment/runs/${started.run.id}`);

    const done = await eventually(async () => {
      const report = await (await jsonCall(tool, 'GET', `/api/enrolment/runs/${started.run.id}?limit=1`, admin)).json();
      return report.run.status === 'completed' ? report.run : null;
    }, 180_000);
    expect(done).toMatchObject({ processed: SYNC_ENROLMENT_LIMIT + 1, counts: { created_and_enrolled: SYNC_ENROLMENT_LIMIT + 1, pending: 0, failed: 0 }, startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(moodle.enrolledIn(COURSE)).toHaveLength(4 + SYNC_ENROLMENT_LIMIT + 1);
  }, 240_000);

  it('a run that outlasts the request’s time budget is handed to the background job, which finishes it', async () => {
    const e = tool.services.enrolment;
    // The same service the tool uses, but with no time to spare within the request.
    const runs = createRunService({ db: tool.db, runs: createRunsStore(tool.db), people: e.people, connections: e.connections, adapters: lmsAdapter, logger: pino({ level: 'silent' }), syncLimit: SYNC_ENROLMENT_LIMIT, syncBudgetMs: 0 });
    const ctx = (await e.people.sessionContext((await tool.services.sessionTokens.verify(admin)) as SessionIdentity))!;
    const started = await runs.start(ctx, { csv: csv('Late Comer,late.comer@district.org,,', 'Later Still,later.still@district.org,,') }, e.enqueue);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    expect(started.value).toMatchObject({ run: { mode: 'background', status: 'queued', processed: 0 }, items: null });
    const done = await eventually(async () => {
      const report = await (await jsonCall(tool, 'GET', `/api/enrolment/runs/${started.value.run.id}`, admin)).json();
      return report.run.status === 'completed' ? report : null;
    }, 120_000);
    expect(done.items.map((i: { outcome: string }) => i.outcome)).toEqual(['created_and_enrolled', 'created_and_enrolled']);
  }, 180_000);
});

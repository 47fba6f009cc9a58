import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startCanvasEmulator, type CanvasEmulator } from '../emulators/canvasApi';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { expectError, jsonCall, launchInCourse, postCsv, registerOtherLms } from './enrolmentFlow';

const TOKEN = '7~runsTestCanvasToken0123456789abcdefABCD';
const COURSE = 4242;
const csv = (...rows: string[]) => ['name,email,school,role', ...rows].join('\n');
const STAFF = csv(
  'Sam Okafor,sam.okafor@example.edu,Riverside Primary,teacher',
  'Priya Raman,Priya.Raman@example.edu,Hillcrest Secondary,Lead',
  'Nobody Known,nobody@district.org,Riverside Primary,',
  'Broken Account,broken@district.org,Riverside Primary,teacher',
  'Lena Fischer,lena.fischer@example.edu,Hillcrest Secondary,teacher',
);
type Item = { row: number | null; email: string; outcome: string; message: string | null; school: string | null; role: string };
const outcomes = (items: Item[]) => Object.fromEntries(items.map((i) => [i.email.toLowerCase(), i.outcome]));

describe('enrolment runs into a Canvas course (/api/enrolment/preview and /runs)', () => {
  let tool: TestTool;
  let canvas: CanvasEmulator;
  let admin: string;
  let firstRunId: string;
  const membershipSchool = async (sub: string) =>
    (await tool.db('memberships as m').join('users as u', 'u.id', 'm.user_id').join('contexts as c', 'c.id', 'm.context_id').where({ 'u.sub': sub, 'c.lti_context_id': 'demo-pl-cohort' }).first('m.school'))?.school;

  beforeAll(async () => {
    tool = await startTestTool();
    canvas = await startCanvasEmulator({ token: TOKEN });
    canvas.addCourse(COURSE, 'opaque-canvas-context');
    for (const [name, email] of [['Sam Okafor', 'sam.okafor@example.edu'], ['Priya Raman', 'priya.raman@example.edu'], ['Lena Fischer', 'lena.fischer@example.edu'], ['Broken Account', 'broken@district.org'], ['Tomás Rivera', 'tomas.rivera@example.edu']]) {
      canvas.addUser({ name: name!, email: email!, loginId: email! });
    }
    // The developer key's custom field canvas_course_id=$Canvas.course.id arrives with the launch.
    admin = await launchInCourse(tool, { custom: { canvas_course_id: String(COURSE) } });
    await launchInCourse(tool, { persona: 'teacher-1' });
    expect((await jsonCall(tool, 'PUT', '/api/enrolment/connection', admin, { kind: 'canvas', baseUrl: canvas.url, token: TOKEN })).status).toBe(200);
  }, 120_000); // a PGlite tool start is slow on a busy machine
  afterAll(async () => {
    await canvas.stop();
    await tool.stop();
  });

  it('remembers the canvas_course_id a launch sends as the course’s LMS id', async () => {
    expect((await (await jsonCall(tool, 'GET', '/api/enrolment/connection', admin)).json()).course).toEqual({ lmsCourseId: '4242', ltiContextId: 'demo-pl-cohort' });
  });

  describe('preview', () => {
    it('answers a CSV with problems with 200 and the per-row report, writing nothing and calling no LMS', async () => {
      const before = canvas.state.requests.length;
      const res = await postCsv(tool, '/api/enrolment/preview', admin, csv('Sam Okafor,sam.okafor@example.edu,Riverside,teacher', ',x@district.org,,', 'Bad,not-an-email,,', 'Odd,odd@district.org,,principal', 'Sam Again,SAM.OKAFOR@example.edu,,'));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ ready: false, counts: { people: 1, problems: 4 }, target: { lmsKind: 'canvas', lmsCourseId: '4242' } });
      expect(body.problems.map((p: { row: number; field: string; problem: string }) => [p.row, p.field, p.problem])).toEqual([
        [3, 'name', 'missing_name'], [4, 'email', 'invalid_email'], [5, 'role', 'unknown_role'], [6, 'email', 'duplicate_email'],
      ]);
      expect(await tool.db('enrolment_runs').count({ n: '*' }).first()).toEqual({ n: 0 });
      expect(canvas.state.requests.length).toBe(before);
    });

    it('accepts the CSV inside JSON and reports it ready', async () => {
      const res = await jsonCall(tool, 'POST', '/api/enrolment/preview', admin, { csv: STAFF });
      expect(await res.json()).toMatchObject({ ready: true, counts: { people: 5, problems: 0 }, people: expect.arrayContaining([{ row: 3, name: 'Priya Raman', email: 'Priya.Raman@example.edu', school: 'Hillcrest Secondary', role: 'lead' }]) });
    });

    it.each([
      ['a file over 1 MB', 413, 'staff_list_too_large', () => csv(`A,a@b.org,${'x'.repeat(1024 * 1024)},`)],
      ['a header without email', 422, 'csv_header_invalid', () => 'name,school\nA,B'],
      ['only a header', 422, 'staff_list_empty', () => csv()],
    ])('answers %s with %i %s', async (_what, status, id, body) => {
      await expectError(await postCsv(tool, '/api/enrolment/preview', admin, body()), status, id);
    });

    it('answers another content type with 415 and a JSON body with both csv and userIds with 400', async () => {
      await expectError(await jsonCall(tool, 'POST', '/api/enrolment/preview', admin, undefined), 415, 'unsupported_media_type');
      await expectError(await jsonCall(tool, 'POST', '/api/enrolment/preview', admin, { csv: STAFF, userIds: [randomUUID()] }), 400, 'validation_failed');
    });
  });

  describe('runs', () => {
    it('refuses a list with a problem row with 422 staff_list_invalid, enrolling nobody', async () => {
      const error = await expectError(await postCsv(tool, '/api/enrolment/runs', admin, csv('Sam Okafor,sam.okafor@example.edu,,', 'No Email,,,')), 422, 'staff_list_invalid');
      expect(error.details).toEqual({ problems: [expect.objectContaining({ row: 3, field: 'email', problem: 'missing_email' })] });
      expect(await tool.db('enrolment_runs').count({ n: '*' }).first()).toEqual({ n: 0 });
      expect(canvas.enrolledIn(COURSE)).toEqual([]);
    });

    it('a partial failure answers 200 with who was and was not enrolled, and stores the school of members', async () => {
      canvas.faults.failEnrolmentOf('broken@district.org', 500);
      const res = await postCsv(tool, '/api/enrolment/runs', admin, STAFF);
      expect(res.status).toBe(200);
      const body = await res.json();
      firstRunId = body.run.id;
      expect(body.run).toMatchObject({
        status: 'completed', mode: 'sync', source: 'csv', lms: { kind: 'canvas', courseId: '4242' }, total: 5, processed: 5,
        counts: { enrolled: 3, created_and_enrolled: 0, already_enrolled: 0, not_found: 1, failed: 1, pending: 0 }, error: null,
      });
      expect(outcomes(body.items)).toEqual({
        'sam.okafor@example.edu': 'enrolled', 'priya.raman@example.edu': 'enrolled', 'nobody@district.org': 'not_found',
        'broken@district.org': 'failed', 'lena.fischer@example.edu': 'enrolled',
      });
      expect(body.items.find((i: Item) => i.email === 'broken@district.org').message).toContain('HTTP 500');
      const types = canvas.enrolledIn(COURSE).map((e) => [canvas.state.users.find((u) => u.id === e.userId)!.email, e.type]);
      expect(types).toEqual(expect.arrayContaining([['sam.okafor@example.edu', 'StudentEnrollment'], ['priya.raman@example.edu', 'TeacherEnrollment'], ['lena.fischer@example.edu', 'StudentEnrollment']]));
      expect(types).toHaveLength(3);
      expect(await membershipSchool('sandbox-teacher-1')).toBe('Riverside Primary');
    });

    it('running the same list again is safe: the enrolled are already_enrolled, the failed one is enrolled now, nothing is duplicated', async () => {
      canvas.faults.clear();
      const body = await (await postCsv(tool, '/api/enrolment/runs', admin, STAFF)).json();
      expect(body.run.counts).toMatchObject({ enrolled: 1, already_enrolled: 3, not_found: 1, failed: 0 });
      expect(outcomes(body.items)['broken@district.org']).toBe('enrolled');
      expect(canvas.enrolledIn(COURSE)).toHaveLength(4);
    });

    it('a member who launches after being enrolled gets the school of the list', async () => {
      await launchInCourse(tool, { persona: 'teacher-2' });
      expect(await membershipSchool('sandbox-teacher-2')).toBe('Hillcrest Secondary');
    });

    it('lists the course’s runs newest first, a page at a time', async () => {
      const first = await (await jsonCall(tool, 'GET', '/api/enrolment/runs?limit=1', admin)).json();
      expect(first.runs).toHaveLength(1);
      expect(first.runs[0].id).not.toBe(firstRunId);
      const second = await (await jsonCall(tool, 'GET', `/api/enrolment/runs?limit=1&cursor=${first.nextCursor}`, admin)).json();
      expect(second.runs.map((r: { id: string }) => r.id)).toEqual([firstRunId]);
    });

    it('GET /runs/:id returns the report a page at a time, and filtered by outcome', async () => {
      const page1 = await (await jsonCall(tool, 'GET', `/api/enrolment/runs/${firstRunId}?limit=3`, admin)).json();
      expect(page1.items.map((i: Item) => i.row)).toEqual([2, 3, 4]);
      const page2 = await (await jsonCall(tool, 'GET', `/api/enrolment/runs/${firstRunId}?limit=3&cursor=${page1.nextCursor}`, admin)).json();
      expect(page2).toMatchObject({ nextCursor: null, items: [{ row: 5 }, { row: 6 }] });
      const failed = await (await jsonCall(tool, 'GET', `/api/enrolment/runs/${firstRunId}?outcome=failed`, admin)).json();
      expect(failed.items).toEqual([expect.objectContaining({ email: 'broken@district.org', outcome: 'failed', school: 'Riverside Primary', role: 'teacher' })]);
    });

    it('answers 404 for a run id that is not a uuid or not a run', async () => {
      await expectError(await jsonCall(tool, 'GET', '/api/enrolment/runs/12', admin), 404, 'not_found');
      await expectError(await jsonCall(tool, 'GET', `/api/enrolment/runs/${randomUUID()}`, admin), 404, 'not_found');
    });

    it('enrols picked people Staffroom knows (by user id), as teachers or all as leads', async () => {
      await launchInCourse(tool, { persona: 'teacher-3' });
      const people = await (await jsonCall(tool, 'GET', '/api/enrolment/people?search=tom', admin)).json();
      expect(people.people).toEqual([expect.objectContaining({ name: 'Tomás Rivera', email: 'tomas.rivera@example.edu', roleHere: 'participant' })]);
      const tomas = people.people[0].userId;
      const asTeacher = await (await jsonCall(tool, 'POST', '/api/enrolment/runs', admin, { userIds: [tomas] })).json();
      expect(asTeacher.run).toMatchObject({ source: 'members', counts: { enrolled: 1 } });
      expect(asTeacher.items).toEqual([expect.objectContaining({ row: null, email: 'tomas.rivera@example.edu', role: 'teacher', outcome: 'enrolled' })]);
      const asLead = await (await jsonCall(tool, 'POST', '/api/enrolment/runs', admin, { userIds: [tomas], role: 'lead' })).json();
      expect(asLead.items).toEqual([expect.objectContaining({ role: 'lead', outcome: 'enrolled' })]);
    });

    it('lists the people Staffroom knows a page at a time, with the school from their membership', async () => {
      const seen: Array<{ name: string; school: string | null }> = [];
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const body = await (await jsonCall(tool, 'GET', `/api/enrolment/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin)).json();
        seen.push(...body.people);
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      const names = seen.map((p) => p.name);
      expect(names).toEqual([...names].sort());
      expect(new Set(names).size).toBe(names.length);
      expect(seen).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Sam Okafor', school: 'Riverside Primary' }), expect.objectContaining({ name: 'Morgan Ellis' })]));
      await expectError(await jsonCall(tool, 'GET', '/api/enrolment/people?cursor=nonsense', admin), 400, 'validation_failed');
    });

    it('refuses a picked id Staffroom does not know with 422 naming it', async () => {
      const unknown = randomUUID();
      const error = await expectError(await jsonCall(tool, 'POST', '/api/enrolment/runs', admin, { userIds: [unknown] }), 422, 'staff_list_invalid');
      expect(error.details).toEqual({ problems: [expect.objectContaining({ userId: unknown, problem: 'unknown_person' })] });
    });

    it('answers 409 enrolment_run_in_progress while another run of the course is going', async () => {
      const contextId = (await tool.db('contexts').where({ lti_context_id: 'demo-pl-cohort' }).first('id')).id;
      const id = randomUUID();
      await tool.db('enrolment_runs').insert({ id, context_id: contextId, lms_kind: 'canvas', lms_course_id: '4242', source: 'csv', mode: 'background', status: 'running', total: 1 });
      const error = await expectError(await postCsv(tool, '/api/enrolment/runs', admin, STAFF), 409, 'enrolment_run_in_progress');
      expect(error.details).toEqual({ runId: id });
      await tool.db('enrolment_runs').where({ id }).delete();
    });

    it('a token Canvas no longer accepts fails the run with lms_token_refused and everyone not enrolled', async () => {
      canvas.faults.revokeToken();
      const res = await postCsv(tool, '/api/enrolment/runs', admin, csv('Sam Okafor,sam.okafor@example.edu,,'));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.run).toMatchObject({ status: 'failed', error: { id: 'lms_token_refused', message: expect.stringContaining('Invalid access token') }, counts: { failed: 1 } });
      canvas.state.token = TOKEN;
    });
  });

  describe('roles and tenants', () => {
    it.each(['lead', 'teacher-1'])('a %s gets 403 from preview, runs and reports', async (persona) => {
      const token = await launchInCourse(tool, { persona });
      await expectError(await postCsv(tool, '/api/enrolment/preview', token, STAFF), 403, 'forbidden');
      await expectError(await postCsv(tool, '/api/enrolment/runs', token, STAFF), 403, 'forbidden');
      await expectError(await jsonCall(tool, 'GET', '/api/enrolment/runs', token), 403, 'forbidden');
      await expectError(await jsonCall(tool, 'GET', `/api/enrolment/runs/${firstRunId}`, token), 403, 'forbidden');
      await expectError(await jsonCall(tool, 'GET', '/api/enrolment/people', token), 403, 'forbidden');
    });

    it('an admin of another LMS cannot read this course’s runs (404), lists none, and has no connection to enrol with (409)', async () => {
      await registerOtherLms(tool);
      const other = await launchInCourse(tool, { otherLms: true });
      await expectError(await jsonCall(tool, 'GET', `/api/enrolment/runs/${firstRunId}`, other), 404, 'not_found');
      expect((await (await jsonCall(tool, 'GET', '/api/enrolment/runs', other)).json()).runs).toEqual([]);
      expect((await (await jsonCall(tool, 'GET', '/api/enrolment/people', other)).json()).people.map((p: { email: string }) => p.email)).toEqual(['morgan.ellis@example.edu']);
      await expectError(await postCsv(tool, '/api/enrolment/runs', other, STAFF), 409, 'lms_connection_missing');
    });

    it('a validly signed token pairing this admin’s session with another course answers 401', async () => {
      const other = decodeJwt(await launchInCourse(tool, { otherLms: true })) as Record<string, string>;
      const mine = decodeJwt(admin) as Record<string, string>;
      const mixed = await tool.services.sessionTokens.sign({ sessionId: mine.jti!, userId: mine.uid!, contextId: other.cid!, platformId: other.pid!, deploymentId: other.did!, role: 'admin' });
      await expectError(await jsonCall(tool, 'GET', `/api/enrolment/runs/${firstRunId}`, mixed), 401, 'session_expired');
    });
  });
});

import { createCanvasAdapter } from '../../lti-tool/src/enrolment/canvas.adapter';
import type { CourseEnroller, LmsAdapter, PersonToEnrol } from '../../lti-tool/src/enrolment/lms.adapter';
import { DEFAULT_LMS_HTTP, LMS_USER_AGENT, type LmsHttpOptions } from '../../lti-tool/src/enrolment/lmsHttp';
import { startCanvasEmulator, type CanvasEmulator } from '../emulators/canvasApi';

const TOKEN = '7~canvas-emulator-token-0123456789abcdef';
const COURSE = 4242;

const person = (email: string, role: PersonToEnrol['role'] = 'teacher', name = 'Someone'): PersonToEnrol => ({ email: email.toLowerCase(), emailAsWritten: email, name, role });

describe('Canvas adapter against the Canvas API emulator (real HTTP)', () => {
  let canvas: CanvasEmulator;
  const waits: number[] = [];
  // Records the waits the adapter asks for instead of sleeping, so the test asserts what Canvas asked for.
  const http: LmsHttpOptions = { ...DEFAULT_LMS_HTTP, timeoutMs: 5000, sleep: async (ms) => void waits.push(ms) };
  const adapter = (token = TOKEN): LmsAdapter => createCanvasAdapter({ baseUrl: canvas.url, token }, http);
  const open = async (courseId = String(COURSE)): Promise<CourseEnroller> => {
    const course = await adapter().openCourse(courseId);
    if (!course.ok) throw new Error(course.failure.message);
    return course.value;
  };

  beforeAll(async () => {
    // At most two per page, so user searches and enrolment listings need several pages.
    canvas = await startCanvasEmulator({ token: TOKEN, maxPerPage: 2 });
    canvas.addCourse(COURSE, 'a1b2c3d4e5f6');
    canvas.addUser({ name: 'Sam Okafor', email: 'sam.okafor@district.org', loginId: 'sam.okafor@district.org' });
    canvas.addUser({ name: 'Priya Raman', email: 'Priya.Raman@District.org', loginId: 'praman' });
    canvas.addUser({ name: 'Lena Fischer', email: null, loginId: 'lena.fischer@district.org' });
    canvas.addUser({ name: 'Twin One', email: 'twin@district.org', loginId: 'twin1' });
    canvas.addUser({ name: 'Twin Two', email: 'twin@district.org', loginId: 'twin2' });
    for (let i = 0; i < 5; i++) canvas.addUser({ name: `Sam Other ${i}`, email: `sam.other${i}@district.org`, loginId: `sother${i}` });
    // The search matches substrings: these four come before Pat, so Pat's exact match is on page 3.
    for (const p of ['a', 'b', 'c', 'd']) canvas.addUser({ name: `Not Pat ${p}`, email: `${p}pat@district.org`, loginId: `${p}pat` });
    canvas.addUser({ name: 'Pat Kim', email: 'pat@district.org', loginId: 'pkim' });
  });
  beforeEach(() => {
    waits.length = 0;
    canvas.faults.clear();
    canvas.state.requests.length = 0;
  });
  afterAll(() => canvas.stop());

  it('check: accepts a working token and names the token’s Canvas user', async () => {
    expect(await adapter().check()).toEqual({ ok: true, value: { lmsUserName: 'District Integration Admin', siteName: null } });
    expect(canvas.state.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/users/self', userAgent: LMS_USER_AGENT, authorization: `Bearer ${TOKEN}` });
  });

  it('check: reports a refused token as token_refused with Canvas’s own words', async () => {
    const result = await adapter('7~wrong-token-000000000000').check();
    expect(result).toEqual({ ok: false, failure: { kind: 'token_refused', message: expect.stringContaining('Invalid access token') } });
  });

  it('check: a base URL that is not Canvas is a bad_answer that asks about the address', async () => {
    const result = await createCanvasAdapter({ baseUrl: `${canvas.url}/not-canvas`, token: TOKEN }, http).check();
    expect(result).toEqual({ ok: false, failure: { kind: 'bad_answer', message: expect.stringContaining('is the base URL the Canvas address?') } });
  });

  it('enrols a teacher as StudentEnrollment and a lead as TeacherEnrollment, active and without notification', async () => {
    const course = await open();
    expect(await course.enrol(person('sam.okafor@district.org'))).toEqual({ outcome: 'enrolled', lmsUserId: expect.any(String), message: null });
    // Canvas's email differs in case from the list's: matched case-insensitively.
    expect(await course.enrol(person('priya.raman@district.org', 'lead'))).toMatchObject({ outcome: 'enrolled' });
    const byUser = Object.fromEntries(canvas.enrolledIn(COURSE).map((e) => [canvas.state.users.find((u) => u.id === e.userId)!.name, e]));
    expect(byUser['Sam Okafor']).toMatchObject({ type: 'StudentEnrollment', state: 'active', notify: 'false' });
    expect(byUser['Priya Raman']).toMatchObject({ type: 'TeacherEnrollment', state: 'active', notify: 'false' });
    expect(canvas.state.requests.every((r) => r.userAgent === LMS_USER_AGENT && r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('follows Link rel="next" through the pages of a user search to the exact match', async () => {
    const course = await open();
    expect(await course.enrol(person('pat@district.org'))).toMatchObject({ outcome: 'enrolled' });
    const searches = canvas.state.requests.filter((r) => r.path === '/api/v1/accounts/self/users');
    expect(searches.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(searches[0]!.query).toMatchObject({ search_term: 'pat@district.org', per_page: '100', include: ['email'] });
  });

  it('finds a user by login id when Canvas does not show their email', async () => {
    const course = await open();
    expect(await course.enrol(person('lena.fischer@district.org'))).toMatchObject({ outcome: 'enrolled' });
  });

  it('reads every page of the course enrolments, so someone listed on the last page is already_enrolled and nothing is posted', async () => {
    const course = await open();
    const listing = canvas.state.requests.filter((r) => r.path === `/api/v1/courses/${COURSE}/enrollments`);
    expect(listing.length).toBeGreaterThan(1);
    canvas.state.requests.length = 0;
    expect(await course.enrol(person('pat@district.org'))).toMatchObject({ outcome: 'already_enrolled' });
    expect(await course.enrol(person('sam.okafor@district.org'))).toMatchObject({ outcome: 'already_enrolled' });
    expect(canvas.state.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('adds a TeacherEnrollment for a student now listed as lead (another type is not "already enrolled")', async () => {
    const course = await open();
    expect(await course.enrol(person('sam.okafor@district.org', 'lead'))).toMatchObject({ outcome: 'enrolled' });
    const sam = canvas.state.users.find((u) => u.name === 'Sam Okafor')!;
    expect(canvas.enrolledIn(COURSE).filter((e) => e.userId === sam.id).map((e) => e.type).sort()).toEqual(['StudentEnrollment', 'TeacherEnrollment']);
  });

  it('activates an invitation not yet accepted, without adding a second enrolment', async () => {
    const invited = canvas.addUser({ name: 'Ivy Invited', email: 'ivy@district.org', loginId: 'ivy' });
    canvas.state.enrollments.push({ id: 9001, userId: invited.id, courseId: COURSE, type: 'StudentEnrollment', state: 'invited', notify: undefined });
    const course = await open();
    expect(await course.enrol(person('ivy@district.org'))).toMatchObject({ outcome: 'enrolled' });
    expect(canvas.enrolledIn(COURSE).filter((e) => e.userId === invited.id)).toEqual([expect.objectContaining({ id: 9001, state: 'active' })]);
  });

  it('reports not_found for an email no Canvas user has, and failed for an email two users share', async () => {
    const course = await open();
    expect(await course.enrol(person('nobody@district.org'))).toMatchObject({ outcome: 'not_found', message: expect.stringContaining('does not create Canvas users') });
    expect(await course.enrol(person('twin@district.org'))).toMatchObject({ outcome: 'failed', message: expect.stringContaining('2 Canvas users') });
  });

  it('addresses the course by lti_context_id when no numeric id is known', async () => {
    const course = await adapter().openCourse('lti_context_id:a1b2c3d4e5f6');
    expect(course.ok).toBe(true);
    expect(canvas.state.requests.some((r) => r.path === '/api/v1/courses/lti_context_id:a1b2c3d4e5f6/enrollments')).toBe(true);
  });

  it('reports a course Canvas does not have as course_not_found', async () => {
    const course = await adapter().openCourse('999999');
    expect(course).toEqual({ ok: false, failure: { kind: 'course_not_found', message: expect.stringContaining('Canvas has no course 999999') } });
  });

  it('waits out a 429 for the seconds Retry-After says, then carries on', async () => {
    canvas.faults.throttle(2, '3');
    expect((await adapter().check()).ok).toBe(true);
    expect(waits).toEqual([3000, 3000]);
  });

  it('treats Canvas’s own throttling answer (403 "Rate Limit Exceeded", no Retry-After) as a rate limit with backoff', async () => {
    canvas.faults.throttle(2, null, '403');
    expect((await adapter().check()).ok).toBe(true);
    expect(waits).toEqual([1000, 2000]);
  });

  it('gives up with rate_limited when Canvas asks to wait longer than Staffroom waits', async () => {
    canvas.faults.throttle(1, '3600');
    expect(await adapter().check()).toEqual({ ok: false, failure: { kind: 'rate_limited', message: expect.stringContaining('3600 s') } });
    expect(waits).toEqual([]);
  });

  it('a 500 for one person fails that person only, with the status in the message', async () => {
    canvas.addUser({ name: 'Broken Account', email: 'broken@district.org', loginId: 'broken' });
    canvas.faults.failEnrolmentOf('broken@district.org', 500);
    const course = await open();
    expect(await course.enrol(person('broken@district.org'))).toMatchObject({ outcome: 'failed', message: expect.stringContaining('HTTP 500'), lmsUserId: expect.any(String) });
    expect(await course.enrol(person('sam.other3@district.org'))).toMatchObject({ outcome: 'enrolled' });
  });

  it('a token revoked mid-run fails the person with a fatal token_refused, so the run can stop', async () => {
    const course = await open();
    canvas.faults.revokeToken();
    const result = await course.enrol(person('sam.other2@district.org'));
    expect(result).toMatchObject({ outcome: 'failed', fatal: { kind: 'token_refused' } });
  });
});

import type { CourseEnroller, LmsSettings, PersonToEnrol } from '../../lti-tool/src/enrolment/lms.adapter';
import { DEFAULT_LMS_HTTP, type LmsHttpOptions } from '../../lti-tool/src/enrolment/lmsHttp';
import { createMoodleAdapter, MOODLE_REQUIRED_FUNCTIONS } from '../../lti-tool/src/enrolment/moodle.adapter';
import { MOODLE_FUNCTIONS, startMoodleEmulator, type MoodleEmulator } from '../emulators/moodleWs';

const TOKEN = '0123456789abcdef0123456789abcdef';
const COURSE = 7;
const STUDENT = 5;
const EDITING_TEACHER = 3;

const person = (emailAsWritten: string, role: PersonToEnrol['role'] = 'teacher', name = 'Alex Example'): PersonToEnrol => ({ email: emailAsWritten.toLowerCase(), emailAsWritten, name, role });

describe('Moodle adapter against the Moodle web-service emulator (real HTTP)', () => {
  let moodle: MoodleEmulator;
  const waits: number[] = [];
  const http: LmsHttpOptions = { ...DEFAULT_LMS_HTTP, timeoutMs: 5000, sleep: async (ms) => void waits.push(ms) };
  const settings = (o: Partial<LmsSettings> = {}): LmsSettings => ({ kind: 'moodle', baseUrl: moodle.url, token: TOKEN, allowCreateUsers: false, studentRoleId: STUDENT, teacherRoleId: EDITING_TEACHER, ...o });
  const open = async (o: Partial<LmsSettings> = {}): Promise<CourseEnroller> => {
    const course = await createMoodleAdapter(settings(o), http).openCourse(String(COURSE));
    if (!course.ok) throw new Error(course.failure.message);
    return course.value;
  };
  const enrolmentsOf = (email: string) => {
    const user = moodle.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    return moodle.enrolledIn(COURSE).filter((e) => e.userId === user?.id).map((e) => e.roleId);
  };

  beforeAll(async () => {
    moodle = await startMoodleEmulator({ token: TOKEN });
    moodle.addCourse(COURSE);
    moodle.addUser({ username: 'sokafor', firstname: 'Sam', lastname: 'Okafor', email: 'sam.okafor@district.org' });
    moodle.addUser({ username: 'praman', firstname: 'Priya', lastname: 'Raman', email: 'priya.raman@district.org' });
    moodle.addUser({ username: 'lfischer', firstname: 'Lena', lastname: 'Fischer', email: 'Lena.Fischer@District.org' });
    moodle.addUser({ username: 'gone', firstname: 'Gone', lastname: 'Away', email: 'gone@district.org', suspended: true });
  });
  beforeEach(() => {
    waits.length = 0;
    moodle.faults.clear();
    moodle.state.calls.length = 0;
    moodle.state.functions = new Set(MOODLE_FUNCTIONS);
  });
  afterAll(() => moodle.stop());

  it('check: accepts the token, names the site and the token’s user, and sends the token in the POST body only', async () => {
    expect(await createMoodleAdapter(settings(), http).check()).toEqual({ ok: true, value: { lmsUserName: 'Staffroom Integration', siteName: 'Emulated District Moodle' } });
    expect(moodle.state.calls).toEqual([expect.objectContaining({ wsfunction: 'core_webservice_get_site_info', tokenInQuery: false })]);
    expect(moodle.state.calls[0]!.params).toMatchObject({ moodlewsrestformat: 'json', wstoken: TOKEN });
  });

  it('check: reads Moodle’s HTTP 200 invalidtoken exception as token_refused', async () => {
    const result = await createMoodleAdapter(settings({ token: 'ffffffffffffffffffffffffffffffff' }), http).check();
    expect(result).toEqual({ ok: false, failure: { kind: 'token_refused', message: expect.stringContaining('Invalid token - token not found') } });
  });

  it('check: names the functions the token’s service lacks; core_user_create_users only when creating is allowed', async () => {
    moodle.state.functions = new Set(MOODLE_REQUIRED_FUNCTIONS.filter((f) => f !== 'core_enrol_get_enrolled_users'));
    const result = await createMoodleAdapter(settings(), http).check();
    expect(result).toEqual({ ok: false, failure: { kind: 'permission_missing', message: expect.stringContaining('does not include core_enrol_get_enrolled_users.') } });
    moodle.state.functions = new Set(MOODLE_REQUIRED_FUNCTIONS);
    expect((await createMoodleAdapter(settings(), http).check()).ok).toBe(true);
    const creating = await createMoodleAdapter(settings({ allowCreateUsers: true }), http).check();
    expect(creating).toEqual({ ok: false, failure: { kind: 'permission_missing', message: expect.stringContaining('core_user_create_users') } });
  });

  it('enrols an existing account as student (role 5) and a lead as editingteacher (role 3)', async () => {
    const course = await open();
    expect(await course.enrol(person('sam.okafor@district.org'))).toEqual({ outcome: 'enrolled', lmsUserId: expect.any(String), message: null });
    expect(await course.enrol(person('priya.raman@district.org', 'lead'))).toMatchObject({ outcome: 'enrolled' });
    expect(enrolmentsOf('sam.okafor@district.org')).toEqual([STUDENT]);
    expect(enrolmentsOf('priya.raman@district.org')).toEqual([EDITING_TEACHER]);
    const enrol = moodle.state.calls.find((c) => c.wsfunction === 'enrol_manual_enrol_users')!;
    expect(enrol.tokenInQuery).toBe(false);
    expect(enrol.params.enrolments).toEqual([{ roleid: '5', userid: expect.any(String), courseid: String(COURSE) }]);
  });

  it('finds an account whose Moodle email has capitals by asking for the address as written too', async () => {
    const course = await open();
    expect(await course.enrol(person('Lena.Fischer@District.org'))).toMatchObject({ outcome: 'enrolled' });
    const lookup = moodle.state.calls.find((c) => c.wsfunction === 'core_user_get_users_by_field')!;
    expect(lookup.params).toMatchObject({ field: 'email', values: ['Lena.Fischer@District.org', 'lena.fischer@district.org'] });
  });

  it('reports already_enrolled for someone holding that role, and calls enrol_manual_enrol_users no more', async () => {
    const course = await open();
    moodle.state.calls.length = 0;
    expect(await course.enrol(person('sam.okafor@district.org'))).toMatchObject({ outcome: 'already_enrolled' });
    expect(moodle.state.calls.map((c) => c.wsfunction)).toEqual(['core_user_get_users_by_field']);
  });

  it('pages through core_enrol_get_enrolled_users (limitfrom/limitnumber) for a course of more than 500', async () => {
    const big = 70;
    moodle.addCourse(big);
    for (let i = 0; i < 501; i++) {
      const u = moodle.addUser({ username: `bulk${i}`, firstname: 'Bulk', lastname: String(i), email: `bulk${i}@district.org` });
      moodle.state.enrolments.push({ userId: u.id, courseId: big, roleId: STUDENT });
    }
    const course = await createMoodleAdapter(settings(), http).openCourse(String(big));
    if (!course.ok) throw new Error(course.failure.message);
    const pages = moodle.state.calls.filter((c) => c.wsfunction === 'core_enrol_get_enrolled_users');
    expect(pages.map((p) => (p.params.options as Array<{ name: string; value: string }>).find((o) => o.name === 'limitfrom')!.value)).toEqual(['0', '500']);
    expect(await course.value.enrol(person('bulk500@district.org'))).toMatchObject({ outcome: 'already_enrolled' });
  });

  it('reports not_found for an unknown email when creating accounts is off', async () => {
    const course = await open();
    expect(await course.enrol(person('new.teacher@district.org'))).toMatchObject({ outcome: 'not_found', message: expect.stringContaining('No Moodle account has this email') });
    expect(moodle.state.calls.some((c) => c.wsfunction === 'core_user_create_users')).toBe(false);
  });

  it('creates a missing account (username from the email, manual auth, generated password) when allowed, then enrols it; a re-run finds it enrolled', async () => {
    const course = await open({ allowCreateUsers: true });
    const result = await course.enrol(person('New.Teacher+pd@District.org', 'teacher', 'Ana María Pérez'));
    expect(result).toMatchObject({ outcome: 'created_and_enrolled', lmsUserId: expect.any(String) });
    const created = moodle.state.users.find((u) => u.id === Number(result.lmsUserId))!;
    expect(created).toMatchObject({ username: 'new.teacher_pd@district.org', firstname: 'Ana María', lastname: 'Pérez', auth: 'manual', email: 'new.teacher+pd@district.org' });
    expect(moodle.state.calls.find((c) => c.wsfunction === 'core_user_create_users')!.params.users).toEqual([expect.objectContaining({ createpassword: '1' })]);
    const again = await open({ allowCreateUsers: true });
    expect(await again.enrol(person('new.teacher+pd@district.org'))).toMatchObject({ outcome: 'already_enrolled', lmsUserId: result.lmsUserId });
  });

  it('uses the connection’s own role ids', async () => {
    const course = await open({ studentRoleId: 4 });
    moodle.addUser({ username: 'custom', firstname: 'Custom', lastname: 'Role', email: 'custom@district.org' });
    expect(await course.enrol(person('custom@district.org'))).toMatchObject({ outcome: 'enrolled' });
    expect(enrolmentsOf('custom@district.org')).toEqual([4]);
  });

  it('fails one person whose enrolment Moodle refuses (exception JSON with HTTP 200), with Moodle’s message, and carries on', async () => {
    moodle.addUser({ username: 'refused', firstname: 'Re', lastname: 'Fused', email: 'refused@district.org' });
    moodle.addUser({ username: 'fine', firstname: 'Fi', lastname: 'Ne', email: 'fine@district.org' });
    moodle.faults.failEnrolmentOf('refused@district.org');
    const course = await open();
    expect(await course.enrol(person('refused@district.org'))).toMatchObject({ outcome: 'failed', message: expect.stringContaining('Manual enrolment plugin instance') });
    expect(await course.enrol(person('fine@district.org'))).toMatchObject({ outcome: 'enrolled' });
  });

  it('fails a suspended account without enrolling it', async () => {
    const course = await open();
    expect(await course.enrol(person('gone@district.org'))).toMatchObject({ outcome: 'failed', message: expect.stringContaining('suspended') });
    expect(enrolmentsOf('gone@district.org')).toEqual([]);
  });

  it('an HTTP 500 page from the server fails that person with the status', async () => {
    const course = await open();
    moodle.faults.httpErrors(1);
    expect(await course.enrol(person('priya.raman@district.org'))).toMatchObject({ outcome: 'failed', message: expect.stringContaining('HTTP 500') });
  });

  it('waits out a 429 from a proxy in front of Moodle, then carries on', async () => {
    moodle.faults.throttle(1);
    expect((await createMoodleAdapter(settings(), http).check()).ok).toBe(true);
    expect(waits).toEqual([1000]);
  });

  it('reports a course Moodle does not have, and a course id that is not a number', async () => {
    const adapter = createMoodleAdapter(settings(), http);
    expect(await adapter.openCourse('999')).toEqual({ ok: false, failure: { kind: 'course_not_found', message: 'Moodle has no course with id 999.' } });
    expect(await adapter.openCourse('lti_context_id:abc')).toEqual({ ok: false, failure: { kind: 'course_not_found', message: expect.stringContaining('not a Moodle course id') } });
  });

  it('a token revoked mid-run fails the person with a fatal token_refused', async () => {
    const course = await open();
    moodle.faults.revokeToken();
    expect(await course.enrol(person('fine@district.org'))).toMatchObject({ outcome: 'failed', fatal: { kind: 'token_refused' } });
  });
});

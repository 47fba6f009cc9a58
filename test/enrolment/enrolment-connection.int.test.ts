import { createConnectionService } from '../../lti-tool/src/enrolment/connection.service';
import { createConnectionStore } from '../../lti-tool/src/enrolment/connection.store';
import { lmsAdapter } from '../../lti-tool/src/enrolment/enrolment.module';
import { startCanvasEmulator, type CanvasEmulator } from '../emulators/canvasApi';
import { MOODLE_FUNCTIONS, startMoodleEmulator, type MoodleEmulator } from '../emulators/moodleWs';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { expectError, jsonCall, launchInCourse, registerOtherLms } from './enrolmentFlow';

const CANVAS_TOKEN = '7~Zq3canvasAdminToken9f8e7d6c5b4a3210WXYZ';
const MOODLE_TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const PATH = '/api/enrolment/connection';

describe('LMS connection API (/api/enrolment/connection)', () => {
  let tool: TestTool;
  let canvas: CanvasEmulator;
  let moodle: MoodleEmulator;
  let admin: string;
  const canvasBody = () => ({ kind: 'canvas', baseUrl: `${canvas.url}/`, token: CANVAS_TOKEN });

  beforeAll(async () => {
    tool = await startTestTool();
    canvas = await startCanvasEmulator({ token: CANVAS_TOKEN });
    moodle = await startMoodleEmulator({ token: MOODLE_TOKEN });
    admin = await launchInCourse(tool);
  }, 120_000); // a PGlite tool start is slow on a busy machine
  afterAll(async () => {
    await canvas.stop();
    await moodle.stop();
    await tool.stop();
  });

  it('GET answers connection null before anything is saved, with what Staffroom knows of the course', async () => {
    const res = await jsonCall(tool, 'GET', PATH, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ connection: null, course: { lmsCourseId: null, ltiContextId: 'demo-pl-cohort' } });
  });

  it('PUT with a token Canvas refuses answers 422 lms_token_refused and saves nothing', async () => {
    const error = await expectError(await jsonCall(tool, 'PUT', PATH, admin, { ...canvasBody(), token: '7~not-the-right-token-1234' }), 422, 'lms_token_refused');
    expect(error.message).toContain('Invalid access token');
    expect(await tool.db('lms_connections').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('PUT saves a Canvas connection after checking the token; the answer never contains the token, only its last 4 characters', async () => {
    const res = await jsonCall(tool, 'PUT', PATH, admin, canvasBody());
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(CANVAS_TOKEN);
    expect(JSON.parse(text)).toEqual({
      connection: {
        kind: 'canvas', baseUrl: canvas.url, tokenSet: true, tokenLast4: 'WXYZ', allowCreateUsers: false,
        createdAt: expect.any(String), updatedAt: expect.any(String), updatedBy: { id: expect.any(String), name: 'Morgan Ellis' },
        check: { lmsUserName: 'District Integration Admin', siteName: null },
      },
    });
    expect(canvas.state.requests.at(-1)).toMatchObject({ path: '/api/v1/users/self', authorization: `Bearer ${CANVAS_TOKEN}` });
  });

  it('stores the token encrypted: the column holds neither the token nor a part of it, and decrypts to it', async () => {
    const row = await tool.db('lms_connections').first();
    expect(JSON.stringify(row)).not.toContain(CANVAS_TOKEN);
    expect(JSON.stringify(row)).not.toContain(CANVAS_TOKEN.slice(3, 20));
    expect(row.token_encrypted).toMatch(/^v1\./);
    expect(tool.services.box.decrypt(row.token_encrypted)).toBe(CANVAS_TOKEN);
  });

  it('GET returns the saved connection without the token', async () => {
    const res = await jsonCall(tool, 'GET', PATH, admin);
    const text = await res.text();
    expect(text).not.toContain(CANVAS_TOKEN);
    expect(JSON.parse(text).connection).toMatchObject({ kind: 'canvas', tokenSet: true, tokenLast4: 'WXYZ' });
  });

  it('PUT without a token keeps the saved one for the same LMS and address (checked again)', async () => {
    const before = canvas.state.requests.length;
    const res = await jsonCall(tool, 'PUT', PATH, admin, { kind: 'canvas', baseUrl: canvas.url });
    expect(res.status).toBe(200);
    expect(canvas.state.requests.length).toBe(before + 1);
    expect(tool.services.box.decrypt((await tool.db('lms_connections').first()).token_encrypted)).toBe(CANVAS_TOKEN);
  });

  it('PUT to another address without a token answers 400 naming token: the saved token never goes to a new host', async () => {
    const before = moodle.state.calls.length;
    const error = await expectError(await jsonCall(tool, 'PUT', PATH, admin, { kind: 'moodle', baseUrl: moodle.url }), 400, 'validation_failed');
    expect(error.details).toEqual({ fields: [{ field: 'token', message: expect.stringContaining('new token') }] });
    expect(moodle.state.calls.length).toBe(before);
  });

  it('PUT a Moodle connection whose web service lacks a function answers 422 lms_permission_missing naming it', async () => {
    moodle.state.functions = new Set(MOODLE_FUNCTIONS.filter((f) => f !== 'enrol_manual_enrol_users'));
    const error = await expectError(await jsonCall(tool, 'PUT', PATH, admin, { kind: 'moodle', baseUrl: moodle.url, token: MOODLE_TOKEN }), 422, 'lms_permission_missing');
    expect(error.message).toContain('enrol_manual_enrol_users');
    moodle.state.functions = new Set(MOODLE_FUNCTIONS);
    expect((await tool.db('lms_connections').first()).kind).toBe('canvas');
  });

  it('PUT replaces the connection with Moodle, with creating accounts and role ids', async () => {
    const res = await jsonCall(tool, 'PUT', PATH, admin, { kind: 'moodle', baseUrl: moodle.url, token: MOODLE_TOKEN, allowCreateUsers: true, studentRoleId: 5, teacherRoleId: 3 });
    expect(res.status).toBe(200);
    expect((await res.json()).connection).toMatchObject({ kind: 'moodle', allowCreateUsers: true, studentRoleId: 5, teacherRoleId: 3, tokenLast4: 'c5d6', check: { siteName: 'Emulated District Moodle' } });
  });

  it.each([
    ['an address that is not a URL', { kind: 'canvas', baseUrl: 'district canvas', token: CANVAS_TOKEN }, 'baseUrl'],
    ['an address with a query string', { kind: 'canvas', baseUrl: 'https://x.instructure.com/?a=1', token: CANVAS_TOKEN }, 'baseUrl'],
    ['an unknown LMS', { kind: 'blackboard', baseUrl: 'https://x.example.org', token: CANVAS_TOKEN }, 'kind'],
    ['a token with spaces', { kind: 'canvas', baseUrl: 'https://x.instructure.com', token: 'abc def ghi jkl' }, 'token'],
    ['an unknown field', { kind: 'canvas', baseUrl: 'https://x.instructure.com', token: CANVAS_TOKEN, password: 'x' }, ''],
  ])('PUT with %s answers 400 validation_failed naming the field', async (_what, body, field) => {
    const error = await expectError(await jsonCall(tool, 'PUT', PATH, admin, body), 400, 'validation_failed');
    expect(error.details).toEqual({ fields: expect.arrayContaining([expect.objectContaining({ field })]) });
  });

  it('in production an http address or a private-network address is refused before any call', async () => {
    const connections = createConnectionService({ db: tool.db, store: createConnectionStore(tool.db), box: tool.services.box, adapters: lmsAdapter, requireHttps: true });
    const ctx = (await tool.services.enrolment.people.sessionContext((await tool.services.sessionTokens.verify(admin)) as never))!;
    const before = canvas.state.requests.length;
    expect(await connections.save(ctx, { kind: 'canvas', baseUrl: canvas.url, token: CANVAS_TOKEN })).toEqual({ ok: false, error: { kind: 'insecure_url' } });
    for (const host of ['https://127.0.0.1:8443', 'https://10.1.2.3', 'https://localhost', 'https://[::1]']) {
      expect(await connections.save(ctx, { kind: 'canvas', baseUrl: host, token: CANVAS_TOKEN })).toEqual({ ok: false, error: { kind: 'private_url' } });
    }
    expect(canvas.state.requests.length).toBe(before);
  });

  describe('roles and tenants', () => {
    it.each(['lead', 'teacher-1'])('a %s gets 403 forbidden from GET, PUT and DELETE', async (persona) => {
      const token = await launchInCourse(tool, { persona });
      await expectError(await jsonCall(tool, 'GET', PATH, token), 403, 'forbidden');
      await expectError(await jsonCall(tool, 'PUT', PATH, token, canvasBody()), 403, 'forbidden');
      await expectError(await jsonCall(tool, 'DELETE', PATH, token), 403, 'forbidden');
    });

    it('without a session token every call answers 401', async () => {
      await expectError(await jsonCall(tool, 'GET', PATH, null), 401, 'unauthenticated');
      await expectError(await jsonCall(tool, 'PUT', PATH, null, canvasBody()), 401, 'unauthenticated');
    });

    it('an admin of another registered LMS sees no connection and cannot delete this one', async () => {
      await registerOtherLms(tool);
      const otherAdmin = await launchInCourse(tool, { otherLms: true });
      expect((await (await jsonCall(tool, 'GET', PATH, otherAdmin)).json()).connection).toBeNull();
      await expectError(await jsonCall(tool, 'DELETE', PATH, otherAdmin), 404, 'not_found');
      expect(await tool.db('lms_connections').count({ n: '*' }).first()).toEqual({ n: 1 });
    });
  });

  it('DELETE removes the connection (204); a second DELETE answers 404', async () => {
    expect((await jsonCall(tool, 'DELETE', PATH, admin)).status).toBe(204);
    expect((await (await jsonCall(tool, 'GET', PATH, admin)).json()).connection).toBeNull();
    await expectError(await jsonCall(tool, 'DELETE', PATH, admin), 404, 'not_found');
  });
});

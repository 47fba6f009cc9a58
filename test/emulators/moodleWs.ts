import express, { type Request, type Response } from 'express';
import { listenOnLoopback } from './listen';

/** A Moodle account as the emulator holds it. */
export interface MoodleUser {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  auth: string;
  suspended: boolean;
}

/** A web-service call the emulator saw. */
export interface SeenCall {
  wsfunction: string;
  /** Whether the token came in the URL (it should not: proxies log URLs). */
  tokenInQuery: boolean;
  params: Record<string, unknown>;
}

/** Every function the emulator implements (a token's service may offer fewer). */
export const MOODLE_FUNCTIONS = ['core_webservice_get_site_info', 'core_user_get_users_by_field', 'core_user_create_users', 'enrol_manual_enrol_users', 'core_enrol_get_enrolled_users'];
const ROLES: Record<number, string> = { 3: 'editingteacher', 4: 'teacher', 5: 'student' };

const exception = (exceptionClass: string, errorcode: string, message: string, debuginfo?: string) => ({ exception: exceptionClass, errorcode, message, ...(debuginfo ? { debuginfo } : {}) });

/**
 * A local emulation of Moodle's REST web-service endpoint (`/webservice/rest/server.php`), with
 * in-memory users, courses and manual enrolments. As real Moodle: errors are HTTP 200 with
 * `{exception, errorcode, message}`, emails match exactly, and enrol_manual_enrol_users answers `null`.
 */
export async function startMoodleEmulator(o: { token: string; functions?: string[] }) {
  const state = {
    token: o.token,
    functions: new Set(o.functions ?? MOODLE_FUNCTIONS),
    users: [] as MoodleUser[],
    courses: new Set<number>(),
    enrolments: [] as Array<{ userId: number; courseId: number; roleId: number }>,
    calls: [] as SeenCall[],
    nextId: 100,
  };
  const faults = { httpErrors: 0, throttled: 0, failEnrolmentOf: new Map<string, { errorcode: string; message: string }>() };

  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    core_webservice_get_site_info: () => ({
      sitename: 'Emulated District Moodle', username: 'staffroom-ws', firstname: 'Staffroom', lastname: 'Integration', fullname: 'Staffroom Integration',
      lang: 'en', userid: 2, siteurl: base.url, release: '4.5 (Build: 20241007)', version: '2024100700',
      functions: [...state.functions].map((name) => ({ name, version: '2024100700' })),
    }),

    core_user_get_users_by_field: (p) => {
      if (p.field !== 'email') return exception('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected');
      const values = ([] as unknown[]).concat(p.values ?? []).map(String);
      // Exact comparison, as Moodle's SQL does on PostgreSQL.
      return state.users.filter((u) => values.includes(u.email)).map((u) => ({ ...u, fullname: `${u.firstname} ${u.lastname}`, confirmed: true, lang: 'en' }));
    },

    core_user_create_users: (p) => {
      const users = ([] as Array<Record<string, string>>).concat((p.users ?? []) as Array<Record<string, string>>);
      const created: Array<{ id: number; username: string }> = [];
      for (const u of users) {
        if (!u.username || u.username !== u.username.toLowerCase() || /[^a-z0-9_.@-]/.test(u.username)) {
          return exception('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', `Invalid username: ${u.username}`);
        }
        if (state.users.some((x) => x.username === u.username)) return exception('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', `Username already exists: ${u.username}`);
        if (!u.firstname || !u.lastname || !u.email) return exception('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', 'Missing required key in single structure');
        if (u.createpassword !== '1' && !u.password) return exception('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', 'Invalid password: you must provide a password, or set createpassword.');
        const user: MoodleUser = { id: state.nextId++, username: u.username, firstname: u.firstname, lastname: u.lastname, email: u.email, auth: u.auth ?? 'manual', suspended: false };
        state.users.push(user);
        created.push({ id: user.id, username: user.username });
      }
      return created;
    },

    enrol_manual_enrol_users: (p) => {
      const enrolments = ([] as Array<Record<string, string>>).concat((p.enrolments ?? []) as Array<Record<string, string>>);
      for (const e of enrolments) {
        const courseId = Number(e.courseid);
        const userId = Number(e.userid);
        const roleId = Number(e.roleid);
        if (!state.courses.has(courseId)) return exception('dml_missing_record_exception', 'invalidrecord', "Can't find data record in database table course.");
        if (!ROLES[roleId]) return exception('moodle_exception', 'wsusercannotassign', 'You don\'t have the permission to assign this role to this user in this course.');
        const user = state.users.find((u) => u.id === userId);
        if (!user) return exception('dml_missing_record_exception', 'invalidrecord', "Can't find data record in database table user.");
        const fail = faults.failEnrolmentOf.get(user.email.toLowerCase());
        if (fail) return exception('moodle_exception', fail.errorcode, fail.message);
        if (!state.enrolments.some((x) => x.userId === userId && x.courseId === courseId && x.roleId === roleId)) state.enrolments.push({ userId, courseId, roleId });
      }
      return null;
    },

    core_enrol_get_enrolled_users: (p) => {
      const courseId = Number(p.courseid);
      if (!state.courses.has(courseId)) return exception('dml_missing_record_exception', 'invalidrecord', "Can't find data record in database table course.");
      const options = Object.fromEntries(([] as Array<Record<string, string>>).concat((p.options ?? []) as Array<Record<string, string>>).map((opt) => [opt.name, opt.value]));
      const ids = [...new Set(state.enrolments.filter((e) => e.courseId === courseId).map((e) => e.userId))].sort((a, b) => a - b);
      const from = Number(options.limitfrom ?? 0);
      const count = Number(options.limitnumber ?? 0) || ids.length;
      return ids.slice(from, from + count).map((id) => ({
        id,
        roles: state.enrolments.filter((e) => e.courseId === courseId && e.userId === id).map((e) => ({ roleid: e.roleId, name: '', shortname: ROLES[e.roleId], sortorder: 0 })),
      }));
    },
  };

  const app = express();
  app.use(express.urlencoded({ extended: true, parameterLimit: 10_000 }));
  app.all('/webservice/rest/server.php', (req: Request, res: Response) => {
    const params = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
    const wsfunction = String(params.wsfunction ?? '');
    state.calls.push({ wsfunction, tokenInQuery: 'wstoken' in req.query, params });
    if (faults.throttled > 0) {
      faults.throttled--;
      return void res.status(429).set('retry-after', '1').type('text/plain').send('Too Many Requests');
    }
    if (faults.httpErrors > 0) {
      faults.httpErrors--;
      return void res.status(500).type('html').send('<html><body>Error: database connection failed</body></html>');
    }
    if (params.moodlewsrestformat !== 'json') return void res.type('application/xml').send('<?xml version="1.0"?><RESPONSE/>');
    if (params.wstoken !== state.token) return void res.json(exception('moodle_exception', 'invalidtoken', 'Invalid token - token not found'));
    if (!handlers[wsfunction] || !state.functions.has(wsfunction)) return void res.json(exception('webservice_access_exception', 'accessexception', 'Access control exception'));
    res.json(handlers[wsfunction](params));
  });

  const base = await listenOnLoopback(app);
  return {
    url: base.url,
    state,
    faults: {
      /** The next `count` calls answer HTTP 500 with an HTML page (a broken server, not a Moodle exception). */
      httpErrors(count: number) {
        faults.httpErrors = count;
      },
      /** The next `count` calls answer 429 with Retry-After: 1 (a rate-limiting proxy in front of Moodle). */
      throttle(count: number) {
        faults.throttled = count;
      },
      /** Enrolling this person answers a Moodle exception. */
      failEnrolmentOf(email: string, errorcode = 'wsnoinstance', message = 'Manual enrolment plugin instance doesn\'t exist or is disabled for the course') {
        faults.failEnrolmentOf.set(email.toLowerCase(), { errorcode, message });
      },
      revokeToken() {
        state.token = `revoked-${Date.now()}`;
      },
      clear() {
        Object.assign(faults, { httpErrors: 0, throttled: 0 });
        faults.failEnrolmentOf.clear();
      },
    },
    addUser(u: Omit<MoodleUser, 'id' | 'auth' | 'suspended'> & Partial<Pick<MoodleUser, 'auth' | 'suspended'>>): MoodleUser {
      const user = { auth: 'manual', suspended: false, ...u, id: state.nextId++ };
      state.users.push(user);
      return user;
    },
    addCourse(id: number) {
      state.courses.add(id);
    },
    enrolledIn(courseId: number) {
      return state.enrolments.filter((e) => e.courseId === courseId);
    },
    stop: base.stop,
  };
}

/** A running Moodle emulator. */
export type MoodleEmulator = Awaited<ReturnType<typeof startMoodleEmulator>>;

import { callLms, DEFAULT_LMS_HTTP, type LmsHttpOptions } from './lmsHttp';
import {
  asResult,
  failedPerson,
  LmsFailureError,
  splitName,
  type CourseEnroller,
  type LmsAdapter,
  type LmsFailure,
  type LmsSettings,
  type PersonResult,
  type PersonToEnrol,
} from './lms.adapter';

/** The web-service functions every connection needs (core_user_create_users only when creating users is allowed). */
export const MOODLE_REQUIRED_FUNCTIONS = ['core_webservice_get_site_info', 'core_user_get_users_by_field', 'core_enrol_get_enrolled_users', 'enrol_manual_enrol_users'] as const;
/** Needed when the connection may create missing users. */
export const MOODLE_CREATE_FUNCTION = 'core_user_create_users';

const PAGE_SIZE = 500;
const MAX_PAGES = 200;

type Json = Record<string, unknown>;
const asRecord = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : null);

/** Moodle's default username rule (no "extended characters"): lower-case letters, digits and _ - . @ only. */
export function moodleUsername(email: string): string {
  return email.toLowerCase().replace(/[^a-z0-9_.@-]/g, '_').slice(0, 100);
}

/** Moodle answers errors with HTTP 200 and `{exception, errorcode, message, debuginfo?}`. */
function moodleException(body: unknown, fn: string): LmsFailure | null {
  const e = asRecord(body);
  if (typeof e.exception !== 'string' && typeof e.errorcode !== 'string') return null;
  const code = String(e.errorcode ?? '');
  const said = [e.message, e.debuginfo].filter((p): p is string => typeof p === 'string' && p.length > 0).join(' — ').slice(0, 400);
  switch (code) {
    case 'invalidtoken':
      return { kind: 'token_refused', message: `Moodle refused the web-service token (${said}). Create a new token and save the connection again.` };
    case 'accessexception':
    case 'nopermissions':
    case 'servicenotavailable':
      return { kind: 'permission_missing', message: `Moodle did not allow ${fn}: ${said}. Add the function to the web service and give the token's user the capabilities in the Staffroom enrolment guide.` };
    case 'invalidrecord':
      return { kind: 'course_not_found', message: `Moodle could not find a record for ${fn}: ${said}.` };
    default:
      return { kind: 'lms_error', message: `Moodle refused ${fn} (${code || String(e.exception)}): ${said}.` };
  }
}

/** Moodle web services (REST protocol, JSON) with a web-service token. */
export function createMoodleAdapter(settings: LmsSettings, http: LmsHttpOptions = DEFAULT_LMS_HTTP): LmsAdapter {
  const endpoint = `${settings.baseUrl}/webservice/rest/server.php`;

  /** One function call; the token goes in the POST body, not the query string, so proxies do not log it. */
  async function call(fn: string, params: Record<string, string> = {}): Promise<unknown> {
    const form = new URLSearchParams({ wstoken: settings.token, ...params });
    const answer = await callLms({ method: 'POST', url: `${endpoint}?wsfunction=${fn}&moodlewsrestformat=json`, form }, http);
    switch (answer.kind) {
      case 'json': {
        const failure = moodleException(answer.body, fn);
        if (failure) throw new LmsFailureError(failure);
        return answer.body;
      }
      case 'http_error':
        throw new LmsFailureError({ kind: answer.status === 404 ? 'bad_answer' : 'lms_error', message: `Moodle answered HTTP ${answer.status} for ${fn}${answer.detail ? `: ${answer.detail}` : ''}. Check the site URL and that the REST protocol is enabled.` });
      case 'rate_limited':
        throw new LmsFailureError({ kind: 'rate_limited', message: `The Moodle server kept asking Staffroom to slow down (${fn}). Run the enrolment again later: people already enrolled are skipped.` });
      case 'unreachable':
        throw new LmsFailureError({ kind: 'unreachable', message: `Staffroom could not reach Moodle for ${fn} (${answer.reason}).` });
      case 'redirected':
        throw new LmsFailureError({ kind: 'bad_answer', message: `Moodle redirected ${fn} (HTTP ${answer.status}). Use the site URL exactly as Moodle's wwwroot (https://…).` });
      case 'not_json':
        throw new LmsFailureError({ kind: 'bad_answer', message: `The server answered ${fn} with ${answer.contentType}, not JSON: is this the Moodle site URL, with the REST protocol enabled?` });
      case 'too_large':
        throw new LmsFailureError({ kind: 'bad_answer', message: `Moodle's answer to ${fn} is larger than Staffroom accepts.` });
      default: {
        const unhandled: never = answer;
        return unhandled;
      }
    }
  }

  const required = settings.allowCreateUsers ? [...MOODLE_REQUIRED_FUNCTIONS, MOODLE_CREATE_FUNCTION] : [...MOODLE_REQUIRED_FUNCTIONS];

  /** Moodle compares emails exactly (case-sensitively on PostgreSQL), so ask for the address as written and in lower case. */
  async function findUsers(email: string, asWritten: string): Promise<Json[]> {
    const params: Record<string, string> = { field: 'email', 'values[0]': asWritten };
    if (asWritten !== email) params['values[1]'] = email;
    const found = await call('core_user_get_users_by_field', params);
    if (!Array.isArray(found)) throw new LmsFailureError({ kind: 'bad_answer', message: 'Moodle answered core_user_get_users_by_field with something that is not a list.' });
    const byId = new Map<string, Json>();
    for (const u of found.map(asRecord)) if (idOf(u.id)) byId.set(idOf(u.id)!, u);
    return [...byId.values()];
  }

  async function createUser(person: PersonToEnrol): Promise<string> {
    const { first, last } = splitName(person.name);
    const created = await call(MOODLE_CREATE_FUNCTION, {
      'users[0][username]': moodleUsername(person.email),
      'users[0][auth]': 'manual',
      'users[0][createpassword]': '1',
      'users[0][firstname]': first,
      'users[0][lastname]': last,
      'users[0][email]': person.email,
    });
    const id = Array.isArray(created) ? idOf(asRecord(created[0]).id) : null;
    if (!id) throw new LmsFailureError({ kind: 'bad_answer', message: 'Moodle created the user but did not say its id.' });
    return id;
  }

  return {
    check: () =>
      asResult(async () => {
        const info = asRecord(await call('core_webservice_get_site_info'));
        const offered = new Set((Array.isArray(info.functions) ? info.functions : []).map((f) => asRecord(f).name));
        const missing = required.filter((f) => !offered.has(f));
        if (missing.length > 0) {
          throw new LmsFailureError({ kind: 'permission_missing', message: `The Moodle web service of this token does not include ${missing.join(', ')}. Add these functions to the external service (Site administration → Server → Web services → External services → Functions).` });
        }
        return { lmsUserName: typeof info.fullname === 'string' ? info.fullname : null, siteName: typeof info.sitename === 'string' ? info.sitename : null };
      }),

    openCourse: (courseId) =>
      asResult(async (): Promise<CourseEnroller> => {
        if (!/^\d+$/.test(courseId)) throw new LmsFailureError({ kind: 'course_not_found', message: `"${courseId}" is not a Moodle course id (Moodle course ids are numbers).` });
        // userId → role ids held in the course by active enrolments.
        const current = new Map<string, Set<number>>();
        for (let page = 0; page < MAX_PAGES; page++) {
          let list: unknown;
          try {
            list = await call('core_enrol_get_enrolled_users', {
              courseid: courseId,
              'options[0][name]': 'onlyactive', 'options[0][value]': '1',
              'options[1][name]': 'userfields', 'options[1][value]': 'id,roles',
              'options[2][name]': 'limitfrom', 'options[2][value]': String(page * PAGE_SIZE),
              'options[3][name]': 'limitnumber', 'options[3][value]': String(PAGE_SIZE),
            });
          } catch (e) {
            if (e instanceof LmsFailureError && e.failure.kind === 'course_not_found') {
              throw new LmsFailureError({ kind: 'course_not_found', message: `Moodle has no course with id ${courseId}.` });
            }
            throw e;
          }
          if (!Array.isArray(list)) throw new LmsFailureError({ kind: 'bad_answer', message: 'Moodle answered core_enrol_get_enrolled_users with something that is not a list.' });
          for (const u of list.map(asRecord)) {
            const id = idOf(u.id);
            if (!id) continue;
            const roles = (Array.isArray(u.roles) ? u.roles : []).map((r) => Number(asRecord(r).roleid)).filter(Number.isFinite);
            current.set(id, new Set([...(current.get(id) ?? []), ...roles]));
          }
          if (list.length < PAGE_SIZE) break;
        }

        return {
          async enrol(person: PersonToEnrol): Promise<PersonResult> {
            let userId: string | null = null;
            try {
              const users = await findUsers(person.email, person.emailAsWritten);
              let created = false;
              if (users.length > 1) return { outcome: 'failed', lmsUserId: null, message: `${users.length} Moodle accounts have this email; enrol this person in Moodle by hand.` };
              if (users.length === 1) {
                userId = idOf(users[0]!.id);
                if (users[0]!.suspended === true || users[0]!.suspended === 1) {
                  return { outcome: 'failed', lmsUserId: userId, message: 'This Moodle account is suspended; reactivate it in Moodle, then run the enrolment again.' };
                }
              } else if (!settings.allowCreateUsers) {
                return { outcome: 'not_found', lmsUserId: null, message: 'No Moodle account has this email. Create the account in Moodle, or allow Staffroom to create missing accounts in the connection settings.' };
              } else {
                userId = await createUser(person);
                created = true;
              }
              const roleId = person.role === 'lead' ? settings.teacherRoleId : settings.studentRoleId;
              if (current.get(userId!)?.has(roleId)) return { outcome: 'already_enrolled', lmsUserId: userId, message: null };
              const result = await call('enrol_manual_enrol_users', {
                'enrolments[0][roleid]': String(roleId),
                'enrolments[0][userid]': userId!,
                'enrolments[0][courseid]': courseId,
              });
              // Success is `null`; Moodle sometimes adds `{warnings: [...]}`.
              const warnings = Array.isArray(asRecord(result).warnings) ? (asRecord(result).warnings as unknown[]) : [];
              if (warnings.length > 0) {
                const said = warnings.map((w) => String(asRecord(w).message ?? '')).join('; ');
                return { outcome: 'failed', lmsUserId: userId, message: `Moodle did not enrol this person: ${said}` };
              }
              current.set(userId!, new Set([...(current.get(userId!) ?? []), roleId]));
              return { outcome: created ? 'created_and_enrolled' : 'enrolled', lmsUserId: userId, message: created ? 'A Moodle account was created; Moodle emails the person a password.' : null };
            } catch (e) {
              if (e instanceof LmsFailureError) return failedPerson(e.failure, userId);
              throw e;
            }
          },
        };
      }),
  };
}

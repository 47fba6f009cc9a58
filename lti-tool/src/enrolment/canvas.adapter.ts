import { callLms, DEFAULT_LMS_HTTP, type LmsAnswer, type LmsHttpOptions } from './lmsHttp';
import {
  asResult,
  failedPerson,
  LmsFailureError,
  type CourseEnroller,
  type LmsAdapter,
  type LmsFailure,
  type PersonResult,
  type PersonToEnrol,
} from './lms.adapter';

/** Pages of a listing Staffroom follows at most (100 items each). */
const MAX_PAGES = 500;
/** Pages of a user search Staffroom reads before giving up on an exact match. */
const MAX_SEARCH_PAGES = 5;
/**
 * Only an active enrolment gives access. An `invited` one (not yet accepted) or an `inactive` one is posted
 * again with enrollment_state=active, which Canvas applies to the existing enrolment rather than adding one.
 */
const LIVE_STATES = new Set(['active']);

type Json = Record<string, unknown>;
const asRecord = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : null);

/** Course references go into the path as Canvas documents them: `42` or `lti_context_id:abc` (the colon unescaped). */
const coursePath = (courseId: string) => encodeURIComponent(courseId).replace(/%3A/gi, ':');

function explain(answer: Exclude<LmsAnswer, { kind: 'json' }>, what: string): LmsFailure {
  switch (answer.kind) {
    case 'http_error':
      if (answer.status === 401 && (answer.wwwAuthenticate || /invalid access token/i.test(answer.detail))) {
        return { kind: 'token_refused', message: `Canvas refused the API token (${answer.detail || 'HTTP 401'}). Generate a new access token and save the connection again.` };
      }
      if (answer.status === 401 || answer.status === 403) {
        return { kind: 'permission_missing', message: `Canvas did not allow ${what}: ${answer.detail || `HTTP ${answer.status}`}. The token's user needs the account permissions listed in the Staffroom enrolment guide.` };
      }
      if (answer.status === 404) return { kind: 'course_not_found', message: `Canvas answered 404 Not Found for ${what}.` };
      return { kind: 'lms_error', message: `Canvas answered HTTP ${answer.status} for ${what}${answer.detail ? `: ${answer.detail}` : ''}.` };
    case 'rate_limited':
      return { kind: 'rate_limited', message: `Canvas kept rate-limiting Staffroom for ${what}${answer.retryAfterSeconds !== null ? ` (asked to wait ${answer.retryAfterSeconds} s)` : ''}. Run the enrolment again later: people already enrolled are skipped.` };
    case 'unreachable':
      return { kind: 'unreachable', message: `Staffroom could not reach Canvas for ${what} (${answer.reason}).` };
    case 'redirected':
      return { kind: 'bad_answer', message: `Canvas redirected the request for ${what} (HTTP ${answer.status}). Use the Canvas address itself (https://…instructure.com or your own Canvas domain) as the base URL.` };
    case 'not_json':
      return { kind: 'bad_answer', message: `The server answered ${what} with ${answer.contentType}, not JSON: is the base URL the Canvas address?` };
    case 'too_large':
      return { kind: 'bad_answer', message: `Canvas's answer to ${what} is larger than Staffroom accepts.` };
    default: {
      const unhandled: never = answer;
      return unhandled;
    }
  }
}

/** Canvas REST (`/api/v1`) with an admin's access token: user lookup by email and course enrolments. */
export function createCanvasAdapter(settings: { baseUrl: string; token: string }, http: LmsHttpOptions = DEFAULT_LMS_HTTP): LmsAdapter {
  const origin = new URL(settings.baseUrl).origin;

  async function call(method: 'GET' | 'POST', url: string, what: string, form?: URLSearchParams) {
    const answer = await callLms({ method, url, bearer: settings.token, form }, http);
    if (answer.kind !== 'json') throw new LmsFailureError(explain(answer, what));
    return answer;
  }

  /** Follows rel="next" links, but only on the Canvas origin: the token must never go elsewhere (a foreign link ends the listing). */
  async function* pages(firstUrl: string, what: string, maxPages: number): AsyncGenerator<unknown[]> {
    let url: string | undefined = firstUrl;
    for (let page = 0; url && page < maxPages; page++) {
      const answer = await call('GET', url, what);
      if (!Array.isArray(answer.body)) throw new LmsFailureError({ kind: 'bad_answer', message: `Canvas's answer to ${what} is not a list.` });
      yield answer.body;
      const next: string | undefined = answer.links.next;
      url = next && new URL(next, origin).origin === origin ? new URL(next, origin).toString() : undefined;
    }
  }

  const api = (path: string) => `${settings.baseUrl}/api/v1${path}`;

  async function findUser(email: string): Promise<{ id: string } | { problem: 'none' } | { problem: 'ambiguous'; count: number }> {
    // The account user search matches names, login ids and emails; keep exact (case-insensitive) email or login matches.
    const query = new URLSearchParams({ search_term: email, per_page: '100' });
    query.append('include[]', 'email');
    const ids = new Set<string>();
    for await (const users of pages(api(`/accounts/self/users?${query}`), 'the user search', MAX_SEARCH_PAGES)) {
      for (const raw of users) {
        const u = asRecord(raw);
        const matches = [u.email, u.login_id].some((v) => typeof v === 'string' && v.trim().toLowerCase() === email);
        const id = idOf(u.id);
        if (matches && id) ids.add(id);
      }
    }
    if (ids.size === 0) return { problem: 'none' };
    if (ids.size > 1) return { problem: 'ambiguous', count: ids.size };
    return { id: [...ids][0]! };
  }

  return {
    check: () =>
      asResult(async () => {
        const what = 'the token check (GET /api/v1/users/self)';
        const answer = await call('GET', api('/users/self'), what).catch((e: unknown) => {
          if (e instanceof LmsFailureError && e.failure.kind === 'course_not_found') {
            throw new LmsFailureError({ kind: 'bad_answer', message: `The server answered 404 Not Found for ${what}: is the base URL the Canvas address?` });
          }
          throw e;
        });
        const me = asRecord(answer.body);
        if (!idOf(me.id)) throw new LmsFailureError({ kind: 'bad_answer', message: 'The answer to GET /api/v1/users/self is not a Canvas user: is the base URL the Canvas address?' });
        return { lmsUserName: typeof me.name === 'string' ? me.name : null, siteName: null };
      }),

    openCourse: (courseId) =>
      asResult(async (): Promise<CourseEnroller> => {
        const course = coursePath(courseId);
        const what = `the enrolments of course ${courseId}`;
        // userId → enrolment types that already give access.
        const current = new Map<string, Set<string>>();
        try {
          for await (const list of pages(api(`/courses/${course}/enrollments?per_page=100`), what, MAX_PAGES)) {
            for (const raw of list) {
              const e = asRecord(raw);
              const userId = idOf(e.user_id);
              if (!userId || typeof e.type !== 'string' || !LIVE_STATES.has(String(e.enrollment_state))) continue;
              current.set(userId, (current.get(userId) ?? new Set()).add(e.type));
            }
          }
        } catch (e) {
          if (e instanceof LmsFailureError && e.failure.kind === 'course_not_found') {
            throw new LmsFailureError({ kind: 'course_not_found', message: `Canvas has no course ${courseId} that the token's user can see. Check that the course exists and that the token belongs to an account admin.` });
          }
          throw e;
        }

        return {
          async enrol(person: PersonToEnrol): Promise<PersonResult> {
            let userId: string | null = null;
            try {
              const found = await findUser(person.email);
              if ('problem' in found) {
                return found.problem === 'none'
                  ? { outcome: 'not_found', lmsUserId: null, message: 'No Canvas user has this email or login. Staffroom does not create Canvas users: add the person in Canvas (SIS import or Admin → People), then run the enrolment again.' }
                  : { outcome: 'failed', lmsUserId: null, message: `${found.count} Canvas users have this email or login; enrol this person in Canvas by hand.` };
              }
              userId = found.id;
              const type = person.role === 'lead' ? 'TeacherEnrollment' : 'StudentEnrollment';
              if (current.get(userId)?.has(type)) return { outcome: 'already_enrolled', lmsUserId: userId, message: null };
              const form = new URLSearchParams({
                'enrollment[user_id]': userId,
                'enrollment[type]': type,
                'enrollment[enrollment_state]': 'active',
                'enrollment[notify]': 'false',
              });
              await call('POST', api(`/courses/${course}/enrollments`), `enrolling Canvas user ${userId}`, form);
              current.set(userId, (current.get(userId) ?? new Set()).add(type));
              return { outcome: 'enrolled', lmsUserId: userId, message: null };
            } catch (e) {
              if (e instanceof LmsFailureError) return failedPerson(e.failure, userId);
              throw e;
            }
          },
        };
      }),
  };
}

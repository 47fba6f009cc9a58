import express, { type NextFunction, type Request, type Response } from 'express';
import { listenOnLoopback } from './listen';

/** A Canvas user as the emulator holds it. */
export interface CanvasUser {
  id: number;
  name: string;
  email: string | null;
  loginId: string;
}

/** A course enrolment. */
export interface CanvasEnrollment {
  id: number;
  userId: number;
  courseId: number;
  type: string;
  state: string;
  notify: string | undefined;
}

/** A request the emulator saw (for assertions about headers and paging). */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  userAgent: string | undefined;
  authorization: string | undefined;
}

const ENROLLMENT_TYPES = ['StudentEnrollment', 'TeacherEnrollment', 'TaEnrollment', 'ObserverEnrollment', 'DesignerEnrollment'];
const NOT_FOUND = { errors: [{ message: 'The specified resource does not exist.' }] };

/**
 * A local emulation of the Canvas REST endpoints Staffroom's enrolment uses, with in-memory users,
 * courses and enrolments; Bearer token check, `Link` pagination and fault injection. Real Canvas
 * behaviours kept: 401 + WWW-Authenticate for a bad token, throttling as 403 "Rate Limit Exceeded"
 * (or 429 from a proxy), re-enrolling an enrolled user returns the existing enrolment.
 */
export async function startCanvasEmulator(o: { token: string; maxPerPage?: number }) {
  const state = {
    token: o.token,
    users: [] as CanvasUser[],
    courses: new Map<number, { id: number; ltiContextId: string }>(),
    enrollments: [] as CanvasEnrollment[],
    requests: [] as SeenRequest[],
    nextId: 1000,
  };
  const faults = {
    throttled: 0,
    retryAfter: '1' as string | null,
    throttleStyle: '429' as '429' | '403',
    serverErrors: 0,
    failEnrolmentOf: new Map<string, number>(),
  };

  const app = express();
  app.set('query parser', 'extended'); // Rails reads include[]=email and state[]=active as lists
  app.use(express.urlencoded({ extended: true }));
  app.use(express.json());
  app.use((req: Request, res: Response, next: NextFunction) => {
    state.requests.push({ method: req.method, path: req.path, query: { ...req.query }, userAgent: req.get('user-agent'), authorization: req.get('authorization') });
    if (!req.get('user-agent')) return void res.status(400).json({ errors: [{ message: 'A User-Agent header is required.' }] });
    if (faults.throttled > 0) {
      faults.throttled--;
      if (faults.retryAfter !== null) res.set('retry-after', faults.retryAfter);
      if (faults.throttleStyle === '403') return void res.status(403).type('text/plain').send('403 Forbidden (Rate Limit Exceeded)');
      return void res.status(429).json({ errors: [{ message: 'Too many requests' }] });
    }
    if (req.get('authorization') !== `Bearer ${state.token}`) {
      return void res.status(401).set('www-authenticate', 'Bearer realm="canvas-lms"').json({ errors: [{ message: 'Invalid access token.' }] });
    }
    if (faults.serverErrors > 0) {
      faults.serverErrors--;
      return void res.status(500).type('html').send('<html><body><h1>Page Error</h1><p>Something went wrong</p></body></html>');
    }
    next();
  });

  /** Canvas pages with ?page and ?per_page and says where the others are in `Link`. */
  function paginate<T>(req: Request, res: Response, all: T[]): T[] {
    const perPage = Math.min(o.maxPerPage ?? 100, Math.max(1, Number(req.query.per_page) || 10));
    const page = Math.max(1, Number(req.query.page) || 1);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number) => {
      const url = new URL(`${base.url}${req.originalUrl}`);
      url.searchParams.set('page', String(p));
      url.searchParams.set('per_page', String(perPage));
      return url.toString();
    };
    const rels = [`<${link(page)}>; rel="current"`, `<${link(1)}>; rel="first"`, `<${link(lastPage)}>; rel="last"`];
    if (page < lastPage) rels.unshift(`<${link(page + 1)}>; rel="next"`);
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
    res.set('link', rels.join(','));
    return all.slice((page - 1) * perPage, page * perPage);
  }

  function findCourse(ref: string) {
    const lti = /^lti_context_id:(.+)$/.exec(ref);
    if (lti) return [...state.courses.values()].find((c) => c.ltiContextId === lti[1]) ?? null;
    return /^\d+$/.test(ref) ? (state.courses.get(Number(ref)) ?? null) : null;
  }

  const presentUser = (u: CanvasUser, withEmail: boolean) => ({
    id: u.id, name: u.name, sortable_name: u.name, short_name: u.name, login_id: u.loginId, ...(withEmail ? { email: u.email } : {}),
  });

  app.get('/api/v1/users/self', (_req, res) => void res.json({ id: 1, name: 'District Integration Admin', short_name: 'Integration' }));

  app.get('/api/v1/accounts/self/users', (req, res) => {
    const term = String(req.query.search_term ?? '').toLowerCase();
    if (term && term.length < 2) return void res.status(400).json({ errors: [{ message: 'search_term of 2 or more characters is required', field: 'search_term' }] });
    const include = ([] as unknown[]).concat(req.query.include ?? []);
    const matches = state.users.filter((u) => !term || [u.name, u.loginId, u.email ?? ''].some((f) => f.toLowerCase().includes(term)));
    res.json(paginate(req, res, matches).map((u) => presentUser(u, include.includes('email'))));
  });

  app.get('/api/v1/courses/:course/enrollments', (req, res) => {
    const course = findCourse(String(req.params.course));
    if (!course) return void res.status(404).json(NOT_FOUND);
    const states = ([] as unknown[]).concat(req.query.state ?? ['active', 'invited']);
    const list = state.enrollments.filter((e) => e.courseId === course.id && states.includes(e.state));
    res.json(paginate(req, res, list).map((e) => ({ id: e.id, user_id: e.userId, course_id: e.courseId, type: e.type, enrollment_state: e.state })));
  });

  app.post('/api/v1/courses/:course/enrollments', (req, res) => {
    const course = findCourse(String(req.params.course));
    if (!course) return void res.status(404).json(NOT_FOUND);
    const e = (req.body?.enrollment ?? {}) as Record<string, string>;
    if (!ENROLLMENT_TYPES.includes(e.type ?? '')) return void res.status(400).json({ errors: { type: [{ message: 'invalid type' }] } });
    const user = state.users.find((u) => String(u.id) === String(e.user_id));
    if (!user) return void res.status(404).json(NOT_FOUND);
    const failWith = faults.failEnrolmentOf.get(user.email?.toLowerCase() ?? '');
    if (failWith) return void res.status(failWith).json({ errors: [{ message: `Emulated failure for user ${user.id}` }] });
    let enrollment = state.enrollments.find((x) => x.courseId === course.id && x.userId === user.id && x.type === e.type);
    if (enrollment) enrollment.state = e.enrollment_state ?? enrollment.state;
    else {
      enrollment = { id: state.nextId++, userId: user.id, courseId: course.id, type: e.type!, state: e.enrollment_state ?? 'invited', notify: e.notify };
      state.enrollments.push(enrollment);
    }
    res.json({ id: enrollment.id, user_id: user.id, course_id: course.id, type: enrollment.type, enrollment_state: enrollment.state });
  });

  const base = await listenOnLoopback(app);
  return {
    url: base.url,
    state,
    faults: {
      /** The next `count` requests are throttled (429 JSON, or Canvas's own 403 text), with this Retry-After (null: none). */
      throttle(count: number, retryAfter: string | null = '1', style: '429' | '403' = '429') {
        Object.assign(faults, { throttled: count, retryAfter, throttleStyle: style });
      },
      /** The next `count` authenticated requests answer 500 with an HTML error page. */
      serverErrors(count: number) {
        faults.serverErrors = count;
      },
      /** Enrolling the user with this email answers `status`. */
      failEnrolmentOf(email: string, status = 500) {
        faults.failEnrolmentOf.set(email.toLowerCase(), status);
      },
      /** Revokes the token: every later call answers 401 Invalid access token. */
      revokeToken() {
        state.token = `revoked-${Date.now()}`;
      },
      clear() {
        Object.assign(faults, { throttled: 0, serverErrors: 0 });
        faults.failEnrolmentOf.clear();
      },
    },
    addUser(u: Omit<CanvasUser, 'id'> & { id?: number }): CanvasUser {
      const user = { ...u, id: u.id ?? state.nextId++ };
      state.users.push(user);
      return user;
    },
    addCourse(id: number, ltiContextId: string) {
      state.courses.set(id, { id, ltiContextId });
    },
    enrolledIn(courseId: number) {
      return state.enrollments.filter((e) => e.courseId === courseId);
    },
    stop: base.stop,
  };
}

/** A running Canvas emulator. */
export type CanvasEmulator = Awaited<ReturnType<typeof startCanvasEmulator>>;

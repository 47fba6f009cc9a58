import helmet, { type HelmetOptions } from 'helmet';
import type { Request, RequestHandler, Response } from 'express';

const MEMO_MS = 60_000;

/** Helmet's settings (exported for the test that checks the recorded headers against helmet's own). */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      // InstUI (emotion) injects style elements at runtime.
      'style-src': ["'self'", "'unsafe-inline'"],
      // Module content may show https images (the sanitiser keeps only https img src); blob: for fetched files.
      'img-src': ["'self'", 'data:', 'blob:', 'https:'],
      'form-action': ['*'], // launches auto-post to the platform (deep-linking return, auth redirects)
      'frame-ancestors': [(_req, res) => (res as unknown as { locals: { frameAncestors: string } }).locals.frameAncestors],
      'upgrade-insecure-requests': null,
    },
  },
  frameguard: false, // X-Frame-Options would forbid the LMS iframe; frame-ancestors governs framing
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
};

/**
 * Helmet with a CSP whose frame-ancestors are the registered platforms, so Canvas and Moodle can
 * frame the tool while other sites cannot. No inline scripts anywhere. Platform origins are memoised
 * briefly: a new registration shows up within a minute on every process.
 */
export function securityHeaders(listFrameAncestors: () => Promise<string[]>): RequestHandler[] {
  let memo: { at: number; value: string; headers: HeaderOp[] | null } = { at: 0, value: "'self'", headers: null };
  const refresh: RequestHandler = async (_req, res, next) => {
    if (Date.now() - memo.at > MEMO_MS) {
      const origins = [...new Set(await listFrameAncestors())];
      const value = ["'self'", ...origins].join(' ');
      memo = { at: Date.now(), value, headers: value === memo.value ? memo.headers : null };
    }
    res.locals.frameAncestors = memo.value;
    next();
  };
  const helmetHeaders = helmet(HELMET_OPTIONS);
  /*
   * Helmet's headers depend on nothing but the frame ancestors, yet it runs a dozen middlewares per request. So its
   * output is recorded once per frame-ancestors value (helmet is synchronous) and replayed: the same headers, one
   * loop. Should helmet ever not finish synchronously, the request simply goes through helmet itself.
   */
  const headers: RequestHandler = (req, res, next) => {
    const m = memo;
    if (!m.headers || res.locals.frameAncestors !== m.value) {
      const recorded = recordHeaders(helmetHeaders, req, res.locals.frameAncestors as string);
      if (!recorded) return helmetHeaders(req, res, next);
      if (m === memo && m.value === res.locals.frameAncestors) m.headers = recorded;
      replay(res, recorded);
      return next();
    }
    replay(res, m.headers);
    next();
  };
  return [refresh, headers];
}

/** One header helmet sets (value) or removes (null). */
type HeaderOp = [name: string, value: string | null];

function replay(res: Response, ops: HeaderOp[]): void {
  for (const [name, value] of ops) {
    if (value === null) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}

/** Runs helmet on a stand-in response and returns what it did to the headers; null if it did not finish at once. */
function recordHeaders(helmetHeaders: RequestHandler, req: Request, frameAncestors: string): HeaderOp[] | null {
  const ops: HeaderOp[] = [];
  const stand = {
    locals: { frameAncestors },
    setHeader(name: string, value: string | number | readonly string[]) {
      if (typeof value !== 'string') throw new Error('securityHeaders: only string header values are recorded');
      ops.push([name, value]);
      return stand;
    },
    removeHeader(name: string) {
      ops.push([name, null]);
    },
  };
  let finished = false;
  let failed: unknown = undefined;
  try {
    void helmetHeaders(req, stand as unknown as Response, (err?: unknown) => {
      finished = true;
      failed = err;
    });
  } catch {
    return null;
  }
  return finished && !failed ? ops : null;
}

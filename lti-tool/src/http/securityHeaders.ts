import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Request, RequestHandler, Response } from 'express';

const MEMO_MS = 60_000;

/** Helmet's settings (exported for the test that checks the recorded headers against helmet's own). */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      // Nothing inline: the app shell allows InstUI's (emotion's) style elements by a per-response nonce (allowStyleNonce).
      'style-src': ["'self'"],
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

/** Replaces one directive (e.g. frame-ancestors) of the CSP the security headers already set on this response. */
export function setCspDirective(res: ServerResponse, directive: string, value: string): void {
  const csp = res.getHeader('content-security-policy');
  if (typeof csp === 'string') res.setHeader('content-security-policy', csp.replace(new RegExp(`${directive} [^;]*`), `${directive} ${value}`));
}

/**
 * Lets the styles carrying `nonce` apply on this response (the app shell: InstUI styles with emotion, which adds
 * style elements at runtime and puts the nonce on each). Every other response keeps `style-src 'self'`.
 */
export function allowStyleNonce(res: ServerResponse, nonce: string): void {
  setCspDirective(res, 'style-src', `'self' 'nonce-${nonce}'`);
}

/** Sets the security headers on a response (plain node:http); resolves to the frame-ancestors value it used. */
export type ApplySecurityHeaders = (req: IncomingMessage, res: ServerResponse) => Promise<string>;

/**
 * Helmet with a CSP whose frame-ancestors are the registered platforms, so Canvas and Moodle can
 * frame the tool while other sites cannot. No inline scripts anywhere. Platform origins are memoised
 * briefly: a new registration shows up within a minute on every process.
 */
export function createSecurityHeaders(listFrameAncestors: () => Promise<string[]>): ApplySecurityHeaders {
  let memo: { at: number; value: string; headers: HeaderOp[] | null } = { at: 0, value: "'self'", headers: null };
  const helmetHeaders = helmet(HELMET_OPTIONS);
  /*
   * Helmet's headers depend on nothing but the frame ancestors, yet it runs a dozen middlewares per request. So its
   * output is recorded once per frame-ancestors value (helmet is synchronous) and replayed: the same headers, one
   * loop. Should helmet ever not finish synchronously, the request simply goes through helmet itself.
   */
  return async (req, res) => {
    if (Date.now() - memo.at > MEMO_MS) {
      const origins = [...new Set(await listFrameAncestors())];
      const value = ["'self'", ...origins].join(' ');
      memo = { at: Date.now(), value, headers: value === memo.value ? memo.headers : null };
    }
    const m = memo;
    if (!m.headers) {
      const recorded = recordHeaders(helmetHeaders, req, m.value);
      if (!recorded) {
        await runHelmet(helmetHeaders, req, res, m.value);
        return m.value;
      }
      m.headers = recorded;
    }
    replay(res, m.headers);
    return m.value;
  };
}

/**
 * The headers as Express middleware, from the instance the launch lane uses too (one memo per process); routes find
 * the frame-ancestors value in res.locals (LTI 1.1 adds its consumer).
 */
export function securityHeaders(apply: ApplySecurityHeaders): RequestHandler {
  return (req, res, next) => {
    apply(req, res).then((value) => {
      res.locals.frameAncestors = value;
      next();
    }, next);
  };
}

function runHelmet(helmetHeaders: RequestHandler, req: IncomingMessage, res: ServerResponse, frameAncestors: string): Promise<void> {
  const withLocals = Object.assign(res, { locals: { ...(res as Partial<Response>).locals, frameAncestors } });
  return new Promise((resolve, reject) => void helmetHeaders(req as Request, withLocals as unknown as Response, (err?: unknown) => (err ? reject(err) : resolve())));
}

/** One header helmet sets (value) or removes (null). */
type HeaderOp = [name: string, value: string | null];

function replay(res: ServerResponse, ops: HeaderOp[]): void {
  for (const [name, value] of ops) {
    if (value === null) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}

/** Runs helmet on a stand-in response and returns what it did to the headers; null if it did not finish at once. */
function recordHeaders(helmetHeaders: RequestHandler, req: IncomingMessage, frameAncestors: string): HeaderOp[] | null {
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
    void helmetHeaders(req as Request, stand as unknown as Response, (err?: unknown) => {
      finished = true;
      failed = err;
    });
  } catch {
    return null;
  }
  return finished && !failed ? ops : null;
}

import helmet from 'helmet';
import type { RequestHandler } from 'express';

const MEMO_MS = 60_000;

/**
 * Helmet with a CSP whose frame-ancestors are the registered platforms, so Canvas and Moodle can
 * frame the tool while other sites cannot. No inline scripts anywhere. Platform origins are memoised
 * briefly: a new registration shows up within a minute on every process.
 */
export function securityHeaders(listFrameAncestors: () => Promise<string[]>): RequestHandler[] {
  let memo: { at: number; value: string } = { at: 0, value: "'self'" };
  const refresh: RequestHandler = async (_req, res, next) => {
    if (Date.now() - memo.at > MEMO_MS) {
      const origins = [...new Set(await listFrameAncestors())];
      memo = { at: Date.now(), value: ["'self'", ...origins].join(' ') };
    }
    res.locals.frameAncestors = memo.value;
    next();
  };
  const headers = helmet({
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
  });
  return [refresh, headers];
}

import express, { Router, type RequestHandler, type Response } from 'express';
import { setCspDirective } from '../http/securityHeaders';
import { createAppShell } from '../lti/lti.pages';
import { lti11Errors } from './lti11.errors';
import type { Lti11LaunchService } from './lti11.launch.service';
import type { Lti11LaunchParams } from './lti11.params';
import type { OAuthParams } from './oauth1';

/** The path of the LTI 1.1 launch endpoint (the full URL is PUBLIC_URL + this). */
export const LTI11_LAUNCH_PATH = '/lti/1p1/launch';
/** The largest launch form accepted: Canvas sends 50–80 fields, custom parameters included. */
export const MAX_LTI11_FORM_BYTES = 64 * 1024;

/** Replaces the frame-ancestors directive of the CSP helmet already set on this response. */
const setFrameAncestors = (res: Response, sources: string): void => setCspDirective(res, 'frame-ancestors', sources);

/**
 * The LMS origin that frames this launch. LTI 1.1 consumers register no URL with Staffroom, so it is
 * read from the signed launch: the return URL, else the outcome service URL (both on the LMS).
 */
function lmsOrigin(params: Lti11LaunchParams): string | null {
  const url = params.returnUrl ?? params.basicOutcome?.lis_outcome_service_url ?? null;
  return url ? new URL(url).origin : null;
}

/** POST /lti/1p1/launch: LTI 1.1 basic launches, answered with the app or an explanatory page. */
export function lti11Routes(deps: { enabled: boolean; launch: Lti11LaunchService; uiDistDir: string }): Router {
  const router = Router();
  const renderApp = createAppShell(deps.uiDistDir);
  const parse = express.urlencoded({ extended: false, limit: MAX_LTI11_FORM_BYTES, parameterLimit: 200 });
  const form: RequestHandler = (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      const type = (err as { type?: unknown } | undefined)?.type;
      if (type === 'entity.too.large' || type === 'parameters.too.many') return next(lti11Errors.requestTooLarge());
      next(err);
    });
  // Refusals happen before the consumer is known, so the error page may be framed by any LMS (it has no
  // actions to click); a successful launch is framed only by the LMS that signed it (set below).
  const framedErrors: RequestHandler = (_req, res, next) => {
    setFrameAncestors(res, '*');
    res.set('cache-control', 'no-store');
    next();
  };

  router.post(LTI11_LAUNCH_PATH, framedErrors, (_req, _res, next) => next(deps.enabled ? undefined : lti11Errors.disabled()), form, async (req, res) => {
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const outcome = await deps.launch.launch((req.body ?? {}) as OAuthParams, search);
    const origin = lmsOrigin(outcome.params);
    setFrameAncestors(res, [res.locals.frameAncestors ?? "'self'", origin].filter(Boolean).join(' '));
    res.type('html').send(renderApp(res, outcome.token));
  });

  return router;
}

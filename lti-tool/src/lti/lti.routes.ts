import path from 'node:path';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { LaunchOutcome, LaunchService } from './launch.service';
import { MAX_ID_TOKEN_BYTES } from './idToken';
import { launchErrors, type LaunchError } from './launchErrors';
import { createAppShell, launchStoragePage, loginStoragePage } from './lti.pages';
import type { LoginParams, LoginService } from './login.service';
import type { ToolKeysService } from './toolKeys.service';

const stateCookieName = (state: string) => `lti_state_${state.slice(0, 16)}`;

/** A form body parser whose size refusals are launch errors, so the LMS frame shows the explanatory page. */
function ltiForm(parse: RequestHandler, tooLarge: () => LaunchError): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      const type = (err as { type?: unknown } | undefined)?.type;
      if (type === 'entity.too.large') return next(tooLarge());
      if (type === 'parameters.too.many') return next(launchErrors.requestTooLarge());
      next(err);
    });
}

/** LTI 1.3 endpoints: OIDC login, launch, the tool's JWKS and the static assets of the LTI pages. */
export function ltiRoutes(deps: {
  login: LoginService;
  launch: LaunchService;
  toolKeys: ToolKeysService;
  launchUrl: string;
  stateTtlSeconds: number;
  uiDistDir: string;
  /** Rate limits of login initiation and launch (shared counters; see http/rateLimit.ts). */
  limits?: { login: RequestHandler; launch: RequestHandler };
  /** What the app shell carries for the SPA's first screen (GET /api/me's answer), so it needs no round trip. */
  firstScreen?: (session: Extract<LaunchOutcome, { kind: 'session' }>) => Promise<unknown>;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: MAX_ID_TOKEN_BYTES + 8 * 1024, parameterLimit: 20 });
  const renderApp = createAppShell(deps.uiDistDir);

  router.use('/lti/assets', express.static(path.join(__dirname, 'assets'), { maxAge: '1h', index: false }));

  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(await deps.toolKeys.publicJwks());
  });

  const login = async (req: Request, res: Response) => {
    const params = (req.method === 'POST' ? req.body : req.query) as LoginParams;
    const result = await deps.login.initiate(params ?? {});
    // The partitioned cookie binds the state to this browser when the platform offers no storage.
    res.cookie(stateCookieName(result.state), result.state, {
      httpOnly: true,
      secure: true,
      sameSite: 'none',
      partitioned: true,
      path: '/lti',
      maxAge: deps.stateTtlSeconds * 1000,
    });
    res.set('cache-control', 'no-store');
    // A bare 302 (res.redirect would negotiate and render a "Redirecting to" body nobody reads in an LMS frame).
    if (!result.storageTarget) return res.status(302).location(result.authRedirect).end();
    res.type('html').send(
      loginStoragePage({
        authRedirect: result.authRedirect,
        state: result.state,
        storageTarget: result.storageTarget,
        platformOrigin: new URL(result.platform.authUrl).origin,
      }),
    );
  };
  const pass: RequestHandler = (_req, _res, next) => next();
  const { login: loginLimit, launch: launchLimit } = deps.limits ?? { login: pass, launch: pass };
  router.get('/lti/login', loginLimit, login);
  router.post('/lti/login', loginLimit, ltiForm(form, launchErrors.requestTooLarge), login);

  router.post('/lti/launch', launchLimit, ltiForm(form, launchErrors.tokenTooLarge), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const state = typeof body.state === 'string' ? body.state : '';
    const cookies = parseCookies(req.get('cookie') ?? '');
    const outcome = await deps.launch.launch({
      idToken: body.id_token,
      state: body.state,
      cookieState: state ? (cookies[stateCookieName(state)] ?? null) : null,
      storageState: typeof body.storage_state === 'string' ? body.storage_state : null,
    });
    res.set('cache-control', 'no-store');
    if (outcome.kind === 'verify-storage') {
      return res.type('html').send(
        launchStoragePage({
          launchUrl: deps.launchUrl,
          idToken: outcome.idToken,
          state: outcome.state,
          storageTarget: outcome.storageTarget,
          platformOrigin: new URL(outcome.platform.authUrl).origin,
        }),
      );
    }
    res.clearCookie(stateCookieName(state), { path: '/lti', secure: true, sameSite: 'none', partitioned: true });
    res.type('html').send(renderApp(outcome.token, deps.firstScreen ? await deps.firstScreen(outcome) : undefined));
  });

  return router;
}

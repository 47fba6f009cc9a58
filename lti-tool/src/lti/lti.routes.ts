import path from 'node:path';
import express, { Router } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { LaneCall, LaneRoute } from '../http/launchLane';
import { sendHtml } from '../http/rawResponse';
import type { LaunchOutcome, LaunchService } from './launch.service';
import { MAX_ID_TOKEN_BYTES } from './idToken';
import { launchErrors } from './launchErrors';
import { createAppShell, launchStoragePage, loginStoragePage } from './lti.pages';
import type { LoginParams, LoginService } from './login.service';
import type { ToolKeysService } from './toolKeys.service';

const stateCookieName = (state: string) => `lti_state_${state.slice(0, 16)}`;

/** The tool's JWKS and the static assets of the LTI pages (login and launch are lane routes, below). */
export function ltiRoutes(deps: {
  toolKeys: ToolKeysService;
}): Router {
  const router = Router();

  router.use('/lti/assets', express.static(path.join(__dirname, 'assets'), { maxAge: '1h', index: false }));

  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(await deps.toolKeys.publicJwks());
  });

  return router;
}

/** A form small enough for any login or launch: the largest id_token accepted, and room for the other fields. */
const LTI_FORM = { maxBytes: MAX_ID_TOKEN_BYTES + 8 * 1024, maxParams: 20, tooManyParams: launchErrors.requestTooLarge };

/** Cookie attributes of the login state: partitioned, so it works inside the LMS iframe without third-party cookies. */
const STATE_COOKIE = { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/lti' } as const;

/**
 * OIDC login initiation (GET and POST) and the launch, served by the launch lane (http/launchLane.ts). Every refusal
 * is a LaunchError, so the LMS frame shows the explanatory page.
 */
export function ltiLaneRoutes(deps: {
  login: LoginService;
  launch: LaunchService;
  launchUrl: string;
  stateTtlSeconds: number;
  uiDistDir: string;
  /** Rate limits of login initiation and launch (shared counters; see http/rateLimit.ts). */
  limits?: { login: LaneRoute['limit']; launch: LaneRoute['limit'] };
  /** What the app shell carries for the SPA's first screen (GET /api/me's answer), so it needs no round trip. */
  firstScreen?: (session: Extract<LaunchOutcome, { kind: 'session' }>) => Promise<unknown>;
}): LaneRoute[] {
  const renderApp = createAppShell(deps.uiDistDir);

  const login = async ({ req, res, query, form }: LaneCall) => {
    const result = await deps.login.initiate((req.method === 'POST' ? form : query) as LoginParams);
    // The partitioned cookie binds the state to this browser when the platform offers no storage.
    const expires = new Date(Date.now() + deps.stateTtlSeconds * 1000);
    res.appendHeader('Set-Cookie', serializeCookie(stateCookieName(result.state), result.state, { ...STATE_COOKIE, maxAge: deps.stateTtlSeconds, expires }));
    res.setHeader('Cache-Control', 'no-store');
    // A bare 302: a "Redirecting to" body is read by nobody in an LMS frame.
    if (!result.storageTarget) {
      res.statusCode = 302;
      res.setHeader('Location', result.authRedirect);
      res.end();
      return;
    }
    const platformOrigin = new URL(result.platform.authUrl).origin;
    sendHtml(res, 200, loginStoragePage({ authRedirect: result.authRedirect, state: result.state, storageTarget: result.storageTarget, platformOrigin }));
  };

  const launch = async ({ req, res, form }: LaneCall) => {
    const state = typeof form.state === 'string' ? form.state : '';
    const cookies = parseCookies(req.headers.cookie ?? '');
    const outcome = await deps.launch.launch({
      idToken: form.id_token,
      state: form.state,
      cookieState: state ? (cookies[stateCookieName(state)] ?? null) : null,
      storageState: typeof form.storage_state === 'string' ? form.storage_state : null,
    });
    res.setHeader('Cache-Control', 'no-store');
    if (outcome.kind === 'verify-storage') {
      const { idToken, state: sealed, storageTarget, platform } = outcome;
      sendHtml(res, 200, launchStoragePage({ launchUrl: deps.launchUrl, idToken, state: sealed, storageTarget, platformOrigin: new URL(platform.authUrl).origin }));
      return;
    }
    res.appendHeader('Set-Cookie', serializeCookie(stateCookieName(state), '', { ...STATE_COOKIE, httpOnly: false, expires: new Date(1) }));
    sendHtml(res, 200, renderApp(res, outcome.token, deps.firstScreen ? await deps.firstScreen(outcome) : undefined));
  };

  const loginForm = { ...LTI_FORM, tooLarge: launchErrors.requestTooLarge };
  return [
    { method: 'GET', path: '/lti/login', limit: deps.limits?.login, handle: login },
    { method: 'POST', path: '/lti/login', limit: deps.limits?.login, form: loginForm, handle: login },
    { method: 'POST', path: '/lti/launch', limit: deps.limits?.launch, form: { ...LTI_FORM, tooLarge: launchErrors.tokenTooLarge }, handle: launch },
  ];
}

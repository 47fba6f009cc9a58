import path from 'node:path';
import express, { Router, type ErrorRequestHandler, type Response } from 'express';
import { setCspDirective } from '../http/securityHeaders';
import { LaunchError } from '../lti/launchErrors';
import type { ToolUrls } from '../lti/platform.service';
import { canvasDeveloperKeyJson } from './canvas.config';
import { REGISTRATION_ASSETS, registrationCompletePage, registrationFailedPage } from './registration.pages';
import type { DynamicRegistrationService } from './registration.service';

/**
 * The registration pages are framed by an LMS that is not registered yet (and Canvas frames them from the
 * customer's own domain, not its issuer), so their CSP lets any site frame them. They hold no session and
 * their one button only asks the parent window to close the frame.
 */
function frameableByAnyLms(res: Response): void {
  setCspDirective(res, 'frame-ancestors', '*');
}

/** A refused registration is explained on a page the LMS frames, like a refused launch. */
const registrationFailure: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof LaunchError) || res.headersSent) return next(err);
  req.log?.warn({ errorId: err.id, reason: err.message, status: err.status }, 'dynamic registration refused');
  frameableByAnyLms(res);
  res.status(err.status).set('cache-control', 'no-store').type('html').send(registrationFailedPage(err, String(req.id ?? '')));
};

/** Installing Staffroom: LTI Dynamic Registration and the Canvas developer key JSON. */
export function registrationRoutes(deps: { registration: DynamicRegistrationService; urls: ToolUrls }): Router {
  const router = Router();
  router.use(REGISTRATION_ASSETS, express.static(path.join(__dirname, 'assets'), { maxAge: '1h', index: false }));

  router.get('/lti/canvas.json', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(canvasDeveloperKeyJson(deps.urls));
  });

  router.get('/lti/register', async (req, res) => {
    const registration = await deps.registration.register(req.query);
    frameableByAnyLms(res);
    res.set('cache-control', 'no-store').type('html').send(registrationCompletePage(registration));
  });
  router.use('/lti/register', registrationFailure);
  return router;
}

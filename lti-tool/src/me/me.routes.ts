import { Router } from 'express';
import { errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import type { MeStore } from './me.store';

/** GET /api/me: who is signed in, in which course, with which Staffroom role. */
export function meRoutes(deps: { tokens: SessionTokens; store: MeStore }): Router {
  const router = Router();
  router.get('/api/me', requireLaunch(deps.tokens), async (req, res) => {
    const s = sessionOf(req);
    const me = await deps.store.find(s.userId, s.contextId, s.platformId);
    if (!me) throw errors.sessionExpired();
    res.set('cache-control', 'no-store').json({ ...me, role: s.role });
  });
  return router;
}

import { Router } from 'express';
import type { ItemCatalogue } from '../deepLinking/deepLinking.items';
import { errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { presentMe } from './me.present';
import type { MeStore } from './me.store';

/**
 * GET /api/me: who is signed in, in which course, with which Staffroom role, how they arrived
 * (a course link or a deep-linking request) and, for a placed Staffroom link, which item to open.
 */
export function meRoutes(deps: { tokens: SessionTokens; store: MeStore; catalogue: ItemCatalogue }): Router {
  const router = Router();
  router.get('/api/me', requireLaunch(deps.tokens), async (req, res) => {
    const s = sessionOf(req);
    const found = await deps.store.find(s.sessionId, s.userId, s.contextId, s.platformId);
    if (!found) throw errors.sessionExpired();
    const scope = { contextId: s.contextId, platformId: s.platformId, deploymentId: s.deploymentId, role: s.role };
    res.set('cache-control', 'no-store').json(await presentMe(deps.catalogue, found.me, scope, found.launch));
  });
  return router;
}

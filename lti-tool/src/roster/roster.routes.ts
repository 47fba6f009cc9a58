import { Router } from 'express';
import { errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { presentMember, presentRun } from './roster.presenter';
import { rosterQuerySchema } from './roster.schema';
import type { RosterService } from './roster.service';

/** The course roster API: always the caller's own course (the session's context), never another. */
export function rosterRoutes(deps: { tokens: SessionTokens; roster: RosterService }): Router {
  const router = Router();
  const { roster } = deps;

  router.post('/api/roster/sync', requireLaunch(deps.tokens, 'admin'), async (req, res) => {
    const s = sessionOf(req);
    const { run } = await roster.requestSync(s.contextId, 'manual', s.userId);
    res.status(202).set('cache-control', 'no-store').json({ sync: presentRun(run) });
  });

  router.get('/api/roster/syncs/latest', requireLaunch(deps.tokens, 'admin', 'lead'), async (req, res) => {
    const run = await roster.latest(sessionOf(req).contextId);
    res.set('cache-control', 'no-store').json({ sync: run ? presentRun(run) : null });
  });

  router.get('/api/roster', requireLaunch(deps.tokens, 'admin', 'lead'), async (req, res) => {
    const query = rosterQuerySchema.safeParse(req.query);
    if (!query.success) {
      const fields = query.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      throw errors.validation(fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
    }
    const contextId = sessionOf(req).contextId;
    const [page, latest] = await Promise.all([roster.members(contextId, query.data), roster.latest(contextId)]);
    res.set('cache-control', 'no-store').json({ total: page.total, members: page.members.map(presentMember), lastSync: latest ? presentRun(latest) : null });
  });
  return router;
}

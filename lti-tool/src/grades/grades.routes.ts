import { Router } from 'express';
import { errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { presentFailures, presentPassback } from './grades.presenter';
import { failuresQuerySchema, passbackIdSchema } from './grades.schema';
import type { GradesService } from './grades.service';

/** Admin API for grade passback: what failed to reach the LMS gradebook, and sending it again. */
export function gradesRoutes(deps: { tokens: SessionTokens; service: GradesService }): Router {
  const router = Router();
  const admin = requireLaunch(deps.tokens, 'admin');

  router.get('/api/grades/failures', admin, async (req, res) => {
    const query = failuresQuerySchema.safeParse(req.query);
    if (!query.success) throw errors.validation('The query is not valid.', query.error.issues);
    const result = await deps.service.failures(sessionOf(req).contextId, query.data.limit);
    res.set('cache-control', 'no-store').json(presentFailures(result));
  });

  router.post('/api/grades/failures/:id/retry', admin, async (req, res) => {
    const params = passbackIdSchema.safeParse(req.params);
    if (!params.success) throw errors.notFound('That grade passback');
    const passback = await deps.service.retry(sessionOf(req).contextId, params.data.id);
    res.status(202).json({ passback: presentPassback(passback) });
  });
  return router;
}

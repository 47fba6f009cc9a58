import { Router, type RequestHandler } from 'express';
import { requireOperator } from './operator.auth';
import { presentPlatform, presentRegistration } from './operator.presenter';
import type { OperatorService } from './operator.service';

const noStore: RequestHandler = (_req, res, next) => {
  res.set('cache-control', 'no-store');
  next();
};

/**
 * The tool operator's API under /api/operator (mounted only when OPERATOR_TOKEN is set): registering
 * any LTI 1.3 platform by hand, adding deployments and seeing what Dynamic Registration stored.
 */
export function operatorRoutes(deps: { token: string; operator: OperatorService }): Router {
  const router = Router();
  router.use('/api/operator', requireOperator(deps.token), noStore);

  router.get('/api/operator/platforms', async (_req, res) => {
    const platforms = await deps.operator.list();
    res.json({
      platforms: platforms.map((o) => ({ ...presentPlatform(o.platform), latestRegistration: o.latestRegistration && presentRegistration(o.latestRegistration) })),
    });
  });
  router.post('/api/operator/platforms', async (req, res) => {
    const { platform, created } = await deps.operator.register(req.body);
    res.status(created ? 201 : 200).json({ platform: presentPlatform(platform), created });
  });
  router.post('/api/operator/platforms/:platformId/deployments', async (req, res) => {
    const { platform, created } = await deps.operator.addDeployment(req.params.platformId, req.body);
    res.status(created ? 201 : 200).json({ platform: presentPlatform(platform), created });
  });
  router.get('/api/operator/platforms/:platformId/registrations', async (req, res) => {
    const registrations = await deps.operator.registrations(req.params.platformId);
    res.json({ registrations: registrations.map((r) => presentRegistration(r, true)) });
  });
  return router;
}

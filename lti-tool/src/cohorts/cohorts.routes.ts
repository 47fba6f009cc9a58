import { Router, type Response } from 'express';
import type { LaneRoute } from '../http/launchLane';
import { sendJson } from '../http/rawResponse';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import type { CohortService } from './cohorts.service';
import { createCohortBody, createInviteBody, joinBody, listCohortsQuery, membersQuery, saveAsTemplateBody, updateCohortBody } from './cohorts.schema';
import type { MembersService } from './members.service';
import type { NetworkService } from './network.service';
import { param, parseInput } from './validate';

const noStore = (res: Response) => res.set('cache-control', 'no-store');

/** GET /api/cohorts, the home screen of leads and admins: the first call after their launches, so a launch lane route. */
export function cohortListLaneRoute(deps: { tokens: SessionTokens; cohorts: CohortService }): LaneRoute {
  return {
    method: 'GET',
    path: '/api/cohorts',
    auth: { tokens: deps.tokens, roles: [] },
    async handle({ res, query, session }) {
      const { status } = parseInput(listCohortsQuery, query);
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, 200, { cohorts: await deps.cohorts.list(session!, status) });
    },
  };
}

/**
 * The cohorts API (docs/api/cohorts.md). Every route requires a launch; per-cohort checks (tenant → 404,
 * role → 403) happen in the services through loadCohortAccess.
 */
export function cohortRoutes(deps: { tokens: SessionTokens; cohorts: CohortService; network: NetworkService; members: MembersService }): Router {
  const router = Router();
  const anyone = requireLaunch(deps.tokens);
  const staff = requireLaunch(deps.tokens, 'admin', 'lead');
  const admin = requireLaunch(deps.tokens, 'admin');

  router.post('/api/cohorts', admin, async (req, res) => {
    const body = parseInput(createCohortBody, req.body);
    noStore(res).status(201).json(await deps.cohorts.create(sessionOf(req), body));
  });
  router.post('/api/cohorts/join', admin, async (req, res) => {
    const { code } = parseInput(joinBody, req.body);
    const cohortId = await deps.network.join(sessionOf(req), code);
    noStore(res).json(await deps.cohorts.get(sessionOf(req), cohortId));
  });
  router.get('/api/cohort-templates', staff, async (req, res) => {
    noStore(res).json({ templates: await deps.cohorts.templates(sessionOf(req)) });
  });

  router.get('/api/cohorts/:id', anyone, async (req, res) => {
    noStore(res).json(await deps.cohorts.get(sessionOf(req), param(req, 'id')));
  });
  router.patch('/api/cohorts/:id', admin, async (req, res) => {
    const body = parseInput(updateCohortBody, req.body);
    noStore(res).json(await deps.cohorts.update(sessionOf(req), param(req, 'id'), body));
  });
  router.post('/api/cohorts/:id/save-as-template', admin, async (req, res) => {
    const body = parseInput(saveAsTemplateBody, req.body);
    noStore(res).status(201).json(await deps.cohorts.saveAsTemplate(sessionOf(req), param(req, 'id'), body));
  });

  router.post('/api/cohorts/:id/network-invites', admin, async (req, res) => {
    const { expiresInHours } = parseInput(createInviteBody, req.body);
    noStore(res).status(201).json(await deps.network.createInvite(sessionOf(req), param(req, 'id'), expiresInHours));
  });
  router.get('/api/cohorts/:id/network-invites', admin, async (req, res) => {
    noStore(res).json({ invites: await deps.network.listInvites(sessionOf(req), param(req, 'id')) });
  });
  router.delete('/api/cohorts/:id/network-invites/:inviteId', admin, async (req, res) => {
    await deps.network.revokeInvite(sessionOf(req), param(req, 'id'), param(req, 'inviteId'));
    res.status(204).end();
  });
  router.delete('/api/cohorts/:id/contexts/:contextId', admin, async (req, res) => {
    await deps.network.removeContext(sessionOf(req), param(req, 'id'), param(req, 'contextId'));
    res.status(204).end();
  });

  router.get('/api/cohorts/:id/members', staff, async (req, res) => {
    const query = parseInput(membersQuery, req.query);
    noStore(res).json(await deps.members.members(sessionOf(req), param(req, 'id'), query));
  });
  router.put('/api/cohorts/:id/modules/:moduleId/facilitators/:userId', admin, async (req, res) => {
    const { created, facilitator } = await deps.members.assignFacilitator(sessionOf(req), param(req, 'id'), param(req, 'moduleId'), param(req, 'userId'));
    noStore(res).status(created ? 201 : 200).json(facilitator);
  });
  router.delete('/api/cohorts/:id/modules/:moduleId/facilitators/:userId', admin, async (req, res) => {
    await deps.members.unassignFacilitator(sessionOf(req), param(req, 'id'), param(req, 'moduleId'), param(req, 'userId'));
    res.status(204).end();
  });
  return router;
}

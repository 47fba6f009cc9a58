import { Router } from 'express';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { p, parse, send } from './auditions.http';
import { createAuditionBody, reassignBody, updateAuditionBody } from './auditions.schema';
import type { LeadService } from './lead.service';
import type { SetupService } from './setup.service';

/** Audition set-up and the lead's side: overview, history, allocation, reassignment, feedback quality. */
export function auditionSetupRoutes(deps: { tokens: SessionTokens; setup: SetupService; lead: LeadService }): Router {
  const router = Router();
  const auth = requireLaunch(deps.tokens);
  const base = '/api/cohorts/:cohortId/auditions';
  const one = `${base}/:auditionId`;

  router.get(base, auth, async (req, res) => send(res, await deps.setup.list(sessionOf(req), p(req, 'cohortId'))));
  router.post(base, auth, async (req, res) => send(res, await deps.setup.create(sessionOf(req), p(req, 'cohortId'), parse(createAuditionBody, req.body)), 201));
  router.get(one, auth, async (req, res) => send(res, await deps.setup.get(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'))));
  router.patch(one, auth, async (req, res) => send(res, await deps.setup.update(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'), parse(updateAuditionBody, req.body))));
  router.get(`${one}/overview`, auth, async (req, res) => send(res, await deps.lead.overview(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'))));
  router.get(`${one}/quality`, auth, async (req, res) => send(res, await deps.lead.quality(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'))));
  router.get(`${one}/submissions/:submissionId`, auth, async (req, res) =>
    send(res, await deps.lead.history(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'), p(req, 'submissionId'))),
  );
  router.post(`${one}/allocate`, auth, async (req, res) => send(res, await deps.lead.allocate(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'))));
  router.post(`${one}/reviews/:reviewId/reassign`, auth, async (req, res) =>
    send(res, await deps.lead.reassign(sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId'), p(req, 'reviewId'), parse(reassignBody, req.body).toUserId)),
  );
  return router;
}

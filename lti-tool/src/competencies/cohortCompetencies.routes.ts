import { Router, type Response } from 'express';
import { param, parseInput } from '../cohorts/validate';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import type { CertificateService } from './certificates.service';
import type { CohortCompetencyService } from './cohortCompetencies.service';
import { cohortCompetenciesBody, heatmapQuery, linkBody, ownEvidenceBody, queueQuery, ratingBody, reviewRequestBody } from './competencies.schema';
import type { EvidenceService } from './evidence.service';
import type { RatingsService } from './ratings.service';
import type { CompetencyViews } from './views.service';

const noStore = (res: Response) => res.set('cache-control', 'no-store');

/** A cohort's competencies: settings, links, evidence, the grading queue, ratings, profiles, heatmap and certificates. */
export function cohortCompetencyRoutes(deps: {
  tokens: SessionTokens;
  cohortCompetencies: CohortCompetencyService;
  evidence: EvidenceService;
  ratings: RatingsService;
  views: CompetencyViews;
  certificates: CertificateService;
}): Router {
  const router = Router();
  const anyone = requireLaunch(deps.tokens);
  const staff = requireLaunch(deps.tokens, 'admin', 'lead');
  const admin = requireLaunch(deps.tokens, 'admin');
  const base = '/api/cohorts/:id';
  const ids = (req: Parameters<Parameters<typeof router.get>[1]>[0]) => [sessionOf(req), param(req, 'id')] as const;

  router.get(`${base}/competencies`, anyone, async (req, res) => void noStore(res).json(await deps.cohortCompetencies.get(...ids(req))));
  router.put(`${base}/competencies`, admin, async (req, res) => void noStore(res).json(await deps.cohortCompetencies.set(...ids(req), parseInput(cohortCompetenciesBody, req.body))));
  router.get(`${base}/competencies/:competencyId/links`, staff, async (req, res) => void noStore(res).json(await deps.cohortCompetencies.links(...ids(req), param(req, 'competencyId'))));
  router.put(`${base}/competencies/:competencyId/links`, admin, async (req, res) => {
    noStore(res).json(await deps.cohortCompetencies.link(...ids(req), param(req, 'competencyId'), parseInput(linkBody, req.body)));
  });
  router.delete(`${base}/competencies/:competencyId/links/:linkId`, admin, async (req, res) => {
    await deps.cohortCompetencies.unlink(...ids(req), param(req, 'competencyId'), param(req, 'linkId'));
    res.status(204).end();
  });

  router.post(`${base}/competencies/:competencyId/evidence`, anyone, async (req, res) => {
    noStore(res).status(201).json(await deps.evidence.addOwn(...ids(req), param(req, 'competencyId'), parseInput(ownEvidenceBody, req.body)));
  });
  router.post(`${base}/competencies/:competencyId/review-requests`, anyone, async (req, res) => {
    const { note } = parseInput(reviewRequestBody, req.body);
    noStore(res).status(201).json(await deps.evidence.requestReview(...ids(req), param(req, 'competencyId'), note));
  });

  router.get(`${base}/grading-queue`, staff, async (req, res) => void noStore(res).json(await deps.views.queue(...ids(req), parseInput(queueQuery, req.query))));
  router.get(`${base}/competency-heatmap`, staff, async (req, res) => void noStore(res).json(await deps.views.heatmap(...ids(req), parseInput(heatmapQuery, req.query))));
  router.get(`${base}/people/:userId/competencies`, anyone, async (req, res) => void noStore(res).json(await deps.views.profile(...ids(req), param(req, 'userId'))));
  router.get(`${base}/people/:userId/competencies/:competencyId`, anyone, async (req, res) => {
    noStore(res).json(await deps.views.profile(...ids(req), param(req, 'userId'), param(req, 'competencyId')));
  });
  router.post(`${base}/people/:userId/competencies/:competencyId/ratings`, staff, async (req, res) => {
    noStore(res).status(201).json(await deps.ratings.rate(...ids(req), param(req, 'userId'), param(req, 'competencyId'), parseInput(ratingBody, req.body)));
  });

  router.get('/api/competency-certificates', anyone, async (req, res) => void noStore(res).json(await deps.certificates.mine(sessionOf(req))));
  router.get(`${base}/certificates`, staff, async (req, res) => void noStore(res).json(await deps.certificates.holders(...ids(req))));
  router.get(`${base}/people/:userId/certificate`, anyone, async (req, res) => void noStore(res).json(await deps.certificates.get(...ids(req), param(req, 'userId'))));
  router.get(`${base}/people/:userId/certificate.html`, anyone, async (req, res) => {
    noStore(res).type('html').send(await deps.certificates.page(...ids(req), param(req, 'userId')));
  });
  return router;
}

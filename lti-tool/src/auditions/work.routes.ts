import { Router } from 'express';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { p, parse, send } from './auditions.http';
import { calibrationBody, ratingBody, reviewDraftBody, saveDraftBody, submitBody, submitReviewBody } from './auditions.schema';
import type { NotificationsService } from './notifications.service';
import type { ReviewingService } from './reviewing.service';
import type { SubmissionsService } from './submissions.service';

/** A teacher's side: their submission, the feedback-to-give queue, reviews, ratings, calibration, notifications. */
export function auditionWorkRoutes(deps: { tokens: SessionTokens; submissions: SubmissionsService; reviewing: ReviewingService; notifications: NotificationsService }): Router {
  const router = Router();
  const auth = requireLaunch(deps.tokens);
  const one = '/api/cohorts/:cohortId/auditions/:auditionId';
  const ids = (req: Parameters<typeof p>[0]) => [sessionOf(req), p(req, 'cohortId'), p(req, 'auditionId')] as const;

  router.get('/api/feedback-to-give', auth, async (req, res) => send(res, await deps.reviewing.queue(sessionOf(req))));
  router.get('/api/notifications', auth, async (req, res) => send(res, await deps.notifications.list(sessionOf(req))));
  router.post('/api/notifications/:id/read', auth, async (req, res) => send(res, await deps.notifications.read(sessionOf(req), p(req, 'id'))));

  router.get(`${one}/submission`, auth, async (req, res) => send(res, await deps.submissions.mine(...ids(req))));
  router.put(`${one}/submission/draft`, auth, async (req, res) => send(res, await deps.submissions.saveDraft(...ids(req), parse(saveDraftBody, req.body))));
  router.post(`${one}/submission/versions`, auth, async (req, res) => send(res, await deps.submissions.submit(...ids(req), parse(submitBody, req.body).revision), 201));
  router.post(`${one}/submission/withdraw`, auth, async (req, res) => send(res, await deps.submissions.withdraw(...ids(req))));

  router.get(`${one}/reviews/:reviewId`, auth, async (req, res) => send(res, await deps.reviewing.get(...ids(req), p(req, 'reviewId'))));
  router.put(`${one}/reviews/:reviewId/draft`, auth, async (req, res) => send(res, await deps.reviewing.saveDraft(...ids(req), p(req, 'reviewId'), parse(reviewDraftBody, req.body))));
  router.post(`${one}/reviews/:reviewId/submit`, auth, async (req, res) => send(res, await deps.reviewing.submit(...ids(req), p(req, 'reviewId'), parse(submitReviewBody, req.body).answers)));
  router.put(`${one}/reviews/:reviewId/rating`, auth, async (req, res) => send(res, await deps.reviewing.rate(...ids(req), p(req, 'reviewId'), parse(ratingBody, req.body))));

  router.get(`${one}/calibration`, auth, async (req, res) => send(res, await deps.reviewing.calibration(...ids(req))));
  router.post(`${one}/calibration`, auth, async (req, res) => send(res, await deps.reviewing.calibrate(...ids(req), parse(calibrationBody, req.body).answers)));
  return router;
}

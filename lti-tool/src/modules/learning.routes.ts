import { Router, type Request } from 'express';
import type { LaneRoute } from '../http/launchLane';
import { sendJson } from '../http/rawResponse';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import type { AccessLoader } from './moduleEditor.routes';
import { pageQuery, progressBody, progressMatrixQuery, saveAgreementBody, saveResponseBody, surveyAnswerBody, timeOnStepBody } from './modules.schema';
import { idParam, parse, send } from './modules.http';
import type { MyLearningService } from './myLearning.service';
import type { PlayerService } from './player.service';
import type { ProgressService } from './progress.service';
import type { ProgressMatrixService } from './progressMatrix.service';
import type { ResponsesService } from './responses.service';
import type { StepTimeService } from './stepTime.service';
import type { SurveyService } from './survey.service';

/** GET /api/my-learning, a participant's home screen: the first call after every launch, so a launch lane route. */
export function myLearningLaneRoute(deps: { tokens: SessionTokens; myLearning: MyLearningService }): LaneRoute {
  return {
    method: 'GET',
    path: '/api/my-learning',
    auth: { tokens: deps.tokens, roles: [] },
    async handle({ res, session }) {
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, 200, await deps.myLearning.overview(session!));
    },
  };
}

/**
 * Working through modules: "My learning" (above), PD hours, the module player, progress, written responses and
 * checkpoint records, survey answers and time on task; and the cohort progress matrix for admins and leads.
 */
export function learningRoutes(deps: {
  tokens: SessionTokens;
  access: AccessLoader;
  myLearning: MyLearningService;
  player: PlayerService;
  progress: ProgressService;
  responses: ResponsesService;
  matrix: ProgressMatrixService;
  survey: SurveyService;
  time: StepTimeService;
}): Router {
  const router = Router();
  const auth = requireLaunch(deps.tokens);
  const step = '/api/cohorts/:cohortId/modules/:moduleId/steps/:stepId';
  const access = (req: Request) => deps.access(sessionOf(req), String(req.params.cohortId));
  const moduleId = (req: Request) => idParam(req.params.moduleId, 'Module');
  const stepId = (req: Request) => idParam(req.params.stepId, 'Step');

  router.get('/api/my-learning/pd-hours', auth, async (req, res) => {
    send(res, { ok: true, value: await deps.myLearning.pdHours(sessionOf(req)) });
  });
  router.get('/api/cohorts/:cohortId/progress', auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.matrix.matrix(a, parse(progressMatrixQuery, req.query)));
  });

  router.get('/api/cohorts/:cohortId/modules/:moduleId', auth, async (req, res) => {
    send(res, await deps.player.play(await access(req), sessionOf(req), moduleId(req)));
  });
  router.put(`${step}/progress`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.progress.setProgress(a, sessionOf(req), moduleId(req), stepId(req), parse(progressBody, req.body).status));
  });
  router.get(`${step}/response`, auth, async (req, res) => {
    send(res, await deps.responses.own(await access(req), sessionOf(req), moduleId(req), stepId(req)));
  });
  router.put(`${step}/response`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.responses.save(a, sessionOf(req), moduleId(req), stepId(req), parse(saveResponseBody, req.body)));
  });
  router.get(`${step}/responses`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.responses.shared(a, sessionOf(req), moduleId(req), stepId(req), parse(pageQuery, req.query)));
  });
  router.get(`${step}/responses/:responseId`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.responses.one(a, sessionOf(req), moduleId(req), stepId(req), idParam(req.params.responseId, 'Response')));
  });
  router.put(`${step}/agreement`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.responses.saveAgreement(a, sessionOf(req), moduleId(req), stepId(req), parse(saveAgreementBody, req.body)));
  });
  router.put(`${step}/survey`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.survey.answer(a, sessionOf(req), moduleId(req), stepId(req), parse(surveyAnswerBody, req.body)));
  });
  router.post(`${step}/time`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.time.record(a, sessionOf(req), moduleId(req), stepId(req), parse(timeOnStepBody, req.body).seconds));
  });
  return router;
}

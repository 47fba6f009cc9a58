import { Router, type Request } from 'express';
import type { CohortAccess } from '../cohorts/cohortAccess';
import { requireLaunch, sessionOf, type SessionIdentity, type SessionTokens } from '../lti/session';
import type { ModuleEditor } from './moduleEditor.service';
import { editDraftBody, editStepBody, moduleOrderBody, moduleSettingsBody, newModuleBody, newStepBody, stepOrderBody } from './modules.schema';
import { idParam, parse, send } from './modules.http';
import type { PlayerService } from './player.service';

/** Loads the caller's access to a cohort (404 for a cohort their course does not hold or share). */
export type AccessLoader = (s: SessionIdentity, cohortId: string) => Promise<CohortAccess>;

/**
 * Module editing for cohort admins and module facilitators: the module list, creating, reordering and
 * archiving modules, editing the draft and its steps, previewing it as a teacher, and publishing.
 */
export function moduleEditorRoutes(deps: { tokens: SessionTokens; access: AccessLoader; editor: ModuleEditor; player: PlayerService }): Router {
  const router = Router();
  const auth = requireLaunch(deps.tokens);
  const base = '/api/cohorts/:cohortId/modules';
  const access = (req: Request) => deps.access(sessionOf(req), String(req.params.cohortId));
  const moduleId = (req: Request) => idParam(req.params.moduleId, 'Module');
  const stepId = (req: Request) => idParam(req.params.stepId, 'Step');

  router.get(base, auth, async (req, res) => {
    send(res, { ok: true, value: await deps.editor.outline(await access(req)) });
  });
  router.post(base, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.create(a, sessionOf(req), parse(newModuleBody, req.body)), 201);
  });
  router.put(`${base}/order`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.reorder(a, parse(moduleOrderBody, req.body).moduleIds));
  });
  router.patch(`${base}/:moduleId`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.updateSettings(a, moduleId(req), parse(moduleSettingsBody, req.body)));
  });

  router.get(`${base}/:moduleId/draft`, auth, async (req, res) => {
    send(res, await deps.editor.draft(await access(req), moduleId(req)));
  });
  router.patch(`${base}/:moduleId/draft`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.editFields(a, moduleId(req), parse(editDraftBody, req.body)));
  });
  router.delete(`${base}/:moduleId/draft`, auth, async (req, res) => {
    send(res, await deps.editor.discardDraft(await access(req), moduleId(req)));
  });
  router.get(`${base}/:moduleId/draft/preview`, auth, async (req, res) => {
    send(res, await deps.player.preview(await access(req), moduleId(req)));
  });
  router.post(`${base}/:moduleId/draft/steps`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.addStep(a, moduleId(req), parse(newStepBody, req.body)), 201);
  });
  router.put(`${base}/:moduleId/draft/steps/order`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.reorderSteps(a, moduleId(req), parse(stepOrderBody, req.body).stepIds));
  });
  router.patch(`${base}/:moduleId/draft/steps/:stepId`, auth, async (req, res) => {
    const a = await access(req);
    send(res, await deps.editor.editStep(a, moduleId(req), stepId(req), parse(editStepBody, req.body)));
  });
  router.delete(`${base}/:moduleId/draft/steps/:stepId`, auth, async (req, res) => {
    send(res, await deps.editor.removeStep(await access(req), moduleId(req), stepId(req)));
  });
  router.post(`${base}/:moduleId/publish`, auth, async (req, res) => {
    send(res, await deps.editor.publish(await access(req), sessionOf(req), moduleId(req)));
  });
  return router;
}

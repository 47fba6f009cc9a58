import { pipeline } from 'node:stream/promises';
import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { loadCohortAccess, requireCohortManager } from '../cohorts/cohortAccess';
import { isUuid, param, parseInput } from '../cohorts/validate';
import { errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import type { ErasureService } from './erasure.service';
import type { ExportService } from './export.service';
import { erasureError } from './privacy.errors';
import { eraseBody, privacySettingsBody, studentMaterialBody } from './privacy.schema';
import { STUDENT_MATERIAL_REMINDER, type RetentionService } from './retention.service';
import type { VisibilityService } from './visibility.service';

/** Data-rights routes: export, erasure, retention settings and the student-material mark. Mount after express.json. */
export function privacyRoutes(deps: { db: Knex; tokens: SessionTokens; exports: ExportService; erasure: ErasureService; retention: RetentionService; visibility: VisibilityService }): Router {
  const router = Router();
  const auth = requireLaunch(deps.tokens);

  router.get('/api/me/export', auth, async (req, res) => {
    const { stream, filename } = await deps.exports.build(sessionOf(req));
    res.set({ 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' });
    // Once bytes are sent no error answer is possible: a failure or a closed connection just ends the download.
    await pipeline(stream, res).catch((err: unknown) => {
      if (!res.headersSent) throw err;
    });
  });

  router.get('/api/me/visibility', auth, async (req, res) => {
    res.set('cache-control', 'private, no-store').json({ visibility: await deps.visibility.forMe(sessionOf(req)) });
  });

  router.delete('/api/admin/people/:userId', requireLaunch(deps.tokens, 'admin'), async (req, res) => {
    const userId = param(req, 'userId');
    if (!isUuid(userId)) throw errors.notFound('That person');
    const body = parseInput(eraseBody, req.body);
    const result = await deps.erasure.erase(sessionOf(req), userId, body.confirm);
    if (!result.ok) throw erasureError(result.error);
    res.json({ erased: result.value });
  });

  router.get('/api/cohorts/:cohortId/privacy', auth, async (req, res) => {
    const access = await loadCohortAccess(deps.db, sessionOf(req), param(req, 'cohortId'));
    res.json({ privacy: { studentFileRetentionDays: await deps.retention.retentionDays(access.cohort.id) } });
  });

  router.put('/api/cohorts/:cohortId/privacy', auth, async (req, res) => {
    const access = await loadCohortAccess(deps.db, sessionOf(req), param(req, 'cohortId'));
    requireCohortManager(access);
    const body = parseInput(privacySettingsBody, req.body);
    await deps.retention.setRetentionDays(access.cohort.id, body.studentFileRetentionDays);
    res.json({ privacy: body });
  });

  router.put('/api/attachments/:id/student-material', auth, async (req, res) => {
    const id = param(req, 'id');
    const body = parseInput(studentMaterialBody, req.body);
    if (!isUuid(id) || !(await deps.retention.markStudentMaterial(sessionOf(req).userId, id, body.containsStudentMaterial))) throw errors.notFound('Attachment');
    res.json({ attachment: { id, containsStudentMaterial: body.containsStudentMaterial } });
  });
  return router;
}

/**
 * Runs before the upload route: adds the consent reminder to every upload answer and, with
 * `?studentMaterial=true`, marks the new file as student material before the answer is sent.
 */
export function uploadReminder(retention: RetentionService): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    const mark = req.query.studentMaterial === 'true';
    res.json = (body: unknown) => {
      const attachment = (body as { attachment?: { id?: string; ownedByYou?: boolean } } | null)?.attachment;
      if (res.statusCode !== 201 || !attachment?.id) return json(body); // errors stay as the error middleware wrote them
      const answer = (marked: boolean) => json({ ...(body as object), attachment: { ...attachment, containsStudentMaterial: marked }, reminder: STUDENT_MATERIAL_REMINDER });
      if (!mark) return answer(false);
      const session = sessionOf(req);
      void retention.markStudentMaterial(session.userId, attachment.id, mark).then(
        () => answer(true),
        (err: unknown) => next(err),
      );
      return res;
    };
    next();
  };
}

import express, { Router, type Response } from 'express';
import { AppError } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { param, parseInput } from '../cohorts/validate';
import { copyFrameworkBody, createCompetencyBody, createFrameworkBody, csvImportQuery, updateCompetencyBody, updateFrameworkBody } from './competencies.schema';
import { readCasePackage, writeCasePackage } from './frameworkCase';
import { csvTemplate, readFrameworkCsv, writeFrameworkCsv } from './frameworkCsv';
import type { FrameworkService } from './frameworks.service';

/** Largest import body (CSV or CASE JSON); larger answers 413 `payload_too_large` before anything is read. */
export const IMPORT_LIMIT = '5mb';
const noStore = (res: Response) => res.set('cache-control', 'no-store');
const fileName = (title: string, ext: string) => `${title.replace(/[^A-Za-z0-9 _-]+/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'framework'}.${ext}`;

/** Imports, mounted before the app's 256 kB JSON parser: they parse their own (larger) bodies. */
export function frameworkImportRoutes(deps: { tokens: SessionTokens; frameworks: FrameworkService }): Router {
  const router = Router();
  const admin = requireLaunch(deps.tokens, 'admin');
  const csvBody = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: IMPORT_LIMIT });
  router.post('/api/competency-frameworks/import/csv', admin, csvBody, async (req, res) => {
    if (typeof req.body !== 'string') throw new AppError(415, 'unsupported_media_type', 'Send the CSV as the body with content-type text/csv.');
    const meta = parseInput(csvImportQuery, req.query);
    noStore(res).status(201).json(await deps.frameworks.importDraft(sessionOf(req), readFrameworkCsv(req.body, meta)));
  });
  router.post('/api/competency-frameworks/import/case', admin, express.json({ limit: IMPORT_LIMIT }), async (req, res) => {
    noStore(res).status(201).json(await deps.frameworks.importDraft(sessionOf(req), readCasePackage(req.body)));
  });
  return router;
}

/** The frameworks API (docs/api/competencies.md): admins write, admins and leads read. */
export function frameworkRoutes(deps: { tokens: SessionTokens; frameworks: FrameworkService; publicUrl: string }): Router {
  const router = Router();
  const staff = requireLaunch(deps.tokens, 'admin', 'lead');
  const admin = requireLaunch(deps.tokens, 'admin');
  const f = deps.frameworks;

  router.get('/api/competency-frameworks', staff, async (req, res) => void noStore(res).json({ frameworks: await f.list(sessionOf(req)) }));
  router.post('/api/competency-frameworks', admin, async (req, res) => void noStore(res).status(201).json(await f.create(sessionOf(req), parseInput(createFrameworkBody, req.body))));
  router.get('/api/competency-frameworks/csv-template', staff, (_req, res) => {
    res.type('text/csv').attachment('competency-framework-template.csv').send(csvTemplate());
  });
  router.get('/api/competency-frameworks/:id', staff, async (req, res) => void noStore(res).json(await f.get(sessionOf(req), param(req, 'id'))));
  router.patch('/api/competency-frameworks/:id', admin, async (req, res) => void noStore(res).json(await f.update(sessionOf(req), param(req, 'id'), parseInput(updateFrameworkBody, req.body))));
  router.delete('/api/competency-frameworks/:id', admin, async (req, res) => {
    await f.remove(sessionOf(req), param(req, 'id'));
    res.status(204).end();
  });
  router.post('/api/competency-frameworks/:id/copy', admin, async (req, res) => {
    const { title } = parseInput(copyFrameworkBody, req.body);
    noStore(res).status(201).json(await f.copy(sessionOf(req), param(req, 'id'), title));
  });
  router.get('/api/competency-frameworks/:id/export.csv', staff, async (req, res) => {
    const tree = await f.tree(sessionOf(req), param(req, 'id'));
    noStore(res).type('text/csv').attachment(fileName(tree.title, 'csv')).send(writeFrameworkCsv(tree));
  });
  router.get('/api/competency-frameworks/:id/export.case.json', staff, async (req, res) => {
    const tree = await f.tree(sessionOf(req), param(req, 'id'));
    noStore(res).attachment(fileName(tree.title, 'case.json')).json(writeCasePackage(tree, `${deps.publicUrl}/case`));
  });

  router.post('/api/competency-frameworks/:id/competencies', admin, async (req, res) => {
    noStore(res).status(201).json(await f.addCompetency(sessionOf(req), param(req, 'id'), parseInput(createCompetencyBody, req.body)));
  });
  router.patch('/api/competency-frameworks/:id/competencies/:competencyId', admin, async (req, res) => {
    noStore(res).json(await f.updateCompetency(sessionOf(req), param(req, 'id'), param(req, 'competencyId'), parseInput(updateCompetencyBody, req.body)));
  });
  router.delete('/api/competency-frameworks/:id/competencies/:competencyId', admin, async (req, res) => {
    await f.removeCompetency(sessionOf(req), param(req, 'id'), param(req, 'competencyId'));
    res.status(204).end();
  });
  return router;
}

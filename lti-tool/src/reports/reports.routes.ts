import { Router, type Request, type Response } from 'express';
import { param, parseInput } from '../cohorts/validate';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { feedbackCsv, growthCsv, hoursCsv, impactCsv, overviewCsv, participationCsv } from './reports.csv';
import { impactQuery, reportQuery } from './reports.schema';
import type { ReportsService } from './reports.service';

export { FEEDBACK_CSV, GROWTH_CSV, HOURS_CSV, IMPACT_CSV, OVERVIEW_CSV, PARTICIPATION_CSV } from './reports.csv';

const sendCsv = (res: Response, name: string, body: string) =>
  res.set('cache-control', 'no-store').type('text/csv; charset=utf-8').attachment(name).send(body);
const sendJson = (res: Response, body: unknown) => void res.set('cache-control', 'no-store').json(body);
const fileName = (kind: string, r: { range: { from: string; to: string } }) => `${kind}-${r.range.from}-${r.range.to}.csv`;

/** Cohort reports for admins and leads, and the tenant overview for admins: JSON for the screens, `?format=csv` for a download. */
export function reportsRoutes(deps: { tokens: SessionTokens; reports: ReportsService }): Router {
  const router = Router();
  const staff = requireLaunch(deps.tokens, 'admin', 'lead');
  const cohortReport = <T extends { range: { from: string; to: string } }>(
    kind: string,
    load: (req: Request) => Promise<T>,
    csv: (r: T) => string,
    json: (r: T) => unknown = (r) => r,
  ) =>
    router.get(`/api/cohorts/:cohortId/reports/${kind}`, staff, async (req, res) => {
      const q = parseInput(reportQuery, req.query);
      const report = await load(req);
      if (q.format === 'csv') return void sendCsv(res, fileName(kind, report), csv(report));
      sendJson(res, json(report));
    });
  const args = (req: Request) => [sessionOf(req), param(req, 'cohortId'), parseInput(reportQuery, req.query)] as const;

  cohortReport('participation', (req) => deps.reports.participation(...args(req)), participationCsv);
  cohortReport('pd-hours', (req) => deps.reports.hours(...args(req)), hoursCsv, (r) => ({
    ...r,
    people: r.people.map((p) => ({ ...p, lastCompletedAt: p.lastCompletedAt?.toISOString() ?? null })),
  }));
  cohortReport('feedback', (req) => deps.reports.feedback(...args(req)), feedbackCsv);
  cohortReport('competency-growth', (req) => deps.reports.growth(...args(req)), (r) => growthCsv(r));

  router.get('/api/cohorts/:cohortId/reports/impact', staff, async (req, res) => {
    const q = parseInput(impactQuery, req.query);
    const report = await deps.reports.impact(sessionOf(req), param(req, 'cohortId'), q);
    if (q.format === 'csv') return void sendCsv(res, fileName(`impact${q.section ? `-${q.section}` : ''}`, report), impactCsv(report, q.section));
    sendJson(res, report);
  });
  router.get('/api/reports/overview', staff, async (req, res) => {
    const q = parseInput(reportQuery, req.query);
    const report = await deps.reports.overview(sessionOf(req), q);
    if (q.format === 'csv') return void sendCsv(res, fileName('overview', report), overviewCsv(report));
    sendJson(res, report);
  });
  return router;
}

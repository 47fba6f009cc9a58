import { Router, type Response } from 'express';
import { param, parseInput } from '../cohorts/validate';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { toCsv } from './csv';
import { reportQuery } from './reports.schema';
import type { HoursReport, ParticipationReport, ReportsService } from './reports.service';

/** Column headers of the CSV downloads (documented in docs/api/reports.md). */
export const PARTICIPATION_CSV = ['section', 'key', 'label', 'participants', 'started', 'completed', 'active_people', 'steps_completed', 'pd_minutes'] as const;
export const HOURS_CSV = ['user_id', 'name', 'email', 'school', 'status', 'modules_completed', 'pd_minutes', 'pd_hours', 'last_completed_at'] as const;

function participationCsv(r: ParticipationReport): string {
  return toCsv(PARTICIPATION_CSV, [
    ...r.modules.map((m) => ['module', m.moduleId, m.title, null, m.started, m.completed, null, null, m.pdMinutes]),
    ...r.schools.map((s) => ['school', s.school ?? '', s.school ?? 'Not recorded', s.participants, s.started, s.moduleCompletions, null, null, s.pdMinutes]),
    ...r.weeks.map((w) => ['week', w.weekStart, `Week of ${w.weekStart}`, null, null, w.modulesCompleted, w.activePeople, w.stepsCompleted, null]),
  ]);
}

function hoursCsv(r: HoursReport): string {
  return toCsv(
    HOURS_CSV,
    r.people.map((p) => [p.userId, p.name, p.email, p.school, p.status, p.modulesCompleted, p.pdMinutes, Math.round((p.pdMinutes / 60) * 100) / 100, p.lastCompletedAt?.toISOString() ?? null]),
  );
}

const sendCsv = (res: Response, name: string, body: string) =>
  res.set('cache-control', 'no-store').type('text/csv; charset=utf-8').attachment(name).send(body);

/** Cohort reports for admins and leads: JSON for the screens, `?format=csv` for a download. */
export function reportsRoutes(deps: { tokens: SessionTokens; reports: ReportsService }): Router {
  const router = Router();
  const staff = requireLaunch(deps.tokens, 'admin', 'lead');
  router.get('/api/cohorts/:cohortId/reports/participation', staff, async (req, res) => {
    const q = parseInput(reportQuery, req.query);
    const report = await deps.reports.participation(sessionOf(req), param(req, 'cohortId'), q);
    if (q.format === 'csv') return void sendCsv(res, `participation-${report.range.from}-${report.range.to}.csv`, participationCsv(report));
    res.set('cache-control', 'no-store').json(report);
  });
  router.get('/api/cohorts/:cohortId/reports/pd-hours', staff, async (req, res) => {
    const q = parseInput(reportQuery, req.query);
    const report = await deps.reports.hours(sessionOf(req), param(req, 'cohortId'), q);
    if (q.format === 'csv') return void sendCsv(res, `pd-hours-${report.range.from}-${report.range.to}.csv`, hoursCsv(report));
    res.set('cache-control', 'no-store').json({ ...report, people: report.people.map((p) => ({ ...p, lastCompletedAt: p.lastCompletedAt?.toISOString() ?? null })) });
  });
  return router;
}

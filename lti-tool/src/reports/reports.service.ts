import type { Knex } from 'knex';
import { loadCohortAccess, personalDataContextIds, requireCohortRole } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import type { ReportQuery } from './reports.schema';
import type { ModuleParticipation, PersonHours, ReportScope, ReportsStore, SchoolParticipation, WeekParticipation } from './reports.store';

/** The participation report of one cohort, for the caller's own course's staff. */
export interface ParticipationReport {
  cohort: { id: string; title: string };
  range: { from: string; to: string };
  modules: ModuleParticipation[];
  schools: SchoolParticipation[];
  weeks: WeekParticipation[];
}

/** The PD-hours report: one row per person, and the total. */
export interface HoursReport {
  cohort: { id: string; title: string };
  range: { from: string; to: string };
  people: PersonHours[];
  totalMinutes: number;
}

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Cohort reports for admins and leads. Like the progress matrix, per-person numbers cover the caller's own course
 * only (in a network cohort each school's admin sees their own staff).
 */
export function createReportsService(deps: { db: Knex; store: ReportsStore }) {
  async function scope(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<{ s: ReportScope; cohort: { id: string; title: string } }> {
    const access = await loadCohortAccess(deps.db, session, cohortId);
    requireCohortRole(access, 'admin', 'lead');
    const created = access.cohort.createdAt;
    const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate()));
    const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : new Date(Math.ceil((Date.now() + 1) / DAY) * DAY);
    return { s: { cohortId, contextIds: personalDataContextIds(access), from, to }, cohort: { id: access.cohort.id, title: access.cohort.title } };
  }
  const range = (s: ReportScope) => ({ from: isoDay(s.from), to: isoDay(new Date(s.to.getTime() - DAY)) });

  return {
    async participation(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<ParticipationReport> {
      const { s, cohort } = await scope(session, cohortId, q);
      const [modules, schools, weeks] = [await deps.store.modules(s), await deps.store.schools(s), await deps.store.weeks(s)];
      return { cohort, range: range(s), modules, schools, weeks };
    },
    async hours(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<HoursReport> {
      const { s, cohort } = await scope(session, cohortId, q);
      const people = await deps.store.hours(s);
      return { cohort, range: range(s), people, totalMinutes: people.reduce((n, p) => n + p.pdMinutes, 0) };
    },
  };
}

/** Cohort reports. */
export type ReportsService = ReturnType<typeof createReportsService>;

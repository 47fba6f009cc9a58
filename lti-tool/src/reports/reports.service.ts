import type { Knex } from 'knex';
import { loadCohortAccess, personalDataContextIds, requireCohortRole } from '../cohorts/cohortAccess';
import { errors } from '../http/errors';
import type { SessionIdentity } from '../lti/session';
import { loadSurveyResults, type SurveyResults } from '../modules/surveyResults';
import { loadTimeOnTask } from '../modules/timeOnTask';
import type { AuditionFeedback, FeedbackHealth, FeedbackStore } from './feedback.store';
import { loadGrowth, type GrowthData } from './growth';
import { loadOverview, type CohortOverview } from './overview.store';
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

/** One person's PD hours with the time-estimate vs. time-on-task comparison (steps completed in the range). */
export interface PersonHoursWithTime extends PersonHours {
  /** Sum of the estimated minutes of the steps they completed. */
  estimatedMinutes: number;
  /** Measured time on those steps; null where nothing was measured. */
  measuredMinutes: number | null;
}

/** The PD-hours report: one row per person, and the totals. */
export interface HoursReport {
  cohort: { id: string; title: string };
  range: { from: string; to: string };
  people: PersonHoursWithTime[];
  totalMinutes: number;
  /** Estimated minutes of everyone's completed steps; and, over the people with measured time only, both sums. */
  estimatedMinutes: number;
  measured: { people: number; estimatedMinutes: number; measuredMinutes: number };
}

/** The feedback-health report: the cohort's auditions together, and each one. */
export interface FeedbackReport {
  cohort: { id: string; title: string };
  range: { from: string; to: string };
  overall: FeedbackHealth;
  auditions: AuditionFeedback[];
}

/** The competency-growth report. */
export interface GrowthReport extends GrowthData {
  cohort: { id: string; title: string };
  range: { from: string; to: string };
}

/** The tenant overview: every cohort of the caller's LMS deployment. */
export interface OverviewReport {
  range: { from: string; to: string };
  cohorts: CohortOverview[];
  totals: { participants: number; started: number; completedAll: number; moduleCompletions: number; pdMinutes: number };
}

/** The printable PL impact summary of one cohort. */
export interface ImpactReport {
  cohort: { id: string; title: string; description: string; startsOn: string | null; endsOn: string | null };
  range: { from: string; to: string };
  participation: { participants: number; started: number; completedAll: number; moduleCompletions: number; modules: ModuleParticipation[] };
  hours: Omit<HoursReport, 'cohort' | 'range' | 'people'> & { earners: number };
  feedback: FeedbackHealth;
  growth: GrowthData;
  survey: SurveyResults;
}

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const dayOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const endOf = (q: ReportQuery) => (q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : new Date(Math.ceil((Date.now() + 1) / DAY) * DAY));

/**
 * Cohort reports for admins and leads. Like the progress matrix, per-person numbers cover the caller's own course
 * only (in a network cohort each school's admin sees their own staff).
 */
export function createReportsService(deps: { db: Knex; store: ReportsStore; feedback: FeedbackStore }) {
  async function scope(session: SessionIdentity, cohortId: string, q: ReportQuery) {
    const access = await loadCohortAccess(deps.db, session, cohortId);
    requireCohortRole(access, 'admin', 'lead');
    const from = q.from ? new Date(`${q.from}T00:00:00Z`) : dayOf(access.cohort.createdAt);
    const s: ReportScope = { cohortId, contextIds: personalDataContextIds(access), from, to: endOf(q) };
    return { s, cohort: { id: access.cohort.id, title: access.cohort.title }, full: access.cohort };
  }
  const range = (s: { from: Date; to: Date }) => ({ from: isoDay(s.from), to: isoDay(new Date(s.to.getTime() - DAY)) });

  async function hoursOf(s: ReportScope): Promise<Omit<HoursReport, 'cohort' | 'range'>> {
    const [people, time] = await Promise.all([deps.store.hours(s), loadTimeOnTask(deps.db, s)]);
    const timeOf = new Map(time.map((t) => [t.userId, t]));
    const rows = people.map((p) => ({ ...p, estimatedMinutes: timeOf.get(p.userId)?.estimatedMinutes ?? 0, measuredMinutes: timeOf.get(p.userId)?.measuredMinutes ?? null }));
    const measured = rows.filter((p) => p.measuredMinutes !== null);
    return {
      people: rows,
      totalMinutes: rows.reduce((n, p) => n + p.pdMinutes, 0),
      estimatedMinutes: rows.reduce((n, p) => n + p.estimatedMinutes, 0),
      measured: { people: measured.length, estimatedMinutes: measured.reduce((n, p) => n + p.estimatedMinutes, 0), measuredMinutes: measured.reduce((n, p) => n + (p.measuredMinutes ?? 0), 0) },
    };
  }

  return {
    async participation(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<ParticipationReport> {
      const { s, cohort } = await scope(session, cohortId, q);
      const [modules, schools, weeks] = await Promise.all([deps.store.modules(s), deps.store.schools(s), deps.store.weeks(s)]);
      return { cohort, range: range(s), modules, schools, weeks };
    },
    async hours(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<HoursReport> {
      const { s, cohort } = await scope(session, cohortId, q);
      return { cohort, range: range(s), ...(await hoursOf(s)) };
    },
    async feedback(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<FeedbackReport> {
      const { s, cohort } = await scope(session, cohortId, q);
      return { cohort, range: range(s), ...(await deps.feedback.health(s)) };
    },
    async growth(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<GrowthReport> {
      const { s, cohort } = await scope(session, cohortId, q);
      return { cohort, range: range(s), ...(await loadGrowth(deps.db, s)) };
    },
    /** Counts only, but across every course of the tenant: LMS administrators only. */
    async overview(session: SessionIdentity, q: ReportQuery): Promise<OverviewReport> {
      if (session.role !== 'admin') throw errors.forbidden('The tenant overview is for LMS administrators.');
      const to = endOf(q);
      const from = q.from ? new Date(`${q.from}T00:00:00Z`) : dayOf((await deps.store.firstCohortCreated(session.deploymentId)) ?? new Date());
      const cohorts = await loadOverview(deps.db, { deploymentId: session.deploymentId, from, to });
      const sum = (k: 'participants' | 'started' | 'completedAll' | 'moduleCompletions' | 'pdMinutes') => cohorts.reduce((n, c) => n + c[k], 0);
      return { range: range({ from, to }), cohorts, totals: { participants: sum('participants'), started: sum('started'), completedAll: sum('completedAll'), moduleCompletions: sum('moduleCompletions'), pdMinutes: sum('pdMinutes') } };
    },
    async impact(session: SessionIdentity, cohortId: string, q: ReportQuery): Promise<ImpactReport> {
      const { s, full } = await scope(session, cohortId, q);
      // Independent reads: on PostgreSQL they run side by side on the pool (PGlite's one connection queues them).
      const [modules, totals, { people, ...hours }, { overall: feedback }, growth, survey] = await Promise.all([
        deps.store.modules(s), deps.store.totals(s), hoursOf(s), deps.feedback.health(s), loadGrowth(deps.db, s), loadSurveyResults(deps.db, s),
      ]);
      return {
        cohort: { id: full.id, title: full.title, description: full.description, startsOn: full.startsOn, endsOn: full.endsOn },
        range: range(s),
        participation: { ...totals, moduleCompletions: modules.reduce((n, m) => n + m.completed, 0), modules },
        hours: { ...hours, earners: people.filter((p) => p.pdMinutes > 0).length },
        feedback,
        growth,
        survey,
      };
    },
  };
}

/** Cohort reports. */
export type ReportsService = ReturnType<typeof createReportsService>;

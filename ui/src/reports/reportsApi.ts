import { ApiError } from '../api'
import { saveBlob } from '../components/saveBlob'
import { getSessionToken } from '../session'

/** A report's cohort and the days it covers (inclusive, UTC). */
export interface ReportHeader {
  cohort: { id: string; title: string }
  range: { from: string; to: string }
}

/** One module's row of the participation report. */
export interface ModuleRow {
  moduleId: string
  position: number
  title: string
  started: number
  completed: number
  pdMinutes: number
}

/** One school's row of the participation report (`school` null: not recorded). */
export interface SchoolRow {
  school: string | null
  participants: number
  started: number
  moduleCompletions: number
  pdMinutes: number
}

/** One ISO week (Monday, UTC) with activity. */
export interface WeekRow {
  weekStart: string
  activePeople: number
  stepsCompleted: number
  modulesCompleted: number
}

/** `GET /api/cohorts/:id/reports/participation`. */
export interface ParticipationReport extends ReportHeader {
  modules: ModuleRow[]
  schools: SchoolRow[]
  weeks: WeekRow[]
}

/** One person's PD hours (name and email null when the LMS does not share them). */
export interface PersonHours {
  /** Estimated minutes of the steps they completed; measured time on them (null: not measured). */
  estimatedMinutes: number
  measuredMinutes: number | null
  userId: string
  name: string | null
  email: string | null
  school: string | null
  status: 'active' | 'inactive'
  modulesCompleted: number
  pdMinutes: number
  lastCompletedAt: string | null
}

/** Totals of the time-estimate vs. time-on-task comparison. */
export interface HoursTotals {
  totalMinutes: number
  estimatedMinutes: number
  /** Over the people with measured time only. */
  measured: { people: number; estimatedMinutes: number; measuredMinutes: number }
}

/** `GET /api/cohorts/:id/reports/pd-hours`. */
export interface HoursReport extends ReportHeader, HoursTotals {
  people: PersonHours[]
}

/** Feedback health of one audition or of all together. */
export interface FeedbackHealth {
  submissions: number
  submitters: number
  reviewsSubmitted: number
  reviewsGiven: { reviews: number; people: number }[]
  firstFeedback: { reviewed: number; awaiting: number; medianHours: number | null; p90Hours: number | null }
  /** Counts of answers 1..4 (index 0 = answer 1). */
  ratings: { count: number; specific: number[]; supportive: number[] }
}

/** `GET /api/cohorts/:id/reports/feedback`. */
export interface FeedbackReport extends ReportHeader {
  overall: FeedbackHealth
  auditions: (FeedbackHealth & { auditionId: string; title: string })[]
}

/** One competency's growth between the range's first and last day. */
export interface CompetencyGrowth {
  id: string
  parentId: string | null
  kind: string
  identifier: string
  title: string
  ratedAtFrom: number
  ratedAtTo: number
  movedUp: number
  movedDown: number
  newlyRated: number
  /** People per scale level (index = level position). */
  levelsAtFrom: number[]
  levelsAtTo: number[]
}

/** Competency growth (also part of the impact summary). */
export interface GrowthData {
  frameworkLinked: boolean
  scale: { position: number; label: string }[]
  competencies: CompetencyGrowth[]
}

/** `GET /api/cohorts/:id/reports/competency-growth`. */
export type GrowthReport = ReportHeader & GrowthData

/** Aggregated end-of-module survey answers (counts of answers 1..4; suggestions without names). */
export interface SurveyResults {
  responses: number
  useful: number[]
  relevant: number[]
  suggestions: string[]
}

/** `GET /api/cohorts/:id/reports/impact`. */
export interface ImpactReport {
  cohort: { id: string; title: string; description: string; startsOn: string | null; endsOn: string | null }
  range: { from: string; to: string }
  participation: { participants: number; started: number; completedAll: number; moduleCompletions: number; modules: ModuleRow[] }
  hours: HoursTotals & { earners: number }
  feedback: FeedbackHealth
  growth: GrowthData
  survey: SurveyResults
}

/** One cohort of the tenant overview. */
export interface CohortOverview {
  cohortId: string
  title: string
  status: 'active' | 'archived'
  modules: number
  participants: number
  started: number
  completedAll: number
  moduleCompletions: number
  pdMinutes: number
}

/** `GET /api/reports/overview`. */
export interface OverviewReport {
  range: { from: string; to: string }
  cohorts: CohortOverview[]
  totals: { participants: number; started: number; completedAll: number; moduleCompletions: number; pdMinutes: number }
}

/** The cohort reports. */
export type ReportKind = 'participation' | 'pd-hours' | 'feedback' | 'competency-growth' | 'impact'

/** A chosen date range; empty strings mean the server's default. */
export interface DateRange {
  from: string
  to: string
}

/** The API path of a cohort report for a date range (and format). */
export function reportPath(cohortId: string, kind: ReportKind, range: DateRange, format: 'json' | 'csv' = 'json', section?: string): string {
  return `/api/cohorts/${encodeURIComponent(cohortId)}/reports/${kind}${rangeQuery(range, format, section)}`
}

/** The query string of a report request ('' when everything is the default). */
export function rangeQuery(range: DateRange, format: 'json' | 'csv' = 'json', section?: string): string {
  const q = new URLSearchParams()
  if (range.from) q.set('from', range.from)
  if (range.to) q.set('to', range.to)
  if (format === 'csv') q.set('format', 'csv')
  if (section) q.set('section', section)
  const query = q.toString()
  return query ? `?${query}` : ''
}

/**
 * Downloads an API file with the session's bearer token (a plain link cannot carry it): fetches it, then saves the
 * blob through an object URL and a temporary `<a download>`. Returns the file name used.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const token = getSessionToken()
  if (!token) throw new ApiError(401, 'no_session', 'Open Staffroom from your course in the LMS.')
  let response: Response
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' }, credentials: 'omit' })
  } catch {
    throw new ApiError(0, 'network_error', "We couldn't reach Staffroom. Check your connection and try again.")
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { id?: string; message?: string } } | null
    throw new ApiError(response.status, body?.error?.id ?? `http_${response.status}`, body?.error?.message ?? `The download failed (HTTP ${response.status}).`)
  }
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName
  saveBlob(await response.blob(), name)
  return name
}

function fileNameOf(disposition: string | null): string | null {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)
  return match?.[1] ? decodeURIComponent(match[1]) : null
}

/** "3 people", "1 person": counts read as words. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

import { ApiError } from '../api'
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
  userId: string
  name: string | null
  email: string | null
  school: string | null
  status: 'active' | 'inactive'
  modulesCompleted: number
  pdMinutes: number
  lastCompletedAt: string | null
}

/** `GET /api/cohorts/:id/reports/pd-hours`. */
export interface HoursReport extends ReportHeader {
  people: PersonHours[]
  totalMinutes: number
}

/** The two cohort reports. */
export type ReportKind = 'participation' | 'pd-hours'

/** A chosen date range; empty strings mean the server's default. */
export interface DateRange {
  from: string
  to: string
}

/** The API path of a cohort report for a date range (and format). */
export function reportPath(cohortId: string, kind: ReportKind, range: DateRange, format: 'json' | 'csv' = 'json'): string {
  const q = new URLSearchParams()
  if (range.from) q.set('from', range.from)
  if (range.to) q.set('to', range.to)
  if (format === 'csv') q.set('format', 'csv')
  const query = q.toString()
  return `/api/cohorts/${encodeURIComponent(cohortId)}/reports/${kind}${query ? `?${query}` : ''}`
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
  const url = URL.createObjectURL(await response.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
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

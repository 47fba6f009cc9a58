import type { StaffroomRole } from '../../types'

/** A cohort member from `GET /api/cohorts/:id/members` (own course only). */
export interface CohortMember {
  userId: string
  name: string | null
  givenName: string | null
  familyName: string | null
  email: string | null
  role: StaffroomRole
  school: string | null
  /** `active`, or `inactive` once roster sync saw them leave. */
  status: string
  lastLaunchAt: string | null
  facilitatorModuleIds: string[]
}

/** A page of cohort members. */
export interface MemberPage {
  members: CohortMember[]
  nextCursor: string | null
}

/** A roster sync run (`/api/roster/sync`, `/api/roster/syncs/latest`). */
export interface RosterSync {
  id: string
  trigger: string
  status: 'queued' | 'running' | 'succeeded' | 'failed'
  attempts: number
  progress: { pagesFetched: number; membersFetched: number }
  changes: { added: number; updated: number; reactivated: number; deactivated: number } | null
  error: string | null
  queuedAt: string | null
  startedAt: string | null
  finishedAt: string | null
}

/** The parts of the cohort object these screens read. */
export interface CohortSummary {
  id: string
  title: string
  status: 'active' | 'archived'
  kind: 'cohort' | 'template'
  counts: { members: number; modules: number }
  yourRole?: StaffroomRole
  permissions?: { manage: boolean; viewMembers: boolean }
}

/** A module of the cohort's progress matrix, with its totals over all of the course's members. */
export interface MatrixModule {
  id: string
  title: string
  position: number
  pdMinutes: number
  totalSteps: number
  totals: { completed: number; inProgress: number; notStarted: number; percentCompleted: number }
}

/** One person's progress in one module. */
export interface MatrixCell {
  moduleId: string
  status: 'complete' | 'in_progress' | 'not_started'
  completedSteps: number
  percent: number
  completedAt: string | null
  lastActivityAt: string | null
}

/** A person's row of the progress matrix. */
export interface MatrixPerson {
  userId: string
  name: string | null
  email: string | null
  role: StaffroomRole
  lastLaunchAt: string | null
  pdMinutesEarned: number
  modules: MatrixCell[]
}

/** `GET /api/cohorts/:id/progress`. */
export interface ProgressMatrix {
  cohort: { id: string; title: string }
  members: number
  modules: MatrixModule[]
  people: MatrixPerson[]
  nextCursor: string | null
}

/** Shown for a person the LMS shares no name for. */
export const UNNAMED = 'Staff member (no name shared)'

/** A person's name, or a neutral label when the LMS withholds it. */
export function personName(p: { name: string | null }): string {
  return p.name?.trim() || UNNAMED
}

/** A timestamp in the reader's locale, or a plain "Never". */
export function formatWhen(iso: string | null, never = 'Never'): string {
  if (!iso) return never
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** "1 person", "3 people"-style counts. */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`
}

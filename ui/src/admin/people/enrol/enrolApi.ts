/** `GET /api/enrolment/connection` (the token itself never comes back). */
export interface ConnectionAnswer {
  connection: {
    kind: 'canvas' | 'moodle'
    baseUrl: string
    tokenSet: boolean
    tokenLast4: string | null
    allowCreateUsers: boolean
    studentRoleId?: number
    teacherRoleId?: number
    updatedAt: string | null
    updatedBy: { id: string; name: string | null } | null
    check?: { lmsUserName: string | null; siteName: string | null }
  } | null
  course?: { lmsCourseId: string | null; ltiContextId: string }
}

/** A row problem of a staff list. */
export interface RowProblem {
  row: number | null
  userId?: string
  field: string
  problem: string
  message: string
}

/** `POST /api/enrolment/preview`. */
export interface PreviewAnswer {
  ready: boolean
  counts: { people: number; problems: number }
  people: { row: number | null; name: string; email: string; school: string | null; role: 'teacher' | 'lead' }[]
  problems: RowProblem[]
  ignoredColumns: string[]
  target: { lmsKind: 'canvas' | 'moodle'; lmsCourseId: string } | null
}

/** Outcomes of one person in a run. */
export type Outcome = 'enrolled' | 'created_and_enrolled' | 'already_enrolled' | 'not_found' | 'failed' | 'pending'

/** An enrolment run's summary. */
export interface EnrolmentRun {
  id: string
  status: 'queued' | 'running' | 'completed' | 'failed'
  mode: 'sync' | 'background'
  total: number
  processed: number
  counts: Record<Outcome, number>
  error: { id: string; message: string } | null
  createdBy: { id: string; name: string | null } | null
  createdAt: string | null
  finishedAt: string | null
}

/** One person's line of a run's report. */
export interface RunItem {
  position: number
  row: number | null
  email: string
  name: string | null
  school: string | null
  role: 'teacher' | 'lead'
  outcome: Outcome
  message: string | null
}

/** What the staff list is: a CSV, or people Staffroom knows. */
export type StaffList = { csv: string } | { userIds: string[] }

/** Plain-language outcome labels, as the admin guide names them. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  enrolled: 'Enrolled',
  created_and_enrolled: 'Account created and enrolled',
  already_enrolled: 'Already enrolled',
  not_found: 'Not found in the LMS',
  failed: 'Failed',
  pending: 'Waiting'
}

/** Someone Staffroom knows, for "pick people". */
export interface KnownPerson {
  userId: string
  name: string | null
  email: string | null
  school: string | null
  roleHere: 'admin' | 'lead' | 'participant' | null
}

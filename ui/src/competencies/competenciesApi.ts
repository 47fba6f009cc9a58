import { ApiError } from '../api'
import { uploadWithProgress } from '../components/uploadFile'
import type { ImportIssue } from './types'

const enc = encodeURIComponent

/** API paths of the competency screens. */
export const paths = {
  cohorts: '/api/cohorts',
  cohortCompetencies: (cohortId: string) => `/api/cohorts/${enc(cohortId)}/competencies`,
  queue: (cohortId: string, q: { competencyId?: string; school?: string; cursor?: string; limit?: number }) => {
    const s = new URLSearchParams()
    if (q.competencyId) s.set('competencyId', q.competencyId)
    if (q.school) s.set('school', q.school)
    if (q.cursor) s.set('cursor', q.cursor)
    if (q.limit) s.set('limit', String(q.limit))
    const query = s.toString()
    return `/api/cohorts/${enc(cohortId)}/grading-queue${query ? `?${query}` : ''}`
  },
  members: (cohortId: string) => `/api/cohorts/${enc(cohortId)}/members?limit=200`,
  profile: (cohortId: string, userId: string, competencyId?: string) =>
    `/api/cohorts/${enc(cohortId)}/people/${enc(userId)}/competencies${competencyId ? `/${enc(competencyId)}` : ''}`,
  ratings: (cohortId: string, userId: string, competencyId: string) => `/api/cohorts/${enc(cohortId)}/people/${enc(userId)}/competencies/${enc(competencyId)}/ratings`,
  evidence: (cohortId: string, competencyId: string) => `/api/cohorts/${enc(cohortId)}/competencies/${enc(competencyId)}/evidence`,
  reviewRequests: (cohortId: string, competencyId: string) => `/api/cohorts/${enc(cohortId)}/competencies/${enc(competencyId)}/review-requests`,
  heatmap: (cohortId: string, cursor?: string) => `/api/cohorts/${enc(cohortId)}/competency-heatmap?limit=100${cursor ? `&cursor=${enc(cursor)}` : ''}`,
  certificate: (cohortId: string, userId: string) => `/api/cohorts/${enc(cohortId)}/people/${enc(userId)}/certificate`,
  holders: (cohortId: string) => `/api/cohorts/${enc(cohortId)}/certificates`,
  myCertificates: '/api/competency-certificates',
  frameworks: '/api/competency-frameworks',
  framework: (id: string) => `/api/competency-frameworks/${enc(id)}`,
  frameworkNodes: (id: string) => `/api/competency-frameworks/${enc(id)}/competencies`,
  frameworkNode: (id: string, nodeId: string) => `/api/competency-frameworks/${enc(id)}/competencies/${enc(nodeId)}`,
  csvTemplate: '/api/competency-frameworks/csv-template',
  exportCsv: (id: string) => `/api/competency-frameworks/${enc(id)}/export.csv`,
  exportCase: (id: string) => `/api/competency-frameworks/${enc(id)}/export.case.json`
}

/** The app routes of the competency screens. */
export const routes = {
  home: '/competencies',
  queue: (cohortId: string) => `/competencies/cohorts/${cohortId}/queue`,
  person: (cohortId: string, userId: string, competencyId: string) => `/competencies/cohorts/${cohortId}/people/${userId}/${competencyId}`,
  mine: (cohortId: string) => `/competencies/cohorts/${cohortId}/mine`,
  heatmap: (cohortId: string) => `/competencies/cohorts/${cohortId}/heatmap`,
  settings: (cohortId: string) => `/competencies/cohorts/${cohortId}/settings`,
  /** A certificate page: one's own ('me') or, for leaders, a member's. */
  certificate: (cohortId: string, userId = 'me') => (userId === 'me' ? `/competencies/cohorts/${cohortId}/certificate` : `/competencies/cohorts/${cohortId}/people/${userId}/certificate`),
  holders: (cohortId: string) => `/competencies/cohorts/${cohortId}/certificates`,
  frameworks: '/competencies/frameworks',
  framework: (id: string) => `/competencies/frameworks/${id}`,
  importFramework: '/competencies/frameworks/import'
}

/** The issues of a 422 `import_invalid` (or of a new framework's scale); empty for any other failure. */
export function importIssuesOf(error: unknown): ImportIssue[] {
  if (!(error instanceof ApiError)) return []
  const issues = (error.details as { issues?: unknown } | undefined)?.issues
  if (!Array.isArray(issues)) return []
  return issues.map((i: { row?: unknown; field?: unknown; message?: unknown }) => ({
    row: typeof i.row === 'number' ? i.row : null,
    field: typeof i.field === 'string' ? i.field : null,
    message: typeof i.message === 'string' ? i.message : String(i.message)
  }))
}

/** Sends a file's text to an import endpoint, reporting upload progress (0–1); see {@link uploadWithProgress}. */
export function uploadText<T>(path: string, body: string, contentType: string, onProgress: (fraction: number) => void): Promise<T> {
  return uploadWithProgress<T>(path, { text: body, contentType }, onProgress)
}

/** A person's name, or words for someone the LMS does not name. */
export const nameOf = (p: { name: string | null }): string => p.name ?? 'Unnamed person'

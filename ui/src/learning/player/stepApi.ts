import { apiGet, apiRequest } from '../../api'
import type { Agreement, InquiryStage, OwnResponse, Player, ProgressAnswer, SharedResponse, StageEntry, SurveyAnswer } from '../learningTypes'

/** Which step an API call is about. */
export interface StepRef {
  cohortId: string
  moduleId: string
  stepId: string
}

const stepPath = (r: StepRef) => `/api/cohorts/${r.cohortId}/modules/${r.moduleId}/steps/${r.stepId}`

/** The module player payload. */
export const playerPath = (cohortId: string, moduleId: string) => `/api/cohorts/${cohortId}/modules/${moduleId}`

/** A response body as the author sends it. */
export type ResponseInput = { text: string } | { stages: Partial<Record<InquiryStage, StageEntry>> }

/** Autosaves the caller's response on `revision`; answers the stored response. */
export async function saveResponse(r: StepRef, body: ResponseInput, visibility: 'private' | 'cohort', revision: number): Promise<OwnResponse> {
  const answer = await apiRequest<{ response: OwnResponse }>(`${stepPath(r)}/response`, { method: 'PUT', body: { body, visibility, revision } })
  return answer.response
}

/** The caller's stored response, as the server has it now. */
export async function loadResponse(r: StepRef): Promise<OwnResponse | null> {
  return (await apiGet<{ response: OwnResponse | null }>(`${stepPath(r)}/response`)).response
}

/** Saves the checkpoint's "what we agreed" record on `revision`. */
export async function saveAgreement(r: StepRef, text: string, revision: number): Promise<Agreement> {
  return (await apiRequest<{ agreement: Agreement }>(`${stepPath(r)}/agreement`, { method: 'PUT', body: { text, revision } })).agreement
}

/** The checkpoint record as stored now (read from the player, the one place that returns it). */
export async function loadAgreement(r: StepRef): Promise<Agreement | null> {
  const player = await apiGet<Player>(playerPath(r.cohortId, r.moduleId))
  const step = player.steps.find((s) => s.stepId === r.stepId)
  return step?.kind === 'checkpoint' ? step.agreement : null
}

/** Records progress on a step (status only moves forward on the server). */
export function setProgress(r: StepRef, status: 'in_progress' | 'complete'): Promise<ProgressAnswer> {
  return apiRequest<ProgressAnswer>(`${stepPath(r)}/progress`, { method: 'PUT', body: { status } })
}

/** A page of colleagues' cohort-visible responses. */
export function loadShared(r: StepRef, cursor: string | null): Promise<{ responses: SharedResponse[]; nextCursor: string | null }> {
  return apiGet(`${stepPath(r)}/responses?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
}

/** Saves the caller's survey answer (again to change it); answering completes the step. */
export function answerSurvey(r: StepRef, answer: { useful: number; relevant: number; suggestion: string }): Promise<{ answer: SurveyAnswer; progress: ProgressAnswer }> {
  return apiRequest(`${stepPath(r)}/survey`, { method: 'PUT', body: answer })
}

/** Reports seconds the step was open and visible (the server caps what counts). */
export function reportVisibleTime(r: StepRef, seconds: number): Promise<{ totalSeconds: number }> {
  return apiRequest(`${stepPath(r)}/time`, { method: 'POST', body: { seconds } })
}

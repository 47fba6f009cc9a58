/** Shapes of the learning API answers (docs/api/modules.md), as the teacher screens use them. */

/** A person's state on a step or module. */
export type ProgressStatus = 'not_started' | 'in_progress' | 'complete'

/** The kinds of step a module holds. */
export type StepKind = 'read' | 'reflect' | 'audition' | 'checkpoint' | 'inquiry' | 'survey'

/** A step to do next, with its time estimate. */
export interface NextStep {
  stepId: string
  title: string
  kind: StepKind
  estimatedMinutes: number
}

/** One module in "My learning". */
export interface LearningModule {
  id: string
  position: number
  title: string
  summary: string
  pdMinutes: number
  unlockRule: 'open' | 'after_previous'
  locked: boolean
  lockedBy: { moduleId: string; title: string } | null
  status: ProgressStatus
  completedSteps: number
  totalSteps: number
  percent: number
  estimatedMinutes: number
  remainingMinutes: number
  nextStep: NextStep | null
  completedAt: string | null
  pdMinutesEarned: number
}

/** One running cohort in "My learning". */
export interface LearningCohort {
  id: string
  title: string
  startsOn: string | null
  endsOn: string | null
  pacing: 'self_paced' | 'weekly'
  weeklyMinutes: number | null
  percent: number
  completedModules: number
  totalModules: number
  remainingMinutes: number
  pdMinutesEarned: number
  nextStep: (NextStep & { moduleId: string; moduleTitle: string }) | null
  modules: LearningModule[]
}

/** `GET /api/my-learning`. */
export interface MyLearning {
  pdMinutesEarned: number
  cohorts: LearningCohort[]
}

/** `GET /api/my-learning/pd-hours`. */
export interface PdHours {
  totalMinutes: number
  totalHours: number
  cohorts: {
    cohortId: string
    title: string
    archived: boolean
    pdMinutes: number
    modules: { moduleId: string; title: string; versionNumber: number; pdMinutes: number; completedAt: string }[]
  }[]
}

/** Who may see a response: the step's rule (`choice` lets the author pick). */
export type VisibilityRule = 'private' | 'cohort' | 'choice'

/** The inquiry cycle's stages, in order. */
export const INQUIRY_STAGES = ['plan', 'enquire', 'implement', 'review'] as const
/** One inquiry stage. */
export type InquiryStage = (typeof INQUIRY_STAGES)[number]

/** An inquiry entry as the author writes it. */
export interface StageEntry {
  text: string
  evidenceUrl: string | null
}

/** The caller's own response (source text and rendered HTML). */
export interface OwnResponse {
  id: string
  visibility: 'private' | 'cohort'
  revision: number
  body: { text: string; html: string } | { stages: Record<InquiryStage, StageEntry & { html: string }> }
  updatedAt: string
}

/** A checkpoint's "what we agreed" record. */
export interface Agreement {
  text: string
  html: string
  revision: number
  updatedAt: string
  editedBy: { id: string; name: string | null }
}

interface StepBase {
  stepId: string
  position: number
  title: string
  estimatedMinutes: number
  progress: { status: ProgressStatus; startedAt: string | null; completedAt: string | null }
}

/** A video the server recognised; `embedUrl` is built by the server from a checked id. */
export interface Video {
  provider: 'youtube' | 'vimeo'
  videoId: string
  watchUrl: string
  embedUrl: string
}

/** A step of the module player; `…Html` fields are server-sanitised HTML. */
export type PlayerStep =
  | (StepBase & { kind: 'read'; display: { html: string; videos: Video[] } })
  | (StepBase & { kind: 'reflect'; display: { promptHtml: string; visibility: VisibilityRule }; response: OwnResponse | null })
  | (StepBase & { kind: 'audition'; display: { auditionId: string | null; instructionsHtml: string } })
  | (StepBase & {
      kind: 'checkpoint'
      display: { date: string | null; linkUrl: string | null; mode: 'live' | 'async'; agendaHtml: string }
      agreement: Agreement | null
    })
  | (StepBase & { kind: 'inquiry'; display: { questionHtml: string; visibility: VisibilityRule; stages: InquiryStage[] }; response: OwnResponse | null })
  | (StepBase & { kind: 'survey'; display: { introHtml: string }; answer: SurveyAnswer | null })

/** The caller's own answer to an end-of-module survey (nobody else sees it one by one). */
export interface SurveyAnswer {
  useful: number
  relevant: number
  suggestion: string
  answeredAt: string
}

/** `GET /api/cohorts/:cohortId/modules/:moduleId`. */
export interface Player {
  preview: boolean
  cohort: { id: string; title: string }
  module: {
    id: string
    versionNumber: number | null
    title: string
    summary: string
    pdMinutes: number
    estimatedMinutes: number
    remainingMinutes: number
    completedSteps: number
    totalSteps: number
    percent: number
    status: ProgressStatus
    completedAt: string | null
    pdMinutesEarned: number
  }
  nextStepId: string | null
  canEdit: boolean
  canKeepRecords: boolean
  steps: PlayerStep[]
}

/** `PUT …/progress`. */
export interface ProgressAnswer {
  step: { stepId: string; status: ProgressStatus }
  module: { completedSteps: number; totalSteps: number; complete: boolean; completedAt: string | null; pdMinutesCredited: number; justCompleted: boolean }
}

/** Someone's cohort-visible response, HTML only. */
export interface SharedResponse {
  id: string
  author: { id: string; name: string | null }
  mine: boolean
  kind: 'reflect' | 'inquiry'
  body: { html: string } | { stages: Record<string, { html: string; evidenceUrl: string | null }> }
  createdAt: string
  updatedAt: string
}

/** Shapes of the cohorts and modules API answers the admin screens read (docs/api/cohorts.md, modules.md). */

/** Self-paced, or a suggested weekly pace. */
export type Pacing = 'self_paced' | 'weekly'
/** Who sees members' cohort-visible work. */
export type WorkVisibility = 'cohort' | 'leads_only'

/** A cohort as `GET /api/cohorts` lists it. */
export interface CohortSummary {
  id: string
  kind: 'cohort' | 'template'
  title: string
  description: string
  status: 'active' | 'archived'
  startsOn: string | null
  endsOn: string | null
  pacing: Pacing
  weeklyMinutes: number | null
  workVisibility: WorkVisibility
  isOwner: boolean
  isNetwork: boolean
  counts: { members: number; modules: number; unpublishedModules?: number; contexts: number }
}

/** One cohort in full (`GET /api/cohorts/:id`). */
export interface CohortDetail extends CohortSummary {
  yourRole: 'admin' | 'lead' | 'participant'
  permissions: { manage: boolean; invite: boolean; leave: boolean; viewMembers: boolean }
  contexts?: { contextId: string; title: string | null; isOwner: boolean; isYours: boolean; memberCount: number }[]
}

/** A template the "New cohort" picker offers. */
export interface CohortTemplate {
  id: string
  builtIn: boolean
  title: string
  description: string
  pacing: Pacing
  weeklyMinutes: number | null
  modules: { id: string; title: string; pdMinutes: number; estimatedMinutes: number }[]
  totalEstimatedMinutes: number | null
  totalPdMinutes: number | null
}

/** When a module opens: at once, or after the module before it is complete. */
export type UnlockRule = 'open' | 'after_previous'

/** A module in the cohort's outline (`GET /api/cohorts/:id/modules`). */
export interface ModuleOutline {
  id: string
  position: number
  title: string
  summary: string
  pdMinutes: number
  unlockRule: UnlockRule
  archived: boolean
  published: { versionId: string; number: number; publishedAt: string | null } | null
  draft: { versionId: string; number: number; title: string; updatedAt: string } | null
  canEdit: boolean
}

/** The kinds of step a module may hold. */
export type StepKind = 'read' | 'reflect' | 'audition' | 'checkpoint' | 'inquiry' | 'survey'
/** Who sees written responses to a step. */
export type ResponseVisibility = 'private' | 'cohort' | 'choice'

/** A step of a draft: `content` is the editable source, `display` what teachers will see. */
export interface DraftStep {
  stepId: string
  position: number
  kind: StepKind
  title: string
  estimatedMinutes: number
  content: Record<string, unknown>
  display: Record<string, unknown>
}

/** A module's draft (or the published version it will start from, `versionId: null`). */
export interface ModuleDraft {
  moduleId: string
  versionId: string | null
  number: number | null
  basedOnVersion: number | null
  hasUnpublishedChanges: boolean
  title: string
  summary: string
  pdMinutes: number
  unlockRule: UnlockRule
  estimatedMinutes: number
  steps: DraftStep[]
}

/** A step as the player (and the preview) shows it. */
export interface PlayerStep {
  stepId: string
  kind: StepKind
  title: string
  estimatedMinutes: number
  display: {
    html?: string
    videos?: { provider: string; embedUrl: string; watchUrl: string }[]
    promptHtml?: string
    instructionsHtml?: string
    agendaHtml?: string
    questionHtml?: string
    introHtml?: string
    date?: string | null
    linkUrl?: string | null
    mode?: 'live' | 'async'
    visibility?: ResponseVisibility
    stages?: string[]
  }
}

/** The player payload `GET …/draft/preview` answers. */
export interface ModulePreview {
  preview: boolean
  cohort: { id: string; title: string }
  module: { title: string; summary: string; pdMinutes: number; estimatedMinutes: number }
  steps: PlayerStep[]
}

/** Shapes of the auditions API answers (docs/api/auditions.md), as the screens use them. */

/** A rubric criterion with its level descriptors. */
export interface Criterion {
  id: string
  title: string
  description: string
  levels: { score: number; label: string; descriptor: string }[]
  /** Competencies of the cohort's framework a version gives evidence for through this criterion. */
  competencyIds?: string[]
}

/** A comment prompt such as "a strength". */
export interface CommentPrompt {
  id: string
  kind: 'strength' | 'suggestion' | 'question' | 'other'
  label: string
  required: boolean
}

/** The feedback protocol. */
export interface Protocol {
  criteria: Criterion[]
  prompts: CommentPrompt[]
}

/** Protocol answers: a level per criterion and a comment per prompt. */
export interface Answers {
  ratings: Record<string, number>
  comments: Record<string, string>
}

/** The work itself. */
export interface Work {
  text: string
  links: { url: string; title: string }[]
  attachmentIds: string[]
}

/** The classroom context a reviewer reads first. */
export interface WorkContext {
  gradeLevel: string
  subject: string
  students: string
  tried: string
  feedbackWanted: string
}

/** An audition's settings. */
export interface Audition {
  id: string
  cohortId: string
  title: string
  prompt: string
  acceptedParts: ('text' | 'link' | 'attachment')[]
  protocol: Protocol
  reviewersPerSubmission: number
  anonymity: 'anonymous' | 'named' | 'leads_only'
  mode: 'rolling' | 'fixed'
  deadline: string | null
  hasCalibration: boolean
  canManage: boolean
  mySubmission?: { status: SubmissionStatus; currentVersion: number } | null
}

/** Where a submission is. */
export type SubmissionStatus = 'draft' | 'submitted' | 'withdrawn'

/** A submitted version. */
export interface Version {
  number: number
  work: Work
  context: WorkContext
  whatChanged: string | null
  submittedAt: string
}

/** The author's draft. */
export interface Draft {
  work: Work
  context: WorkContext
  whatChanged: string
}

/** The author's rating of a review. */
export interface Rating {
  specific: number
  supportive: number
  thanks: string
}

/** Feedback as its author receives it. */
export interface ReceivedFeedback {
  id: string
  versionNumber: number
  kind: 'initial' | 'look_again'
  submittedAt: string
  answers: Answers
  reviewer: { name: string | null } | null
  rating: Rating | null
}

/** The caller's own submission. */
export interface OwnSubmission {
  id: string
  status: SubmissionStatus
  revision: number
  submittedRevision: number | null
  currentVersion: number
  draft: Draft
  versions: Version[]
  progress: { reviewers: number; done: number; wanted: number } | null
  feedback: ReceivedFeedback[]
}

/** One open review in the "feedback to give" queue. */
export interface FeedbackTask {
  id: string
  cohortId: string
  auditionId: string
  auditionTitle: string
  kind: 'initial' | 'look_again'
  versionNumber: number
  gradeLevel: string
  subject: string
  started: boolean
  dueAt: string
}

/** A review as its reviewer sees it. */
export interface ReviewForReviewer {
  id: string
  auditionId: string
  auditionTitle: string
  prompt: string
  kind: 'initial' | 'look_again'
  status: 'assigned' | 'submitted' | 'reassigned' | 'cancelled'
  dueAt: string
  versionNumber: number
  author: { name: string | null } | null
  context: WorkContext
  work: Work
  whatChanged: string | null
  previousVersion: Version | null
  protocol: Protocol
  draft: Answers | null
  revision: number
  answers: Answers | null
}

/** A review in the lead's overview. */
export interface OverviewReview {
  id: string
  kind: 'initial' | 'look_again'
  status: string
  reviewer: { id: string; name: string | null }
  dueAt: string
  overdue: boolean
}

/** `GET …/overview`. */
export interface Overview {
  audition: { id: string; title: string; mode: string; anonymity: string; reviewersPerSubmission: number; allocatedAt: string | null }
  submissions: {
    id: string
    author: { id: string; name: string | null }
    status: SubmissionStatus
    currentVersion: number
    submittedAt: string | null
    reviewersNeeded: number
    progress: { assigned: number; submitted: number }
    reviews: OverviewReview[]
  }[]
  notSubmitted: { id: string; name: string | null }[]
}

/** A review as a lead sees it in a submission's history. */
export interface LeadReview {
  id: string
  versionNumber: number
  kind: 'initial' | 'look_again'
  status: string
  closedReason: string | null
  reviewer: { id: string; name: string | null }
  assignedAt: string
  dueAt: string
  submittedAt: string | null
  closedAt: string | null
  answers: Answers | null
  rating: Rating | null
}

/** `GET …/submissions/:id`. */
export interface History {
  submission: { id: string; author: { id: string; name: string | null }; status: SubmissionStatus; currentVersion: number; submittedAt: string | null; withdrawnAt: string | null }
  versions: Version[]
  reviews: LeadReview[]
}

/** `GET …/quality`. */
export interface Quality {
  reviewers: { reviewer: { id: string; name: string | null }; submitted: number; open: number; late: number; ratings: number; specific: number | null; supportive: number | null }[]
}

/** The API base of one audition. */
export const auditionBase = (cohortId: string, auditionId: string) => `/api/cohorts/${cohortId}/auditions/${auditionId}`

/** The app route of one audition's page (teacher view). */
export const auditionPath = (cohortId: string, auditionId: string) => `/auditions/cohorts/${cohortId}/${auditionId}`

/** An uploaded file as `GET /api/attachments/:id` describes it (never who uploaded it). */
export interface AttachmentMeta {
  id: string
  filename: string
  kind: string
  mimeType: string
  sizeBytes: number
  ownedByYou: boolean
  contentUrl: string
  containsStudentMaterial?: boolean
}

/** What an upload purpose takes (`GET /api/attachments/purposes/:name`). */
export interface UploadRules {
  accept: string[]
  maxBytes: number
}

/** The attachment purpose of files in audition work. */
export const AUDITION_FILE_PURPOSE = 'audition-submission'

/** One level of a framework's proficiency scale (position 0 is the lowest). */
export interface ScaleLevel {
  position: number
  label: string
  points: number
  countsAsProficient: boolean
  description: string
}

/** Node kinds of a framework tree. */
export type CompetencyKind = 'domain' | 'competency' | 'indicator'

/** A framework node as the framework API shows it. */
export interface FrameworkNode {
  id: string
  parentId: string | null
  kind: CompetencyKind
  identifier: string
  title: string
  description: string
  position: number
  levelDescriptions: Record<string, string>
}

/** A framework summary of `GET /api/competency-frameworks`. */
export interface FrameworkSummary {
  id: string
  title: string
  description: string
  builtIn: boolean
  competencyCount: number
  sourceFrameworkId: string | null
  updatedAt: string
}

/** A whole framework: scale and tree (parents before children). */
export interface Framework {
  id: string
  title: string
  description: string
  builtIn: boolean
  sourceFrameworkId: string | null
  updatedAt: string
  scale: ScaleLevel[]
  competencies: FrameworkNode[]
}

/** Mastery methods a cohort can use. */
export type MasteryMethod = 'most_recent' | 'highest' | 'average_last_n' | 'decaying_average'

/** A competency as a cohort uses it. */
export interface CohortCompetency {
  id: string
  parentId: string | null
  kind: CompetencyKind
  identifier: string
  title: string
  description: string
  levelDescriptions: Record<string, string>
  ratable: boolean
  reportsToGradebook: boolean
  inCredential: boolean
}

/** `GET /api/cohorts/:id/competencies`. */
export interface CohortCompetencies {
  framework: { id: string; title: string } | null
  masteryMethod?: MasteryMethod
  methodN?: number
  methodWeight?: number
  rollupRule?: 'all_proficient' | 'average_points'
  credentialTitle?: string | null
  scale?: ScaleLevel[]
  competencies?: CohortCompetency[]
}

/** A person as the competency views name them (name null when the LMS does not share it). */
export interface PersonRef {
  userId: string
  name: string | null
  school: string | null
}

/** One item of the grading queue. */
export interface QueueItem {
  kind: 'review_request' | 'evidence'
  id: string
  at: string
  person: PersonRef
  competency: { id: string; identifier: string; title: string }
  title: string
}

/** `GET /api/cohorts/:id/grading-queue`. */
export interface QueuePage {
  items: QueueItem[]
  nextCursor: string | null
}

/** A person's mastery of one competency. */
export interface MasteryView {
  level: string | null
  levelPosition: number
  points: number
  proficient: boolean
}

/** One rating (history, oldest first in a profile). */
export interface RatingView {
  id: string
  competencyId: string
  level: string
  levelPosition: number
  points: number
  comment: string
  evidenceIds: string[]
  ratedBy: { userId: string; name: string | null } | null
  ratedAt: string
}

/** One piece of evidence. */
export interface EvidenceView {
  id: string
  competencyId: string
  sourceKind: 'own' | 'audition_version' | 'reflection' | 'inquiry_entry'
  sourceId: string | null
  title: string
  text: string
  url: string | null
  attachmentId: string | null
  createdAt: string
  reviewedAt: string | null
  /** The rubric criteria this evidence came through, with the peer reviews' levels (profile views only). */
  criteria?: CriterionEvidenceView[]
}

/** A rubric criterion evidence came through, and how the version's peer reviews rated it. */
export interface CriterionEvidenceView {
  id: string
  title: string
  /** Submitted peer reviews that rated the criterion. */
  ratings: number
  /** Levels given at least once, highest first. */
  levels: { score: number; label: string; count: number }[]
  /** Who gave which level, only when the viewer may know reviewers. */
  reviewers: { name: string | null; score: number; label: string }[] | null
}

/** A review request. */
export interface ReviewRequestView {
  id: string
  competencyId: string
  note: string
  status: string
  requestedAt: string
  resolvedAt: string | null
}

/** One competency of a person's profile. */
export interface ProfileCompetency {
  id: string
  parentId: string | null
  kind: CompetencyKind
  identifier: string
  title: string
  ratable: boolean
  mastery: MasteryView | null
  nextLevel: { label: string; points: number; description: string } | null
  ratings: RatingView[]
  evidence: EvidenceView[]
  pendingReview: boolean
}

/** `GET /api/cohorts/:id/people/:userId/competencies[/:competencyId]`. */
export interface Profile {
  person: PersonRef
  scale: ScaleLevel[]
  masteryMethod: MasteryMethod
  competencies: ProfileCompetency[]
  reviewRequests: ReviewRequestView[]
}

/** `GET /api/cohorts/:id/competency-heatmap`. */
export interface Heatmap {
  scale: ScaleLevel[]
  competencies: { id: string; parentId: string | null; kind: CompetencyKind; identifier: string; title: string }[]
  people: (PersonRef & { levels: (number | null)[] })[]
  nextCursor: string | null
}

/** A cohort as `GET /api/cohorts` lists it (the fields these screens use). */
export interface CohortItem {
  id: string
  title: string
  status: string
}

/** One problem of an import (`details.issues` of a 422 `import_invalid`). */
export interface ImportIssue {
  row: number | null
  field: string | null
  message: string
}

/** A certificate as `GET /api/cohorts/:id/people/:userId/certificate` shows it. */
export interface CertificateView {
  id: string
  title: string
  issuedAt: string
  pdMinutes: number
  competencies: { id: string; identifier: string; title: string; level: string }[]
  person: { userId: string; name: string | null }
  cohort: { id: string; title: string }
}

/** `GET /api/cohorts/:id/people/:userId/certificate`: the certificate and its Open Badges 3.0 credential. */
export interface CertificateAnswer {
  certificate: CertificateView
  /** The AchievementCredential (unsigned JSON). */
  credential: { issuer: { id: string; name: string } } & Record<string, unknown>
  /** The same credential signed with the tool's key (VC-JWT). */
  credentialJwt: string
  /** Where the tool's public keys are, to verify the JWT. */
  verificationKeys: string
}

/** `GET /api/cohorts/:id/certificates`: who holds the cohort's certificate. */
export interface CertificateHolders {
  certificates: { id: string; title: string; issuedAt: string; person: PersonRef }[]
}

/** `GET /api/competency-certificates`: the caller's own certificates. */
export interface MyCertificates {
  certificates: { id: string; title: string; issuedAt: string; cohort: { id: string; title: string } }[]
}

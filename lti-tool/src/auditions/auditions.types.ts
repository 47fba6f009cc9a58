import type { Answers, ContextInput, WorkInput } from './auditions.schema';

/** A rubric criterion as stored (ids filled in). */
export interface Criterion {
  id: string;
  title: string;
  description: string;
  levels: { score: number; label: string; descriptor: string }[];
  /** Competencies this criterion gives evidence for (absent in criteria stored before criteria could be linked). */
  competencyIds?: string[];
}
/** A comment prompt as stored. */
export interface CommentPrompt {
  id: string;
  kind: 'strength' | 'suggestion' | 'question' | 'other';
  label: string;
  required: boolean;
}
/** The feedback protocol as stored. */
export interface Protocol {
  criteria: Criterion[];
  prompts: CommentPrompt[];
}
/** Who learns reviewer (and author) names. */
export type Anonymity = 'anonymous' | 'named' | 'leads_only';

/** An audition's settings. */
export interface Audition {
  id: string;
  cohortId: string;
  moduleId: string;
  stepId: string | null;
  title: string;
  prompt: string;
  acceptedParts: ('text' | 'link' | 'attachment')[];
  protocol: Protocol;
  reviewersPerSubmission: number;
  anonymity: Anonymity;
  mode: 'rolling' | 'fixed';
  deadline: Date | null;
  reviewDueDays: number;
  reassignAfterDays: number;
  excludeSameSchool: boolean;
  competencyIds: string[];
  calibration: { work: WorkInput; context: ContextInput; answers: Answers } | null;
  allocatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the author edits before submitting. */
export interface Draft {
  work: WorkInput;
  context: ContextInput;
  whatChanged: string;
}

/** One teacher's submission. */
export interface Submission {
  id: string;
  auditionId: string;
  authorId: string;
  authorName: string | null;
  school: string | null;
  status: 'draft' | 'submitted' | 'withdrawn';
  draft: Draft;
  draftRevision: number;
  submittedRevision: number | null;
  currentVersion: number;
  reviewersNeeded: number;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  updatedAt: Date;
}

/** A submitted version. */
export interface Version {
  id: string;
  submissionId: string;
  number: number;
  work: WorkInput;
  context: ContextInput;
  whatChanged: string | null;
  createdAt: Date;
}

/** A review of one version. */
export interface Review {
  id: string;
  auditionId: string;
  submissionId: string;
  versionId: string;
  versionNumber: number;
  reviewerId: string;
  reviewerName: string | null;
  kind: 'initial' | 'look_again';
  status: 'assigned' | 'submitted' | 'reassigned' | 'cancelled';
  closedReason: string | null;
  draft: Answers | null;
  draftRevision: number;
  answers: Answers | null;
  dueAt: Date;
  assignedAt: Date;
  submittedAt: Date | null;
  closedAt: Date | null;
  assignedBy: string | null;
  rating: Rating | null;
}

/** The author's rating of a review. */
export interface Rating {
  specific: number;
  supportive: number;
  thanks: string;
  updatedAt: Date;
}

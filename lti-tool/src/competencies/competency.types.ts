/** One level of a framework's proficiency scale (position 0 is the lowest). */
export interface ScaleLevel {
  position: number;
  label: string;
  points: number;
  countsAsProficient: boolean;
  description: string;
}

/** Node kinds of a framework tree: domains hold competencies, competencies may hold indicators. */
export const COMPETENCY_KINDS = ['domain', 'competency', 'indicator'] as const;
/** A node kind. */
export type CompetencyKind = (typeof COMPETENCY_KINDS)[number];

/** A node of a framework tree. */
export interface Competency {
  id: string;
  frameworkId: string;
  parentId: string | null;
  kind: CompetencyKind;
  identifier: string;
  title: string;
  description: string;
  position: number;
  /** What each scale level looks like for this competency, by level label. */
  levelDescriptions: Record<string, string>;
  caseIdentifier: string | null;
}

/** A framework's own row. */
export interface Framework {
  id: string;
  ownerContextId: string | null;
  starterKey: string | null;
  title: string;
  description: string;
  caseIdentifier: string | null;
  sourceFrameworkId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A framework with its scale and its nodes (parents before children, by position). */
export interface FrameworkTree extends Framework {
  scale: ScaleLevel[];
  competencies: Competency[];
}

/** How a cohort turns ratings into mastery (Canvas Learning Mastery's calculation methods). */
export const MASTERY_METHODS = ['most_recent', 'highest', 'average_last_n', 'decaying_average'] as const;
/** A mastery method. */
export type MasteryMethod = (typeof MASTERY_METHODS)[number];
/** How a parent's mastery follows from its children. */
export const ROLLUP_RULES = ['all_proficient', 'average_points'] as const;
/** A roll-up rule. */
export type RollupRule = (typeof ROLLUP_RULES)[number];

/** A cohort's competency settings. */
export interface CohortCompetencySettings {
  cohortId: string;
  frameworkId: string;
  masteryMethod: MasteryMethod;
  methodN: number;
  methodWeight: number;
  rollupRule: RollupRule;
  credentialTitle: string | null;
}

/** A competency as a cohort uses it. */
export interface CohortCompetency {
  competencyId: string;
  reportsToGradebook: boolean;
  inCredential: boolean;
}

/** Where automatic evidence comes from; `own` is evidence a person attached. */
export const EVIDENCE_SOURCES = ['audition_version', 'reflection', 'inquiry_entry', 'own'] as const;
/** An evidence source kind. */
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** One piece of evidence. */
export interface Evidence {
  id: string;
  cohortId: string;
  userId: string;
  competencyId: string;
  sourceKind: EvidenceSource;
  sourceId: string | null;
  title: string;
  text: string;
  url: string | null;
  attachmentId: string | null;
  createdAt: Date;
  reviewedAt: Date | null;
}

/** One rating (history; never changed). */
export interface Rating {
  id: string;
  seq: number;
  cohortId: string;
  userId: string;
  competencyId: string;
  levelPosition: number;
  levelLabel: string;
  points: number;
  comment: string;
  evidenceIds: string[];
  ratedBy: string | null;
  ratedAt: Date;
}

/** A person's mastery of one competency. */
export interface Mastery {
  points: number;
  levelPosition: number;
  proficient: boolean;
}

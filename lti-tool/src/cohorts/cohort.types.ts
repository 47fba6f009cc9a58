/** What a cohort row is: a running cohort, or a template that cohorts are created from. */
export type CohortKind = 'cohort' | 'template';
/** Self-paced, or with a suggested weekly pace in minutes. */
export type Pacing = 'self_paced' | 'weekly';
/** Who may see members' cohort-visible work: everyone in the cohort, or only admins and leads. */
export type WorkVisibility = 'cohort' | 'leads_only';
/** Archived cohorts are hidden from participants' lists and read-only. */
export type CohortStatus = 'active' | 'archived';

/** A cohort or template, as the domain sees it (dates as YYYY-MM-DD). */
export interface Cohort {
  id: string;
  /** Null only for the built-in starter templates. */
  ownerContextId: string | null;
  kind: CohortKind;
  title: string;
  description: string;
  templateSourceId: string | null;
  /** Stable key of a built-in starter template; null otherwise. */
  templateKey: string | null;
  startsOn: string | null;
  endsOn: string | null;
  pacing: Pacing;
  weeklyMinutes: number | null;
  workVisibility: WorkVisibility;
  status: CohortStatus;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The settings an admin edits (and a template carries). */
export type CohortSettings = Pick<Cohort, 'title' | 'description' | 'startsOn' | 'endsOn' | 'pacing' | 'weeklyMinutes' | 'workVisibility'>;

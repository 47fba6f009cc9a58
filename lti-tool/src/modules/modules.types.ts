import type { StepKind } from './modules.schema';
import type { StepContent } from './stepContent';

/** When a module opens: at once, or once the previous module (by position) is complete. */
export type UnlockRule = 'open' | 'after_previous';

/** A person's state on one step. */
export type StepStatus = 'not_started' | 'in_progress' | 'complete';

/** A module of a cohort; title, summary, PD minutes and unlock rule are those of its published version. */
export interface ModuleRecord {
  id: string;
  cohortId: string;
  position: number;
  title: string;
  summary: string;
  pdMinutes: number;
  unlockRule: UnlockRule;
  reportsToGradebook: boolean;
  publishedVersionId: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A version of a module; the draft's fields are what the next publish will show. */
export interface VersionRecord {
  id: string;
  moduleId: string;
  number: number;
  status: 'draft' | 'published' | 'superseded';
  title: string;
  summary: string;
  pdMinutes: number;
  unlockRule: UnlockRule;
  publishedAt: Date | null;
  publishedBy: string | null;
  updatedAt: Date;
}

/** One step of one version. `stepId` is the same in every version that keeps the step. */
export interface StepRecord {
  versionId: string;
  stepId: string;
  position: number;
  kind: StepKind;
  title: string;
  estimatedMinutes: number;
  content: StepContent;
}

/** The versioned fields of a module. */
export interface ModuleFields {
  title: string;
  summary: string;
  pdMinutes: number;
  unlockRule: UnlockRule;
}

/** A step to insert (content already validated and rendered). */
export type NewStep = Omit<StepRecord, 'versionId'>;

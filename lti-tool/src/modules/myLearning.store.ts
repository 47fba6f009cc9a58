import type { Knex } from 'knex';
import { preparedQuery } from '../../../db/preparedQuery';
import { fromJson } from './modules.store';
import type { StepKind } from './modules.schema';
import type { StepStatus, UnlockRule } from './modules.types';

/** A running cohort of the caller's course with one of its published modules (module fields null when it has none). */
export interface CohortModuleRow {
  cohortId: string;
  cohortTitle: string;
  startsOn: string | null;
  endsOn: string | null;
  pacing: string;
  weeklyMinutes: number | null;
  moduleId: string | null;
  position: number | null;
  title: string | null;
  summary: string | null;
  pdMinutes: number | null;
  unlockRule: UnlockRule | null;
  versionId: string | null;
}

/** A step of a published version, without its content (the list needs only titles and estimates). */
export interface StepOutline {
  versionId: string;
  stepId: string;
  kind: StepKind;
  title: string;
  estimatedMinutes: number;
}

/** What "My learning" is computed from. */
export interface LearningRows {
  modules: CohortModuleRow[];
  steps: StepOutline[];
  progress: { stepId: string; moduleId: string; status: StepStatus }[];
  completions: { moduleId: string; cohortId: string; pdMinutes: number; completedAt: Date }[];
}

/** A PD-hours line: one completed module. */
export interface PdLine {
  cohortId: string;
  cohortTitle: string;
  cohortStatus: string;
  moduleId: string;
  moduleTitle: string;
  versionNumber: number;
  pdMinutes: number;
  completedAt: Date;
}

/** The statement of `overview` (see there). */
const OVERVIEW_SQL = `WITH cm AS (
   SELECT c.id AS cohort_id, c.title AS cohort_title, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.pacing, c.weekly_minutes,
          m.id AS module_id, m.position, m.title, m.summary, m.pd_minutes, m.unlock_rule, m.published_version_id AS version_id
     FROM cohort_contexts cc
     JOIN contexts x ON x.id = cc.context_id AND x.deployment_id = ?
     JOIN cohorts c ON c.id = cc.cohort_id AND c.kind = 'cohort' AND c.status = 'active'
     LEFT JOIN modules m ON m.cohort_id = c.id AND m.published_version_id IS NOT NULL AND m.archived_at IS NULL
    WHERE cc.context_id = ?)
 SELECT
   (SELECT coalesce(json_agg(cm ORDER BY cm.starts_on NULLS LAST, cm.cohort_title, cm.cohort_id, cm.position, cm.module_id), '[]') FROM cm) AS modules,
   (SELECT coalesce(json_agg(json_build_array(s.version_id, s.step_id, s.kind, s.title, s.estimated_minutes) ORDER BY s.version_id, s.position), '[]')
      FROM module_steps s WHERE s.version_id = ANY(ARRAY(SELECT version_id FROM cm))) AS steps,
   (SELECT coalesce(json_agg(json_build_array(p.step_id, p.module_id, p.status)), '[]')
      FROM step_progress p WHERE p.user_id = ? AND p.cohort_id = ANY(ARRAY(SELECT DISTINCT cohort_id FROM cm))) AS progress,
   (SELECT coalesce(json_agg(json_build_array(mc.module_id, mc.cohort_id, mc.pd_minutes, mc.completed_at)), '[]')
      FROM module_completions mc WHERE mc.user_id = ? AND mc.cohort_id = ANY(ARRAY(SELECT DISTINCT cohort_id FROM cm))) AS completions`;

/**
 * Read-only view queries for "My learning": one statement whatever the number of cohorts and modules (no N+1).
 * Indexes: cohort_contexts(context_id), modules(cohort_id, position), module_steps(version_id, position),
 * step_progress(user_id, cohort_id, module_id) INCLUDE (step_id, status), module_completions(user_id, cohort_id).
 */
export const myLearningStore = {
  /**
   * Everything "My learning" shows, in one round trip: the running cohorts of the caller's course with their
   * published modules, those versions' step outlines, and the caller's progress and completions in them.
   * `= ANY(ARRAY(…))` (not `IN (SELECT …)`) keeps each part an index scan whatever the planner guesses of the CTE.
   */
  async overview(db: Knex, userId: string, contextId: string, deploymentId: string): Promise<LearningRows> {
    // A named prepared statement: the home call of every participant's launch, so PostgreSQL parses and plans it
    // once per connection instead of on every call (issue 8's launch storm).
    const rows = await preparedQuery(db, 'my_learning_overview', OVERVIEW_SQL, [deploymentId, contextId, userId, userId]);
    const r = rows[0] as Record<string, unknown>;
    return {
      modules: fromJson<Record<string, any>[]>(r.modules).map((m) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
        cohortId: m.cohort_id, cohortTitle: m.cohort_title, startsOn: m.starts_on, endsOn: m.ends_on, pacing: m.pacing, weeklyMinutes: m.weekly_minutes,
        moduleId: m.module_id, position: m.position, title: m.title, summary: m.summary, pdMinutes: m.pd_minutes, unlockRule: m.unlock_rule, versionId: m.version_id,
      })),
      steps: fromJson<[string, string, StepKind, string, number][]>(r.steps).map(([versionId, stepId, kind, title, estimatedMinutes]) => ({ versionId, stepId, kind, title, estimatedMinutes })),
      progress: fromJson<[string, string, StepStatus][]>(r.progress).map(([stepId, moduleId, status]) => ({ stepId, moduleId, status })),
      completions: fromJson<[string, string, number, string][]>(r.completions).map(([moduleId, cohortId, pdMinutes, at]) => ({ moduleId, cohortId, pdMinutes, completedAt: new Date(at) })),
    };
  },

  /** Every module the person completed in the cohorts of their course (archived cohorts and modules too: hours earned stay earned). */
  async pdLines(db: Knex, userId: string, contextId: string, deploymentId: string): Promise<PdLine[]> {
    const { rows } = await db.raw(
      `SELECT mc.cohort_id, c.title AS cohort_title, c.status AS cohort_status, mc.module_id, m.title AS module_title, v.number, mc.pd_minutes, mc.completed_at
         FROM module_completions mc
         JOIN cohort_contexts cc ON cc.cohort_id = mc.cohort_id AND cc.context_id = ?
         JOIN contexts x ON x.id = cc.context_id AND x.deployment_id = ?
         JOIN cohorts c ON c.id = mc.cohort_id AND c.kind = 'cohort'
         JOIN modules m ON m.id = mc.module_id
         JOIN module_versions v ON v.id = mc.version_id
        WHERE mc.user_id = ?
        ORDER BY c.title, c.id, mc.completed_at, m.position`,
      [contextId, deploymentId, userId],
    );
    return (rows as Record<string, any>[]).map((r) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
      cohortId: r.cohort_id, cohortTitle: r.cohort_title, cohortStatus: r.cohort_status, moduleId: r.module_id, moduleTitle: r.module_title,
      versionNumber: r.number, pdMinutes: r.pd_minutes, completedAt: r.completed_at,
    }));
  },
};

/** Read-only queries for My learning. */
export type MyLearningStore = typeof myLearningStore;

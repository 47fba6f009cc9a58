import type { Knex } from 'knex';
import type { Cohort, CohortSettings } from './cohort.types';

/** Columns of a cohort row; dates as text so no driver turns them into local-time Dates. */
export function cohortColumns(db: Knex, alias = 'c'): (string | Knex.Raw)[] {
  return [
    `${alias}.id`, `${alias}.owner_context_id`, `${alias}.kind`, `${alias}.title`, `${alias}.description`,
    `${alias}.template_source_id`, `${alias}.template_key`, `${alias}.pacing`, `${alias}.weekly_minutes`,
    `${alias}.work_visibility`, `${alias}.status`, `${alias}.created_by`, `${alias}.created_at`, `${alias}.updated_at`,
    db.raw(`to_char(??, 'YYYY-MM-DD') as starts_on`, [`${alias}.starts_on`]),
    db.raw(`to_char(??, 'YYYY-MM-DD') as ends_on`, [`${alias}.ends_on`]),
  ];
}

/** A cohort row as read with cohortColumns. */
export type CohortRow = Record<string, unknown>;

/** Maps a snake_case row to the domain type. */
export function toCohort(row: CohortRow): Cohort {
  return {
    id: row.id as string,
    ownerContextId: (row.owner_context_id as string | null) ?? null,
    kind: row.kind as Cohort['kind'],
    title: row.title as string,
    description: row.description as string,
    templateSourceId: (row.template_source_id as string | null) ?? null,
    templateKey: (row.template_key as string | null) ?? null,
    startsOn: (row.starts_on as string | null) ?? null,
    endsOn: (row.ends_on as string | null) ?? null,
    pacing: row.pacing as Cohort['pacing'],
    weeklyMinutes: row.weekly_minutes === null || row.weekly_minutes === undefined ? null : Number(row.weekly_minutes),
    workVisibility: row.work_visibility as Cohort['workVisibility'],
    status: row.status as Cohort['status'],
    createdBy: (row.created_by as string | null) ?? null,
    createdAt: new Date(row.created_at as string | Date),
    updatedAt: new Date(row.updated_at as string | Date),
  };
}

/** The snake_case columns for a settings change. */
export function settingsToRow(s: Partial<CohortSettings>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (s.title !== undefined) row.title = s.title;
  if (s.description !== undefined) row.description = s.description;
  if (s.startsOn !== undefined) row.starts_on = s.startsOn;
  if (s.endsOn !== undefined) row.ends_on = s.endsOn;
  if (s.pacing !== undefined) row.pacing = s.pacing;
  if (s.weeklyMinutes !== undefined) row.weekly_minutes = s.weeklyMinutes;
  if (s.workVisibility !== undefined) row.work_visibility = s.workVisibility;
  return row;
}

import type { Cohort, CohortSettings } from './cohort.types';
import { validationError, type FieldIssue } from './validate';

/** Settings of a new cohort started from scratch. */
export const DEFAULT_SETTINGS: Omit<CohortSettings, 'title'> = {
  description: '',
  startsOn: null,
  endsOn: null,
  pacing: 'self_paced',
  weeklyMinutes: null,
  workVisibility: 'cohort',
};

/** The settings part of a cohort row. */
export function settingsOf(c: Cohort): CohortSettings {
  const { title, description, startsOn, endsOn, pacing, weeklyMinutes, workVisibility } = c;
  return { title, description, startsOn, endsOn, pacing, weeklyMinutes, workVisibility };
}

/**
 * Applies a change to settings and checks the rules that span fields: the end is not before the start,
 * weekly pacing has a weekly pace, self-paced has none (switching to self-paced clears it). A 400 names the field.
 */
export function applySettings(current: CohortSettings, change: Partial<CohortSettings>): CohortSettings {
  const next: CohortSettings = { ...current };
  for (const [key, value] of Object.entries(change) as [keyof CohortSettings, unknown][]) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (change.pacing === 'self_paced' && change.weeklyMinutes === undefined) next.weeklyMinutes = null;
  const issues: FieldIssue[] = [];
  if (next.startsOn && next.endsOn && next.endsOn < next.startsOn) issues.push({ field: 'endsOn', message: 'must be on or after startsOn' });
  if (next.pacing === 'weekly' && next.weeklyMinutes === null) issues.push({ field: 'weeklyMinutes', message: 'is required when pacing is weekly' });
  if (next.pacing === 'self_paced' && next.weeklyMinutes !== null) issues.push({ field: 'weeklyMinutes', message: 'applies only when pacing is weekly' });
  if (issues.length) throw validationError(issues);
  return next;
}

/** The names of settings whose values differ. */
export function changedFields(before: CohortSettings, after: CohortSettings): (keyof CohortSettings)[] {
  return (Object.keys(after) as (keyof CohortSettings)[]).filter((k) => before[k] !== after[k]);
}

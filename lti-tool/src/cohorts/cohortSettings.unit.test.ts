import type { AppError } from '../http/errors';
import { applySettings, changedFields, DEFAULT_SETTINGS } from './cohortSettings';
import type { CohortSettings } from './cohort.types';

const base: CohortSettings = { ...DEFAULT_SETTINGS, title: 'Cohort' };

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    return ((e as AppError).details as { fields: { field: string }[] }).fields.map((f) => f.field);
  }
  return [];
}

describe('applySettings', () => {
  it('applies given fields and keeps the others', () => {
    expect(applySettings(base, { title: 'New', description: undefined })).toEqual({ ...base, title: 'New' });
  });

  it('accepts an end on the start day and refuses an end before the start, naming endsOn', () => {
    expect(applySettings(base, { startsOn: '2026-09-01', endsOn: '2026-09-01' }).endsOn).toBe('2026-09-01');
    expect(fieldsOf(() => applySettings(base, { startsOn: '2026-09-02', endsOn: '2026-09-01' }))).toEqual(['endsOn']);
  });

  it('checks dates against stored values when only one side changes', () => {
    const dated = { ...base, startsOn: '2026-09-01', endsOn: '2026-12-01' };
    expect(fieldsOf(() => applySettings(dated, { startsOn: '2027-01-01' }))).toEqual(['endsOn']);
    expect(applySettings(dated, { endsOn: null }).endsOn).toBeNull();
  });

  it('requires a weekly pace for weekly pacing and clears it when switching to self-paced', () => {
    expect(fieldsOf(() => applySettings(base, { pacing: 'weekly' }))).toEqual(['weeklyMinutes']);
    const weekly = applySettings(base, { pacing: 'weekly', weeklyMinutes: 40 });
    expect(weekly).toMatchObject({ pacing: 'weekly', weeklyMinutes: 40 });
    expect(applySettings(weekly, { pacing: 'self_paced' })).toMatchObject({ pacing: 'self_paced', weeklyMinutes: null });
    expect(fieldsOf(() => applySettings(weekly, { weeklyMinutes: null }))).toEqual(['weeklyMinutes']);
    expect(fieldsOf(() => applySettings(base, { weeklyMinutes: 30 }))).toEqual(['weeklyMinutes']);
  });

  it('reports every broken rule at once with status 400', () => {
    try {
      applySettings(base, { pacing: 'weekly', startsOn: '2026-02-02', endsOn: '2026-02-01' });
      throw new Error('expected a validation error');
    } catch (e) {
      expect((e as AppError).status).toBe(400);
      expect(fieldsOf(() => { throw e; })).toEqual(['endsOn', 'weeklyMinutes']);
    }
  });
});

describe('changedFields', () => {
  it('names only the settings whose values differ', () => {
    expect(changedFields(base, { ...base, title: 'Other', weeklyMinutes: null })).toEqual(['title']);
  });
});

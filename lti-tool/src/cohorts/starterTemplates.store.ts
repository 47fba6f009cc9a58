import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { StarterTemplate } from './starterTemplates';

/** Inserts or refreshes the template cohort of a built-in starter template (by its stable key); returns its id. */
export async function upsertStarterTemplateRow(trx: Knex.Transaction, t: StarterTemplate): Promise<string> {
  const settings = {
    title: t.title,
    description: t.description,
    pacing: t.pacing,
    weekly_minutes: t.weeklyMinutes,
    work_visibility: t.workVisibility,
  };
  const [row] = await trx('cohorts')
    .insert({ id: randomUUID(), owner_context_id: null, kind: 'template', template_key: t.key, status: 'active', ...settings })
    .onConflict('template_key')
    .merge({ ...settings, updated_at: trx.fn.now() })
    .returning('id');
  return row.id as string;
}

import type { Knex } from 'knex';
import { insertPublishedModule } from '../modules/modules.copy';
import type { StepKind } from '../modules/modules.schema';
import { modulesStore } from '../modules/modules.store';
import { STARTER_TEMPLATES } from './starterTemplates.content';
import { upsertStarterTemplateRow } from './starterTemplates.store';

/**
 * One step of a starter module. `content` is the modules editor's input form: read `{markdown}`,
 * reflect `{prompt, visibility}`, checkpoint `{mode, agenda}`, inquiry `{question, visibility}`,
 * audition `{auditionId: null, instructions}`.
 */
export interface StarterStep {
  kind: StepKind;
  title: string;
  estimatedMinutes: number;
  content: Record<string, unknown>;
}

/** One module of a starter template. */
export interface StarterModule {
  title: string;
  summary: string;
  /** PD minutes credited when the module is completed. */
  pdMinutes: number;
  unlockRule: 'open' | 'after_previous';
  steps: StarterStep[];
}

/** A built-in template: cohort settings plus its modules, keyed by a stable `key`. */
export interface StarterTemplate {
  key: string;
  title: string;
  description: string;
  pacing: 'self_paced' | 'weekly';
  weeklyMinutes: number | null;
  workVisibility: 'cohort' | 'leads_only';
  modules: StarterModule[];
}

/** The built-in template with this key, if any. */
export const findStarterTemplate = (key: string): StarterTemplate | undefined => STARTER_TEMPLATES.find((t) => t.key === key);

/** Total estimated minutes of a template's steps. */
export const starterMinutes = (t: StarterTemplate): number =>
  t.modules.reduce((sum, m) => sum + m.steps.reduce((s, step) => s + step.estimatedMinutes, 0), 0);

/**
 * Installs the built-in starter templates: one template cohort per stable key (title and settings refreshed
 * from this file), and its modules as published modules through the modules feature, only while the template
 * has none (so start-up after start-up changes nothing). Several processes may start at once: an advisory
 * lock serialises them. Returns the template ids by key.
 */
export async function installStarterTemplates(db: Knex): Promise<Map<string, string>> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['staffroom:starter-templates']);
    const ids = new Map<string, string>();
    for (const template of STARTER_TEMPLATES) {
      const id = await upsertStarterTemplateRow(trx, template);
      ids.set(template.key, id);
      if ((await modulesStore.listModules(trx, id)).length > 0) continue;
      for (const m of template.modules) await insertPublishedModule(trx, id, m);
    }
    return ids;
  });
}

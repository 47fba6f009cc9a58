import type { Knex } from 'knex';
import { DEFAULT_SCALE } from './defaultScale';
import { draftIssues, type FrameworkDraft } from './frameworkDraft';
import { frameworksStore } from './frameworks.store';
import { STARTER_FRAMEWORK, starterNodes } from './starterFramework.content';

/**
 * Installs the built-in starter framework once (by its stable key): a framework with no owner that every
 * course sees read-only and admins copy. Later start-ups change nothing; an advisory lock serialises
 * processes starting together. Returns its id.
 */
export async function installStarterFramework(db: Knex): Promise<string> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['staffroom:starter-framework']);
    const existing = await frameworksStore.starterId(trx, STARTER_FRAMEWORK.key);
    if (existing) return existing;
    const draft: FrameworkDraft = { title: STARTER_FRAMEWORK.title, description: STARTER_FRAMEWORK.description, scale: DEFAULT_SCALE.map((l) => ({ ...l })), nodes: starterNodes() };
    const issues = draftIssues(draft);
    if (issues.length) throw new Error(`starter framework is invalid: ${JSON.stringify(issues)}`);
    return frameworksStore.insertDraft(trx, draft, { ownerContextId: null, createdBy: null, starterKey: STARTER_FRAMEWORK.key });
  });
}

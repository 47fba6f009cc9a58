import type { Knex } from 'knex';
import type { CohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import type { CompletionReporter } from './gradebook';
import { abort, runResult, type Result } from './modules.errors';
import type { ModulesStore } from './modules.store';
import type { ModuleRecord, StepRecord } from './modules.types';
import { modulePolicy } from './moduleAccess';
import type { Completion, ProgressStore, StepProgress } from './progress.store';

/** A published module as a learner works through it, with its steps. */
export interface LiveModule {
  module: ModuleRecord;
  steps: StepRecord[];
}

/** The answer to a progress change: the step, and the module as a whole. */
export interface ProgressChange {
  step: StepProgress;
  module: { completedSteps: number; totalSteps: number; complete: boolean; completedAt: Date | null; pdMinutesCredited: number; justCompleted: boolean };
}

/**
 * Progress through published modules. Completing the last step completes the module once: a per-person,
 * per-module advisory lock serialises the check, the completion row's key makes it idempotent, and the
 * module row is share-locked so a publish waits for progress in flight (and vice versa).
 */
export function createProgressService(deps: { db: Knex; modules: ModulesStore; progress: ProgressStore; report: CompletionReporter }) {
  const { db, modules, progress } = deps;

  /** The published, unarchived module and its steps, or a 404 abort. `share` locks the module row against publishing. */
  async function live(trx: Knex, cohortId: string, moduleId: string, share = false): Promise<LiveModule> {
    const m = await modules.findModule(trx, cohortId, moduleId, share ? 'share' : null);
    if (!m || !m.publishedVersionId || m.archivedAt) return abort({ kind: 'module_not_found' });
    return { module: m, steps: await modules.listSteps(trx, m.publishedVersionId) };
  }

  /** The module the person must finish first, when the module opens only after the previous one. */
  async function blocker(trx: Knex, m: ModuleRecord, userId: string): Promise<ModuleRecord | null> {
    if (m.unlockRule !== 'after_previous') return null;
    const ordered = (await modules.listModules(trx, m.cohortId)).filter((x) => x.publishedVersionId && !x.archivedAt);
    const previous = ordered[ordered.findIndex((x) => x.id === m.id) - 1];
    if (!previous) return null;
    const done = await progress.completionsOf(trx, userId, [previous.id]);
    return done.length ? null : previous;
  }

  async function reportAll(trx: Knex.Transaction, a: CohortAccess, m: ModuleRecord, completions: Completion[], contextOf: (userId: string) => string | undefined) {
    if (!m.reportsToGradebook) return;
    for (const c of completions) {
      const contextId = contextOf(c.userId);
      if (contextId) await deps.report(trx, { contextId, userId: c.userId, moduleId: m.id, moduleTitle: m.title, pdMinutes: c.pdMinutes, completedAt: c.completedAt });
    }
  }

  /** Aborts unless the person may work on the module now (running cohort, module open to them). */
  async function requireWorkable(trx: Knex, a: CohortAccess, userId: string, m: ModuleRecord): Promise<void> {
    const closed = modulePolicy.closedReason(a);
    if (closed) abort({ kind: 'cohort_closed', reason: closed });
    const b = await blocker(trx, m, userId);
    if (b) abort({ kind: 'module_locked', blockedBy: { moduleId: b.id, title: b.title } });
  }

  /** setProgress inside the caller's transaction (for writes that also complete a step, such as a survey answer). */
  async function progressIn(trx: Knex.Transaction, a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, status: 'in_progress' | 'complete'): Promise<ProgressChange> {
    const { module: m, steps } = await live(trx, a.cohort.id, moduleId, true);
    if (!steps.some((x) => x.stepId === stepId)) return abort({ kind: 'step_not_found' });
    await requireWorkable(trx, a, s.userId, m);
    const step = await progress.upsert(trx, { userId: s.userId, stepId, cohortId: a.cohort.id, moduleId: m.id, status });
    await progress.lockPersonModule(trx, s.userId, m.id);
    const stepIds = steps.map((x) => x.stepId);
    const completedSteps = await progress.countComplete(trx, s.userId, stepIds);
    await progress.setCompletedSteps(trx, s.userId, m.id, completedSteps);
    let created: Completion | null = null;
    if (completedSteps === stepIds.length) {
      created = await progress.insertCompletion(trx, { userId: s.userId, moduleId: m.id, cohortId: a.cohort.id, versionId: m.publishedVersionId!, pdMinutes: m.pdMinutes });
      if (created) await reportAll(trx, a, m, [created], () => s.contextId);
    }
    const existing = created ?? (await progress.completionsOf(trx, s.userId, [m.id]))[0] ?? null;
    return {
      step,
      module: {
        completedSteps,
        totalSteps: stepIds.length,
        complete: existing !== null,
        completedAt: existing?.completedAt ?? null,
        pdMinutesCredited: existing?.pdMinutes ?? 0,
        justCompleted: created !== null,
      },
    };
  }

  return {
    live,
    blocker,
    requireWorkable,

    /** Marks a step started or complete; completing the last step completes the module and credits its PD minutes once. */
    async setProgress(a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, status: 'in_progress' | 'complete'): Promise<Result<ProgressChange>> {
      return runResult(() =>
        db.transaction(async (trx) => {
          const { steps } = await live(trx, a.cohort.id, moduleId, true);
          // A survey step completes by answering it (so a completed survey always has an answer).
          if (status === 'complete' && steps.find((x) => x.stepId === stepId)?.kind === 'survey') return abort({ kind: 'survey_not_answered' });
          return progressIn(trx, a, s, moduleId, stepId, status);
        }),
      );
    },

    progressIn,

    /** After a publish: completes the module for everyone whose kept steps now cover it (inside the publish transaction). */
    async completeFinishedAfterPublish(trx: Knex.Transaction, a: CohortAccess, m: ModuleRecord, stepIds: string[]): Promise<number> {
      await progress.recountModule(trx, m.id, stepIds);
      const created = await progress.completeAllFinished(trx, { moduleId: m.id, cohortId: m.cohortId, versionId: m.publishedVersionId!, pdMinutes: m.pdMinutes }, stepIds);
      if (created.length && m.reportsToGradebook) {
        const contexts = await progress.memberContexts(trx, created.map((c) => c.userId), a.contextIds);
        await reportAll(trx, a, m, created, (userId) => contexts.get(userId));
      }
      return created.length;
    },
  };
}

/** Progress and completion. */
export type ProgressService = ReturnType<typeof createProgressService>;

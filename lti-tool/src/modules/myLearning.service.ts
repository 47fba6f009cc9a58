import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import type { CohortModuleRow, MyLearningStore, StepOutline } from './myLearning.store';

/** Groups items by key, keeping first-seen order (Map.groupBy needs Node 21). */
function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 100) / whole) : 0);

/** One module in "My learning": where the person is, what is left, whether it is open to them. */
function moduleSummary(
  row: CohortModuleRow,
  steps: StepOutline[],
  statusOf: (stepId: string) => string | undefined,
  completion: { pdMinutes: number; completedAt: Date } | undefined,
  lockedBy: { moduleId: string; title: string } | null,
) {
  const done = steps.filter((s) => statusOf(s.stepId) === 'complete');
  const left = steps.filter((s) => statusOf(s.stepId) !== 'complete');
  const started = steps.some((s) => statusOf(s.stepId) !== undefined);
  const next = completion || lockedBy ? null : left[0];
  return {
    id: row.moduleId!,
    position: row.position!,
    title: row.title!,
    summary: row.summary!,
    pdMinutes: row.pdMinutes!,
    unlockRule: row.unlockRule!,
    locked: lockedBy !== null,
    lockedBy,
    status: completion ? 'complete' : started ? 'in_progress' : 'not_started',
    completedSteps: done.length,
    totalSteps: steps.length,
    percent: completion ? 100 : percent(done.length, steps.length),
    estimatedMinutes: steps.reduce((n, s) => n + s.estimatedMinutes, 0),
    remainingMinutes: completion ? 0 : left.reduce((n, s) => n + s.estimatedMinutes, 0),
    nextStep: next ? { stepId: next.stepId, title: next.title, kind: next.kind, estimatedMinutes: next.estimatedMinutes } : null,
    completedAt: completion?.completedAt.toISOString() ?? null,
    pdMinutesEarned: completion?.pdMinutes ?? 0,
  };
}

/** "My learning" and the PD-hours summary, each computed from one set-based read. */
export function createMyLearningService(deps: { db: Knex; store: MyLearningStore }) {
  const { db, store } = deps;
  return {
    /** The running cohorts of the caller's course with each module's state, the next step and the time left. */
    async overview(s: SessionIdentity) {
      const { modules: rows, steps, progress, completions } = await store.overview(db, s.userId, s.contextId, s.deploymentId);
      const cohortIds = [...new Set(rows.map((r) => r.cohortId))];
      const stepsByVersion = groupBy(steps, (x) => x.versionId);
      const statusByStep = new Map(progress.map((p) => [p.stepId, p.status]));
      const completionByModule = new Map(completions.map((c) => [c.moduleId, c]));
      const rowsByCohort = groupBy(rows, (r) => r.cohortId);

      const cohorts = cohortIds.map((cohortId) => {
        const cohortRows = rowsByCohort.get(cohortId)!;
        const first = cohortRows[0]!;
        let previous: CohortModuleRow | null = null;
        const modules = cohortRows
          .filter((r) => r.moduleId !== null)
          .map((r) => {
            const blocked = r.unlockRule === 'after_previous' && previous !== null && !completionByModule.has(previous.moduleId!);
            const summary = moduleSummary(r, stepsByVersion.get(r.versionId!) ?? [], (id) => statusByStep.get(id), completionByModule.get(r.moduleId!), blocked ? { moduleId: previous!.moduleId!, title: previous!.title! } : null);
            previous = r;
            return summary;
          });
        const totalSteps = modules.reduce((n, m) => n + m.totalSteps, 0);
        const doneSteps = modules.reduce((n, m) => n + (m.status === 'complete' ? m.totalSteps : m.completedSteps), 0);
        const nextModule = modules.find((m) => m.nextStep !== null);
        return {
          id: cohortId,
          title: first.cohortTitle,
          startsOn: first.startsOn,
          endsOn: first.endsOn,
          pacing: first.pacing,
          weeklyMinutes: first.weeklyMinutes,
          percent: percent(doneSteps, totalSteps),
          completedModules: modules.filter((m) => m.status === 'complete').length,
          totalModules: modules.length,
          remainingMinutes: modules.reduce((n, m) => n + m.remainingMinutes, 0),
          // Earned in this cohort, archived modules included (hours earned stay earned).
          pdMinutesEarned: completions.filter((c) => c.cohortId === cohortId).reduce((n, c) => n + c.pdMinutes, 0),
          nextStep: nextModule ? { moduleId: nextModule.id, moduleTitle: nextModule.title, ...nextModule.nextStep! } : null,
          modules,
        };
      });
      return { cohorts, pdMinutesEarned: cohorts.reduce((n, c) => n + c.pdMinutesEarned, 0) };
    },

    /** PD minutes earned per cohort and module, with completion dates (archived cohorts and modules included). */
    async pdHours(s: SessionIdentity) {
      const lines = await store.pdLines(db, s.userId, s.contextId, s.deploymentId);
      const byCohort = groupBy(lines, (l) => l.cohortId);
      const cohorts = [...byCohort.values()].map((ls) => ({
        cohortId: ls[0]!.cohortId,
        title: ls[0]!.cohortTitle,
        archived: ls[0]!.cohortStatus === 'archived',
        pdMinutes: ls.reduce((n, l) => n + l.pdMinutes, 0),
        modules: ls.map((l) => ({ moduleId: l.moduleId, title: l.moduleTitle, versionNumber: l.versionNumber, pdMinutes: l.pdMinutes, completedAt: l.completedAt.toISOString() })),
      }));
      const totalMinutes = cohorts.reduce((n, c) => n + c.pdMinutes, 0);
      return { totalMinutes, totalHours: Math.round((totalMinutes / 60) * 100) / 100, cohorts };
    },
  };
}

/** My learning. */
export type MyLearningService = ReturnType<typeof createMyLearningService>;

import type { Knex } from 'knex';
import type { CohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { abort, runResult } from './modules.errors';
import { displayOf } from './modules.presenter';
import type { ModulesStore } from './modules.store';
import type { ModuleFields, StepRecord } from './modules.types';
import { modulePolicy } from './moduleAccess';
import type { ProgressService } from './progress.service';
import type { ProgressStore, StepProgress } from './progress.store';
import { presentAgreement, presentOwnResponse } from './responseBody';
import type { ResponsesStore, StepResponse } from './responses.store';
import { presentSurveyAnswer } from './survey.service';
import type { SurveyAnswer, SurveyStore } from './survey.store';

const NOT_STARTED = { status: 'not_started', startedAt: null, completedAt: null } as const;

function presentPlayer(
  cohort: { id: string; title: string },
  m: { id: string; versionNumber: number | null } & ModuleFields,
  steps: StepRecord[],
  mine: { progress: StepProgress[]; responses: StepResponse[]; records: StepResponse[]; surveys: SurveyAnswer[]; completion: { completedAt: Date; pdMinutes: number } | null },
  flags: { preview: boolean; canEdit: boolean; canKeepRecords: boolean },
) {
  const progressOf = (stepId: string) => mine.progress.find((p) => p.stepId === stepId);
  const answerOf = (stepId: string) => {
    const a = mine.surveys.find((x) => x.stepId === stepId);
    return a ? presentSurveyAnswer(a) : null;
  };
  const done = steps.filter((s) => progressOf(s.stepId)?.status === 'complete');
  const remaining = steps.filter((s) => progressOf(s.stepId)?.status !== 'complete');
  return {
    preview: flags.preview,
    cohort,
    module: {
      id: m.id,
      versionNumber: m.versionNumber,
      title: m.title,
      summary: m.summary,
      pdMinutes: m.pdMinutes,
      unlockRule: m.unlockRule,
      estimatedMinutes: steps.reduce((n, s) => n + s.estimatedMinutes, 0),
      remainingMinutes: mine.completion ? 0 : remaining.reduce((n, s) => n + s.estimatedMinutes, 0),
      completedSteps: done.length,
      totalSteps: steps.length,
      percent: mine.completion ? 100 : steps.length ? Math.floor((done.length * 100) / steps.length) : 0,
      status: mine.completion ? 'complete' : mine.progress.length ? 'in_progress' : 'not_started',
      completedAt: mine.completion?.completedAt.toISOString() ?? null,
      pdMinutesEarned: mine.completion?.pdMinutes ?? 0,
    },
    nextStepId: remaining[0]?.stepId ?? null,
    canEdit: flags.canEdit,
    canKeepRecords: flags.canKeepRecords,
    steps: steps.map((s) => {
      const p = progressOf(s.stepId) ?? NOT_STARTED;
      const response = mine.responses.find((r) => r.stepId === s.stepId);
      const record = mine.records.find((r) => r.stepId === s.stepId);
      return {
        stepId: s.stepId,
        position: s.position,
        kind: s.kind,
        title: s.title,
        estimatedMinutes: s.estimatedMinutes,
        display: displayOf(s.kind, s.content),
        progress: { status: p.status, startedAt: p.startedAt?.toISOString() ?? null, completedAt: p.completedAt?.toISOString() ?? null },
        ...(s.kind === 'reflect' || s.kind === 'inquiry' ? { response: response ? presentOwnResponse(response) : null } : {}),
        ...(s.kind === 'checkpoint' ? { agreement: record ? presentAgreement(record) : null } : {}),
        ...(s.kind === 'survey' ? { answer: answerOf(s.stepId) } : {}),
      };
    }),
  };
}

/** Player payloads. */
export type PlayerView = ReturnType<typeof presentPlayer>;

/** The module player (published version, with the caller's progress and work) and the editor's preview of a draft. */
export function createPlayerService(deps: { db: Knex; modules: ModulesStore; progressStore: ProgressStore; responses: ResponsesStore; survey: SurveyStore; progress: ProgressService }) {
  const { db, modules } = deps;
  return {
    /** The published module for the caller; 409 `module_locked` when it opens only after another. */
    play: (a: CohortAccess, s: SessionIdentity, moduleId: string) =>
      runResult(async () => {
        const { module: m, steps } = await deps.progress.live(db, a.cohort.id, moduleId);
        const blocker = await deps.progress.blocker(db, m, s.userId);
        if (blocker) return abort({ kind: 'module_locked', blockedBy: { moduleId: blocker.id, title: blocker.title } });
        const stepIds = steps.map((x) => x.stepId);
        const [progress, completions, responses, records, version, surveys] = await Promise.all([
          deps.progressStore.progressOf(db, s.userId, m.id),
          deps.progressStore.completionsOf(db, s.userId, [m.id]),
          deps.responses.ownOf(db, s.userId, stepIds),
          deps.responses.recordsOf(db, stepIds),
          modules.findVersion(db, m.publishedVersionId!),
          deps.survey.ownOf(db, s.userId, stepIds),
        ]);
        return presentPlayer(
          { id: a.cohort.id, title: a.cohort.title },
          { ...m, versionNumber: version?.number ?? null },
          steps,
          { progress, responses, records, surveys, completion: completions[0] ?? null },
          { preview: false, canEdit: modulePolicy.canEdit(a, m.id), canKeepRecords: modulePolicy.hasLeadRights(a, m.id) },
        );
      }),

    /** The draft (or, with no draft, the published version) as a teacher would see it, with no progress. */
    preview: (a: CohortAccess, moduleId: string) =>
      runResult(async () => {
        const m = (await modules.findModule(db, a.cohort.id, moduleId)) ?? abort({ kind: 'module_not_found' });
        if (!modulePolicy.canEdit(a, m.id)) return abort({ kind: 'not_editor' });
        const version = (await modules.findDraft(db, m.id)) ?? (m.publishedVersionId ? await modules.findVersion(db, m.publishedVersionId) : null);
        const steps = version ? await modules.listSteps(db, version.id) : [];
        return presentPlayer(
          { id: a.cohort.id, title: a.cohort.title },
          { id: m.id, versionNumber: version?.number ?? null, title: version?.title ?? m.title, summary: version?.summary ?? m.summary, pdMinutes: version?.pdMinutes ?? m.pdMinutes, unlockRule: version?.unlockRule ?? m.unlockRule },
          steps,
          { progress: [], responses: [], records: [], surveys: [], completion: null },
          { preview: true, canEdit: true, canKeepRecords: false },
        );
      }),
  };
}

/** Module player and preview. */
export type PlayerService = ReturnType<typeof createPlayerService>;

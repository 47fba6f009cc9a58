import type { Knex } from 'knex';
import type { CohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { abort, runResult } from './modules.errors';
import type { ProgressService } from './progress.service';
import type { SurveyAnswer, SurveyStore } from './survey.store';

/** A survey answer as its author sees it (nobody else ever sees it one by one). */
export const presentSurveyAnswer = (a: SurveyAnswer) => ({ useful: a.useful, relevant: a.relevant, suggestion: a.suggestion, answeredAt: a.answeredAt.toISOString() });

/**
 * The end-of-module survey. Answering completes the step in the same transaction; answering again changes the
 * answer. Answers are private: reports read them only aggregated (surveyResults.ts).
 */
export function createSurveyService(deps: { db: Knex; survey: SurveyStore; progress: ProgressService }) {
  const { db } = deps;
  return {
    /** Saves the caller's answer to a survey step and completes the step. */
    answer: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, input: { useful: number; relevant: number; suggestion: string }) =>
      runResult(() =>
        db.transaction(async (trx) => {
          const { module: m, steps } = await deps.progress.live(trx, a.cohort.id, moduleId, true);
          const step = steps.find((x) => x.stepId === stepId) ?? abort({ kind: 'step_not_found' });
          if (step.kind !== 'survey') return abort({ kind: 'not_a_survey', stepKind: step.kind });
          await deps.progress.requireWorkable(trx, a, s.userId, m);
          const saved = await deps.survey.upsert(trx, { userId: s.userId, stepId, cohortId: a.cohort.id, moduleId: m.id, ...input });
          const progress = await deps.progress.progressIn(trx, a, s, moduleId, stepId, 'complete');
          return { answer: presentSurveyAnswer(saved), progress };
        }),
      ),
  };
}

/** The survey step's service. */
export type SurveyService = ReturnType<typeof createSurveyService>;

import type { Knex } from 'knex';

/** A person's answer to a survey step. */
export interface SurveyAnswer {
  stepId: string;
  useful: number;
  relevant: number;
  suggestion: string;
  answeredAt: Date;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toAnswer = (r: Row): SurveyAnswer => ({ stepId: r.step_id, useful: Number(r.useful), relevant: Number(r.relevant), suggestion: r.suggestion, answeredAt: new Date(r.answered_at) });

/** Data access for survey answers (one per person and step). */
export const surveyStore = {
  /** Saves the person's answer, replacing an earlier one. */
  async upsert(trx: Knex, a: { userId: string; stepId: string; cohortId: string; moduleId: string; useful: number; relevant: number; suggestion: string }): Promise<SurveyAnswer> {
    const rows = await trx('survey_responses')
      .insert({ user_id: a.userId, step_id: a.stepId, cohort_id: a.cohortId, module_id: a.moduleId, useful: a.useful, relevant: a.relevant, suggestion: a.suggestion, answered_at: trx.fn.now() })
      .onConflict(['user_id', 'step_id'])
      .merge(['useful', 'relevant', 'suggestion', 'answered_at'])
      .returning('*');
    return toAnswer(rows[0]);
  },

  /** The person's own answers to some steps. */
  async ownOf(db: Knex, userId: string, stepIds: string[]): Promise<SurveyAnswer[]> {
    if (stepIds.length === 0) return [];
    return (await db('survey_responses').where({ user_id: userId }).whereIn('step_id', stepIds)).map(toAnswer);
  },
};

/** Survey answers. */
export type SurveyStore = typeof surveyStore;

import type { Knex } from 'knex';

/**
 * Read side of the end-of-module survey, for reports. It queries knex directly (not through a store) because it
 * is a single read-only aggregate that report code calls with its own scope; no write path shares it.
 */

/** Aggregated survey answers: never who said what. */
export interface SurveyResults {
  /** Survey answers counted (one per person and survey step). */
  responses: number;
  /** Counts of "Was this useful?" answers 1..4 (index 0 = answer 1). */
  useful: number[];
  /** Counts of "Was it relevant to your work?" answers 1..4 (index 0 = answer 1). */
  relevant: number[];
  /** The non-empty "What should change?" answers, without names, in alphabetical order (not answer order, so they cannot be matched to people by time). */
  suggestions: string[];
}

/** Whose answers count: one cohort, members (leavers included) of some of its courses, answered in [from, to). */
export interface SurveyScope {
  cohortId: string;
  contextIds: string[];
  from: Date;
  to: Date;
}

/** Aggregates the survey answers of the people in scope. */
export async function loadSurveyResults(db: Knex, scope: SurveyScope): Promise<SurveyResults> {
  const empty: SurveyResults = { responses: 0, useful: [0, 0, 0, 0], relevant: [0, 0, 0, 0], suggestions: [] };
  if (scope.contextIds.length === 0) return empty;
  const { rows } = await db.raw(
    `SELECT sr.useful, sr.relevant, sr.suggestion FROM survey_responses sr
      WHERE sr.cohort_id = ? AND sr.answered_at >= ? AND sr.answered_at < ?
        AND EXISTS (SELECT 1 FROM memberships mem WHERE mem.user_id = sr.user_id AND mem.context_id = ANY(?::uuid[]))`,
    [scope.cohortId, scope.from, scope.to, scope.contextIds],
  );
  const result = empty;
  for (const r of rows as Array<{ useful: number; relevant: number; suggestion: string }>) {
    result.responses += 1;
    result.useful[Number(r.useful) - 1]! += 1;
    result.relevant[Number(r.relevant) - 1]! += 1;
    const text = r.suggestion.trim();
    if (text) result.suggestions.push(text);
  }
  result.suggestions.sort((a, b) => a.localeCompare(b));
  return result;
}

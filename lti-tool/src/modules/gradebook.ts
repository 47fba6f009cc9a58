import type { Knex } from 'knex';
import type { ScoreInput } from '../grades/grades.schema';

/** What the grades feature offers other features (the part modules use). */
export interface ScoreQueue {
  enqueueScore(input: ScoreInput, trx: Knex.Transaction): Promise<unknown>;
}

/** A module completion to report to the person's course gradebook. */
export interface CompletionReport {
  contextId: string;
  userId: string;
  moduleId: string;
  moduleTitle: string;
  pdMinutes: number;
  completedAt: Date;
}

/** Reports completions inside the completing transaction; a no-op when the tool has no grade passback. */
export type CompletionReporter = (trx: Knex.Transaction, c: CompletionReport) => Promise<void>;

/**
 * Module completion → one gradebook column per module (found or created by resourceId and tag), scored 1/1
 * "Completed / FullyGraded" (Canvas shows a score only when fully graded). The passback is enqueued in the
 * same transaction as the completion, so it exists exactly when the completion commits.
 */
export function completionReporter(scores: ScoreQueue | null): CompletionReporter {
  if (!scores) return async () => {};
  return async (trx, c) => {
    await scores.enqueueScore(
      {
        contextId: c.contextId,
        userId: c.userId,
        lineItem: { resourceId: `staffroom-module:${c.moduleId}`, tag: 'staffroom-module-completion', label: c.moduleTitle.slice(0, 255), scoreMaximum: 1 },
        scoreGiven: 1,
        comment: `Completed in Staffroom (${c.pdMinutes} PD minutes).`,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        at: c.completedAt,
      },
      trx,
    );
  };
}

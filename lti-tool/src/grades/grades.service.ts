import type { Knex } from 'knex';
import { errors } from '../http/errors';
import type { JobQueue } from '../jobs/jobQueue';
import { scoreInputSchema, type ScoreInput } from './grades.schema';
import type { GradesStore, PassbackStatus, PassbackView } from './grades.store';
import type { PassbackJob } from './passback.worker';

/** The queue grade passbacks are delivered through. */
export const PASSBACK_QUEUE = 'grade-passback';

/** Enqueueing scores for the LMS gradebook, and the admin's view of passbacks that failed. */
export function createGradesService(deps: { db: Knex; store: GradesStore; jobs: JobQueue }) {
  const send = (passbackId: string, trx: Knex.Transaction) => deps.jobs.send<PassbackJob>(PASSBACK_QUEUE, { passbackId }, { trx });

  return {
    /**
     * Records a score the LMS gradebook should get and enqueues its delivery, both inside `trx`: the
     * passback exists exactly when the change that made the score commits, and survives restarts.
     * Scores of the same person and line item are delivered newest-wins, ordered by `at`.
     */
    async enqueueScore(input: ScoreInput, trx: Knex.Transaction): Promise<{ passbackId: string }> {
      const parsed = scoreInputSchema.safeParse(input);
      if (!parsed.success) throw errors.validation('The score cannot be sent to the gradebook.', parsed.error.issues);
      const s = parsed.data;
      const passbackId = await deps.store.insert(
        {
          contextId: s.contextId,
          userId: s.userId,
          resourceId: s.lineItem.resourceId ?? null,
          tag: s.lineItem.tag ?? null,
          resourceLinkId: s.resourceLinkId ?? null,
          payload: {
            lineItem: { label: s.lineItem.label, scoreMaximum: s.lineItem.scoreMaximum },
            score: { scoreGiven: s.scoreGiven, scoreMaximum: s.lineItem.scoreMaximum, comment: s.comment ?? null, activityProgress: s.activityProgress, gradingProgress: s.gradingProgress },
          },
          scoredAt: s.at,
        },
        trx,
      );
      await send(passbackId, trx);
      return { passbackId };
    },

    /** Failed passbacks of the admin's context, and how many passbacks are in each state. */
    async failures(contextId: string, limit: number): Promise<{ failures: PassbackView[]; counts: Record<PassbackStatus, number> }> {
      const [failures, counts] = await Promise.all([deps.store.listFailed(contextId, limit), deps.store.countByStatus(contextId)]);
      return { failures, counts };
    },

    /** Sends a failed passback again (after the admin fixed the cause); 404 outside the context, 409 unless failed. */
    async retry(contextId: string, passbackId: string): Promise<PassbackView> {
      return deps.db.transaction(async (trx) => {
        const existing = await deps.store.find(contextId, passbackId, trx);
        if (!existing) throw errors.notFound('That grade passback');
        if (!(await deps.store.reopen(contextId, passbackId, trx))) {
          throw errors.conflict('passback_not_failed', `This grade passback is ${existing.status}, not failed: there is nothing to retry.`, { status: existing.status });
        }
        await send(passbackId, trx);
        return (await deps.store.find(contextId, passbackId, trx))!;
      });
    },

    /** Keeps the error of a failed attempt and enqueues the next attempt for `at`, atomically. */
    async retryLater(passbackId: string, at: Date, kind: string, message: string): Promise<void> {
      await deps.db.transaction(async (trx) => {
        await deps.store.noteError(passbackId, kind, message, trx);
        await deps.jobs.send<PassbackJob>(PASSBACK_QUEUE, { passbackId }, { trx, startAfter: at });
      });
    },

    /**
     * Re-enqueues pending passbacks untouched since `before`: a job that died with its process on its
     * last attempt would otherwise leave its passback pending for ever. Delivery is idempotent, so a
     * passback whose job is in fact still queued is not sent twice.
     */
    async requeueStale(before: Date, limit = 500): Promise<number> {
      return deps.db.transaction(async (trx) => {
        const ids = await deps.store.takeStale(before, limit, trx);
        for (const id of ids) await send(id, trx);
        return ids.length;
      });
    },
  };
}

/** The grades service. */
export type GradesService = ReturnType<typeof createGradesService>;

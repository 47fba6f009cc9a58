import type { Knex } from 'knex';
import type { CohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { abort, runResult } from './modules.errors';
import type { ProgressService } from './progress.service';
import type { StepTimeStore } from './stepTime.store';

/** One heartbeat counts at most this much (the player reports every 30 s of visible time). */
export const BEAT_MAX_SECONDS = 120;
/** Grace over the wall-clock time since the previous beat (network and timer jitter). */
export const BEAT_SLACK_SECONDS = 5;

/**
 * The most time one person's step can record: four times its estimate, at least an hour and at most eight, so a
 * tab left open and visible overnight counts as a long session, not as a night.
 */
export const stepCapSeconds = (estimatedMinutes: number): number => Math.min(Math.max(estimatedMinutes * 4, 60), 480) * 60;

/** Measured time on task: the player reports visible time on the open step; the server caps what counts. */
export function createStepTimeService(deps: { db: Knex; time: StepTimeStore; progress: ProgressService }) {
  const { db } = deps;
  return {
    /** Adds visible seconds to the caller's own time on a step of a module they can work on; answers the new total. */
    record: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, seconds: number) =>
      runResult(() =>
        db.transaction(async (trx) => {
          const { module: m, steps } = await deps.progress.live(trx, a.cohort.id, moduleId);
          const step = steps.find((x) => x.stepId === stepId) ?? abort({ kind: 'step_not_found' });
          await deps.progress.requireWorkable(trx, a, s.userId, m);
          const total = await deps.time.add(trx, {
            userId: s.userId,
            stepId,
            cohortId: a.cohort.id,
            moduleId: m.id,
            seconds: Math.min(seconds, BEAT_MAX_SECONDS),
            slack: BEAT_SLACK_SECONDS,
            stepCap: stepCapSeconds(step.estimatedMinutes),
          });
          return { totalSeconds: total };
        }),
      ),
  };
}

/** Time on task. */
export type StepTimeService = ReturnType<typeof createStepTimeService>;

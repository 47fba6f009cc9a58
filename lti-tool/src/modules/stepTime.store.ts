import type { Knex } from 'knex';

/** Data access for measured time on steps. */
export const stepTimeStore = {
  /**
   * Adds a heartbeat's seconds to the person's time on a step, atomically: the beat counts at most the wall-clock
   * time since their previous beat (plus `slack`), so rapid or replayed beats cannot inflate it, and the total
   * never passes `stepCap`. Returns the new total.
   */
  async add(trx: Knex, b: { userId: string; stepId: string; cohortId: string; moduleId: string; seconds: number; slack: number; stepCap: number }): Promise<number> {
    const { rows } = await trx.raw(
      `INSERT INTO step_time AS st (user_id, step_id, cohort_id, module_id, seconds, last_beat_at)
       VALUES (?, ?, ?, ?, LEAST(?::int, ?::int), now())
       ON CONFLICT (user_id, step_id) DO UPDATE SET
         seconds = LEAST(st.seconds + LEAST(EXCLUDED.seconds, GREATEST(0, ceil(extract(epoch FROM now() - st.last_beat_at))::int + ?::int)), ?::int),
         last_beat_at = now()
       RETURNING st.seconds`,
      [b.userId, b.stepId, b.cohortId, b.moduleId, b.seconds, b.stepCap, b.slack, b.stepCap],
    );
    return Number(rows[0].seconds);
  },

  /** The person's measured seconds on some steps. */
  async ownOf(db: Knex, userId: string, stepIds: string[]): Promise<Map<string, number>> {
    if (stepIds.length === 0) return new Map();
    const rows: { step_id: string; seconds: number }[] = await db('step_time').where({ user_id: userId }).whereIn('step_id', stepIds).select('step_id', 'seconds');
    return new Map(rows.map((r) => [r.step_id, Number(r.seconds)]));
  },
};

/** Measured time on steps. */
export type StepTimeStore = typeof stepTimeStore;

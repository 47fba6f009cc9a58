import type { Knex } from 'knex';
import type { AuditionsStore } from './auditions.store';
import type { Allocation } from './allocation.service';
import { deactivateLeavers } from './pool.store';
import type { ReviewsStore } from './reviews.store';

/**
 * The scheduled sweep: allocates fixed-mode auditions whose deadline passed, reassigns reviews overdue by the
 * audition's grace days (telling the late reviewer), and takes people who left the cohort out of the pool,
 * reassigning their open reviews. Each item is its own transaction under the audition's lock, and every
 * change is conditional, so two processes sweeping at once do each thing once.
 */
export function createSweep(deps: { db: Knex; auditions: AuditionsStore; reviews: ReviewsStore; allocation: Allocation }) {
  const { db, auditions, reviews, allocation } = deps;
  return {
    async run(now: Date): Promise<{ allocated: number; overdue: number; left: number }> {
      let allocated = 0;
      for (const id of await auditions.dueForAllocation(db, now)) {
        await db.transaction(async (trx) => {
          const a = await auditions.lockById(trx, id);
          if (a && a.mode === 'fixed' && !a.allocatedAt) {
            await allocation.allocateFixed(trx, a, now);
            allocated++;
          }
        });
      }
      let overdue = 0;
      for (const item of await reviews.overdue(db, now)) {
        await db.transaction(async (trx) => {
          const a = await auditions.lockById(trx, item.auditionId);
          if (a && (await allocation.reassign(trx, a, item.id, 'overdue', now))) overdue++;
        });
      }
      let left = 0;
      for (const item of await reviews.ofLeavers(db)) {
        await db.transaction(async (trx) => {
          const a = await auditions.lockById(trx, item.auditionId);
          if (a && (await allocation.reassign(trx, a, item.id, 'left', now))) left++;
        });
      }
      await db.transaction((trx) => deactivateLeavers(trx));
      return { allocated, overdue, left };
    },
  };
}

/** The auditions sweep. */
export type Sweep = ReturnType<typeof createSweep>;

import type { Knex } from 'knex';

/** A member of an audition's reviewer pool with their load. */
export interface PoolMember {
  userId: string;
  school: string | null;
  openReviews: number;
  totalReviews: number;
  active: boolean;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const toMember = (r: Row): PoolMember => ({ userId: r.user_id, school: r.school, openReviews: r.open_reviews, totalReviews: r.total_reviews, active: r.active });

/** Data access for the reviewer pool (people who have submitted) and their review counts. */
export const poolStore = {
  async join(trx: Knex, auditionId: string, userId: string, school: string | null): Promise<void> {
    await trx('audition_reviewers').insert({ audition_id: auditionId, user_id: userId, school }).onConflict(['audition_id', 'user_id']).merge({ active: true, school });
  },

  async deactivate(trx: Knex, auditionId: string, userId: string): Promise<void> {
    await trx('audition_reviewers').where({ audition_id: auditionId, user_id: userId }).update({ active: false });
  },

  async find(trx: Knex, auditionId: string, userId: string): Promise<PoolMember | null> {
    const row = await trx('audition_reviewers').where({ audition_id: auditionId, user_id: userId }).first();
    return row ? toMember(row) : null;
  },

  async all(trx: Knex, auditionId: string): Promise<PoolMember[]> {
    return (await trx('audition_reviewers').where({ audition_id: auditionId }).orderBy('joined_at')).map(toMember);
  },

  async bump(trx: Knex, auditionId: string, userId: string | string[], open: number, total: number): Promise<void> {
    const ids = Array.isArray(userId) ? userId : [userId];
    if (ids.length === 0) return;
    await trx('audition_reviewers')
      .where({ audition_id: auditionId })
      .whereIn('user_id', ids)
      .update({ open_reviews: trx.raw('greatest(0, open_reviews + ?)', [open]), total_reviews: trx.raw('total_reviews + ?', [total]) });
  },

  /** Whether the pool's open-review counters match the reviews (a consistency check for tests and the bench). */
  async drift(trx: Knex, auditionId: string): Promise<number> {
    const row = await trx.raw(
      `select count(*)::int as n from audition_reviewers p where p.audition_id = ?
         and p.open_reviews <> (select count(*) from audition_reviews r where r.audition_id = p.audition_id and r.reviewer_id = p.user_id and r.status = 'assigned')`,
      [auditionId],
    );
    return row.rows[0].n;
  },
};

/** Data access for the reviewer pool. */
export type PoolStore = typeof poolStore;

/** Takes people who left every course of the audition's cohort out of its pool (their work stays). */
export async function deactivateLeavers(trx: Knex, auditionId?: string): Promise<number> {
  const q = trx('audition_reviewers as p')
    .where('p.active', true)
    .whereNotExists((s) =>
      s
        .select(trx.raw('1'))
        .from('memberships as m')
        .join('cohort_contexts as cc', 'cc.context_id', 'm.context_id')
        .join('auditions as a', 'a.cohort_id', 'cc.cohort_id')
        .whereRaw(`a.id = p.audition_id and m.user_id = p.user_id and m.status = 'active'`),
    );
  if (auditionId) q.andWhere('p.audition_id', auditionId);
  return q.update({ active: false });
}

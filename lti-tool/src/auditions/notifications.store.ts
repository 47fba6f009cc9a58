import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** An in-app notification. */
export interface Notification {
  id: string;
  cohortId: string | null;
  kind: string;
  body: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Data access for notifications. */
export const notificationsStore = {
  async add(trx: Knex, userId: string, cohortId: string | null, kind: string, body: Record<string, unknown>): Promise<void> {
    await trx('notifications').insert({ id: randomUUID(), user_id: userId, cohort_id: cohortId, kind, body: JSON.stringify(body) });
  },

  /** The newest notifications of a person, in the cohorts of their course (or not about a cohort). */
  async list(trx: Knex, userId: string, contextId: string, limit: number): Promise<Notification[]> {
    const rows = await trx('notifications as n')
      .where('n.user_id', userId)
      .andWhere((q) => q.whereNull('n.cohort_id').orWhereExists((s) => s.select(trx.raw('1')).from('cohort_contexts as cc').whereRaw('cc.cohort_id = n.cohort_id and cc.context_id = ?', [contextId])))
      .orderBy([{ column: 'n.created_at', order: 'desc' }, { column: 'n.id', order: 'desc' }])
      .limit(limit);
    return rows.map((r: Row) => ({ id: r.id, cohortId: r.cohort_id, kind: r.kind, body: r.body, createdAt: new Date(r.created_at), readAt: r.read_at ? new Date(r.read_at) : null }));
  },

  async markRead(trx: Knex, userId: string, id: string): Promise<boolean> {
    const n = await trx('notifications').where({ id, user_id: userId }).update({ read_at: trx.raw('coalesce(read_at, now())') });
    return n === 1;
  },
};

/** Data access for notifications. */
export type NotificationsStore = typeof notificationsStore;

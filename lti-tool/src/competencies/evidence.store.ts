import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Evidence, EvidenceSource } from './competency.types';

/** A review request. */
export interface ReviewRequest {
  id: string;
  competencyId: string;
  note: string;
  status: 'pending' | 'resolved';
  requestedAt: Date;
  resolvedAt: Date | null;
}

/** New evidence. */
export interface EvidenceInput {
  cohortId: string;
  userId: string;
  competencyId: string;
  sourceKind: EvidenceSource;
  sourceId: string | null;
  title: string;
  text: string;
  url: string | null;
  attachmentId: string | null;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const toEvidence = (r: any): Evidence => ({
  id: r.id,
  cohortId: r.cohort_id,
  userId: r.user_id,
  competencyId: r.competency_id,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  title: r.title,
  text: r.text,
  url: r.url,
  attachmentId: r.attachment_id,
  createdAt: new Date(r.created_at),
  reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
});
const toRequest = (r: any): ReviewRequest => ({ id: r.id, competencyId: r.competency_id, note: r.note, status: r.status, requestedAt: new Date(r.requested_at), resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null });
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Evidence and review requests. */
export const evidenceStore = {
  /**
   * Records evidence. Automatic evidence is one row per source (a later save of the same source refreshes its
   * text and keeps its place in the queue); own evidence is always a new row. Returns the row's id.
   */
  async upsert(trx: Knex, e: EvidenceInput): Promise<string> {
    const result = await trx.raw(
      `insert into competency_evidence (id, cohort_id, user_id, competency_id, source_kind, source_id, title, text, url, attachment_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (cohort_id, user_id, competency_id, source_kind, source_id) where source_id is not null
       do update set title = excluded.title, text = excluded.text, url = excluded.url, attachment_id = excluded.attachment_id
       returning id`,
      [randomUUID(), e.cohortId, e.userId, e.competencyId, e.sourceKind, e.sourceId, e.title, e.text, e.url, e.attachmentId],
    );
    return result.rows[0].id as string;
  },

  /** A person's evidence in a cohort (one competency or all), newest first. */
  async forPerson(db: Knex, cohortId: string, userId: string, competencyId?: string): Promise<Evidence[]> {
    const q = db('competency_evidence').where({ cohort_id: cohortId, user_id: userId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
    if (competencyId) q.where({ competency_id: competencyId });
    return (await q).map(toEvidence);
  },

  /** How many of `ids` are evidence of this person and competency in the cohort. */
  async countOwned(db: Knex, cohortId: string, userId: string, competencyId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const row = await db('competency_evidence').where({ cohort_id: cohortId, user_id: userId, competency_id: competencyId }).whereIn('id', ids).count('* as n').first();
    return Number(row?.n ?? 0);
  },

  /** A rating takes all the pair's evidence into account and answers its pending request. */
  async settleByRating(trx: Knex.Transaction, p: { cohortId: string; userId: string; competencyId: string; ratingId: string; at: Date }): Promise<void> {
    const pair = { cohort_id: p.cohortId, user_id: p.userId, competency_id: p.competencyId };
    await trx('competency_evidence').where(pair).whereNull('reviewed_at').update({ reviewed_at: p.at });
    await trx('competency_review_requests').where({ ...pair, status: 'pending' }).update({ status: 'resolved', resolved_at: p.at, resolved_by_rating_id: p.ratingId });
  },

  /** Opens a review request; false when one is already pending. */
  async openRequest(trx: Knex.Transaction, r: { cohortId: string; userId: string; competencyId: string; note: string }): Promise<ReviewRequest | null> {
    const result = await trx.raw(
      `insert into competency_review_requests (id, cohort_id, user_id, competency_id, note) values (?, ?, ?, ?, ?)
       on conflict (cohort_id, user_id, competency_id) where status = 'pending' do nothing returning *`,
      [randomUUID(), r.cohortId, r.userId, r.competencyId, r.note],
    );
    return result.rows[0] ? toRequest(result.rows[0]) : null;
  },

  /** A person's review requests in a cohort, newest first. */
  async requests(db: Knex, cohortId: string, userId: string): Promise<ReviewRequest[]> {
    return (await db('competency_review_requests').where({ cohort_id: cohortId, user_id: userId }).orderBy([{ column: 'requested_at', order: 'desc' }, { column: 'id', order: 'desc' }])).map(toRequest);
  },
};

/** The evidence store. */
export type EvidenceStore = typeof evidenceStore;

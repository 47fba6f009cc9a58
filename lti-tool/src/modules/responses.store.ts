import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { fromJson } from './modules.store';

/** Written work on a step: a person's response, or a checkpoint's shared record (kind 'checkpoint'). */
export interface StepResponse {
  id: string;
  stepId: string;
  userId: string;
  authorName: string | null;
  cohortId: string;
  moduleId: string;
  kind: 'reflect' | 'inquiry' | 'checkpoint';
  body: Record<string, unknown>;
  visibility: 'private' | 'cohort';
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toResponse = (r: Row): StepResponse => ({
  id: r.id,
  stepId: r.step_id,
  userId: r.user_id,
  authorName: r.author_name ?? null,
  cohortId: r.cohort_id,
  moduleId: r.module_id,
  kind: r.kind,
  body: fromJson(r.body),
  visibility: r.visibility,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// Microseconds since the epoch: a cursor that keeps PostgreSQL's full timestamp precision (a JS Date keeps ms).
const CREATED_US = `floor(extract(epoch from r.created_at) * 1000000)::bigint`;

const withAuthor = (q: Knex.QueryBuilder) => q.leftJoin('users as u', 'u.id', 'r.user_id').select('r.*', 'u.name as author_name');

/** Data access for step responses. Saves are compare-and-set on `revision`: a stale save changes nothing. */
export const responsesStore = {
  async findOwn(trx: Knex, stepId: string, userId: string): Promise<StepResponse | null> {
    const row = await withAuthor(trx('step_responses as r').where({ 'r.step_id': stepId, 'r.user_id': userId }).whereNot('r.kind', 'checkpoint')).first();
    return row ? toResponse(row) : null;
  },

  async findRecord(trx: Knex, stepId: string): Promise<StepResponse | null> {
    const row = await withAuthor(trx('step_responses as r').where({ 'r.step_id': stepId, 'r.kind': 'checkpoint' })).first();
    return row ? toResponse(row) : null;
  },

  /** Checkpoint records of many steps (for the player). */
  async recordsOf(trx: Knex, stepIds: string[]): Promise<StepResponse[]> {
    if (stepIds.length === 0) return [];
    return (await withAuthor(trx('step_responses as r').whereIn('r.step_id', stepIds).andWhere('r.kind', 'checkpoint'))).map(toResponse);
  },

  /** One person's responses to many steps (for the player). */
  async ownOf(trx: Knex, userId: string, stepIds: string[]): Promise<StepResponse[]> {
    if (stepIds.length === 0) return [];
    return (await withAuthor(trx('step_responses as r').whereIn('r.step_id', stepIds).andWhere('r.user_id', userId).whereNot('r.kind', 'checkpoint'))).map(toResponse);
  },

  async findById(trx: Knex, cohortId: string, stepId: string, id: string): Promise<StepResponse | null> {
    const row = await withAuthor(trx('step_responses as r').where({ 'r.id': id, 'r.step_id': stepId, 'r.cohort_id': cohortId }).whereNot('r.kind', 'checkpoint')).first();
    return row ? toResponse(row) : null;
  },

  /** Cohort-visible responses to a step, oldest first, a page after the `after` cursor (microsecond time, id). */
  async listShared(trx: Knex, cohortId: string, stepId: string, limit: number, after: { at: number; id: string } | null): Promise<(StepResponse & { cursor: { at: number; id: string } })[]> {
    const q = trx('step_responses as r').where({ 'r.cohort_id': cohortId, 'r.step_id': stepId, 'r.visibility': 'cohort' }).whereNot('r.kind', 'checkpoint');
    if (after) q.andWhereRaw(`(${CREATED_US}, r.id) > (?::bigint, ?::uuid)`, [after.at, after.id]);
    const rows = await withAuthor(q).select(trx.raw(`${CREATED_US} as created_us`)).orderByRaw(`${CREATED_US}, r.id`).limit(limit);
    return rows.map((r: Row) => ({ ...toResponse(r), cursor: { at: Number(r.created_us), id: r.id } }));
  },

  /** Creates the first revision unless a row already exists; returns null when one did (someone saved first). */
  async insertFirst(trx: Knex, r: { stepId: string; userId: string; cohortId: string; moduleId: string; kind: StepResponse['kind']; body: object; visibility: 'private' | 'cohort' }): Promise<boolean> {
    const target = r.kind === 'checkpoint' ? `(step_id) WHERE kind = 'checkpoint'` : `(step_id, user_id) WHERE kind <> 'checkpoint'`;
    const { rows } = await trx.raw(
      `INSERT INTO step_responses (id, step_id, user_id, cohort_id, module_id, kind, body, visibility, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1) ON CONFLICT ${target} DO NOTHING RETURNING id`,
      [randomUUID(), r.stepId, r.userId, r.cohortId, r.moduleId, r.kind, JSON.stringify(r.body), r.visibility],
    );
    return rows.length === 1;
  },

  /** Saves a new revision if the stored one is still `revision`; false when another save came first. */
  async updateIfRevision(trx: Knex, id: string, revision: number, change: { body: object; visibility: 'private' | 'cohort'; editorId: string }): Promise<boolean> {
    const n = await trx('step_responses')
      .where({ id, revision })
      .update({ body: JSON.stringify(change.body), visibility: change.visibility, user_id: change.editorId, revision: revision + 1, updated_at: trx.fn.now() });
    return n === 1;
  },
};

/** Data access for responses. */
export type ResponsesStore = typeof responsesStore;

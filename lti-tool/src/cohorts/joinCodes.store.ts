import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** A network invite as stored (never the code itself). */
export interface JoinCodeRow {
  id: string;
  cohortId: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedByContextId: string | null;
  revokedAt: Date | null;
}

/** Data access for network join codes. */
export function createJoinCodeStore(db: Knex) {
  return {
    async insert(trx: Knex.Transaction, c: { cohortId: string; codeHash: string; createdBy: string; expiresAt: Date }): Promise<JoinCodeRow> {
      const [row] = await trx('cohort_join_codes')
        .insert({ id: randomUUID(), cohort_id: c.cohortId, code_hash: c.codeHash, created_by: c.createdBy, expires_at: c.expiresAt })
        .returning('*');
      return toJoinCode(row);
    },
    /** The code with this hash, locked until the transaction ends so two joins cannot both use it. */
    async findByHashForUpdate(trx: Knex.Transaction, codeHash: string): Promise<JoinCodeRow | null> {
      const row = await trx('cohort_join_codes').where({ code_hash: codeHash }).forUpdate().first();
      return row ? toJoinCode(row) : null;
    },
    /** Marks the code used; false if another transaction used or revoked it first. */
    async markUsed(trx: Knex.Transaction, id: string, by: { contextId: string; userId: string; at: Date }): Promise<boolean> {
      const n = await trx('cohort_join_codes')
        .where({ id })
        .whereNull('used_at')
        .whereNull('revoked_at')
        .update({ used_at: by.at, used_by_context_id: by.contextId, used_by_user_id: by.userId });
      return n > 0;
    },
    async revoke(trx: Knex.Transaction, cohortId: string, id: string, at: Date): Promise<JoinCodeRow | null> {
      const [row] = await trx('cohort_join_codes').where({ id, cohort_id: cohortId }).whereNull('used_at').whereNull('revoked_at').update({ revoked_at: at }).returning('*');
      return row ? toJoinCode(row) : null;
    },
    async find(cohortId: string, id: string, trx: Knex = db): Promise<JoinCodeRow | null> {
      const row = await trx('cohort_join_codes').where({ id, cohort_id: cohortId }).first();
      return row ? toJoinCode(row) : null;
    },
    /** A cohort's invites, newest first. */
    async listForCohort(cohortId: string): Promise<(JoinCodeRow & { usedByContextTitle: string | null })[]> {
      const rows = await db('cohort_join_codes as j')
        .leftJoin('contexts as x', 'x.id', 'j.used_by_context_id')
        .where('j.cohort_id', cohortId)
        .orderBy([{ column: 'j.created_at', order: 'desc' }, { column: 'j.id' }])
        .limit(200)
        .select('j.*', 'x.title as used_by_context_title');
      return rows.map((r) => ({ ...toJoinCode(r), usedByContextTitle: r.used_by_context_title ?? null }));
    },
  };
}

function toJoinCode(r: Record<string, unknown>): JoinCodeRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
  return {
    id: r.id as string,
    cohortId: r.cohort_id as string,
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: date(r.created_at)!,
    expiresAt: date(r.expires_at)!,
    usedAt: date(r.used_at),
    usedByContextId: (r.used_by_context_id as string | null) ?? null,
    revokedAt: date(r.revoked_at),
  };
}

/** Data access for network join codes. */
export type JoinCodeStore = ReturnType<typeof createJoinCodeStore>;

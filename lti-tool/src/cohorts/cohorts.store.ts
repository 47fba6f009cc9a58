import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Cohort, CohortKind, CohortSettings, CohortStatus } from './cohort.types';
import { preparedQuery } from '../../../db/preparedQuery';
import { cohortColumns, settingsToRow, toCohort, type CohortRow } from './cohortRow';

/** A cohort as a context's list shows it, with its counts. */
export interface CohortListRow {
  cohort: Cohort;
  memberCount: number;
  contextCount: number;
}

/** One course a cohort spans, with how many active members it brings. */
export interface CohortContextRow {
  contextId: string;
  title: string | null;
  label: string | null;
  platformName: string | null;
  joinedAt: Date;
  memberCount: number;
}

/** What a new cohort or template row holds. */
export interface NewCohort extends CohortSettings {
  ownerContextId: string;
  kind: CohortKind;
  templateSourceId: string | null;
  createdBy: string;
}

/*
 * GET /api/cohorts as constant text (a named prepared statement): cohortRow.ts's columns, then the counts. A person
 * enrolled in two of a network cohort's courses counts once.
 */
const listForContextSql = (columns: string) => `
SELECT ${columns},
  (SELECT count(DISTINCT m.user_id) FROM memberships m JOIN cohort_contexts mc ON mc.context_id = m.context_id
    WHERE mc.cohort_id = c.id AND m.status = 'active')::int AS member_count,
  (SELECT count(*) FROM cohort_contexts x WHERE x.cohort_id = c.id)::int AS context_count
FROM cohorts c
JOIN cohort_contexts cc ON cc.cohort_id = c.id
WHERE cc.context_id = ? AND c.kind = 'cohort' AND c.status = ANY(CAST(? AS text[]))
ORDER BY c.created_at DESC, c.id ASC
LIMIT 500`;

/** Data access for cohort rows and the courses they span. */
export function createCohortStore(db: Knex) {
  // The same text on every call (the columns are fixed), so it can be prepared once per connection.
  const LIST_FOR_CONTEXT_SQL = listForContextSql(cohortColumns(db).map((c) => (typeof c === 'string' ? c : c.toQuery())).join(', '));
  return {
    async find(id: string, trx: Knex = db): Promise<Cohort | null> {
      const row = await trx('cohorts as c').where('c.id', id).first(cohortColumns(trx));
      return row ? toCohort(row) : null;
    },
    /** Locks the row for the rest of the transaction (settings edits, joins). */
    async findForUpdate(trx: Knex.Transaction, id: string): Promise<Cohort | null> {
      const row = await trx('cohorts as c').where('c.id', id).forUpdate().first(cohortColumns(trx));
      return row ? toCohort(row) : null;
    },
    /** A cohort or template this context may copy from: its own, or a built-in starter template. */
    async findCopySource(trx: Knex, id: string, contextId: string): Promise<Cohort | null> {
      const row = await trx('cohorts as c')
        .where('c.id', id)
        .andWhere((q) => q.where('c.owner_context_id', contextId).orWhere((b) => b.whereNull('c.owner_context_id').andWhere('c.kind', 'template')))
        .first(cohortColumns(trx));
      return row ? toCohort(row) : null;
    },
    /** Inserts a cohort or template and links its owner course. */
    async insert(trx: Knex.Transaction, c: NewCohort): Promise<Cohort> {
      const id = randomUUID();
      await trx('cohorts').insert({
        id,
        owner_context_id: c.ownerContextId,
        kind: c.kind,
        template_source_id: c.templateSourceId,
        created_by: c.createdBy,
        status: 'active',
        ...settingsToRow(c),
      });
      await trx('cohort_contexts').insert({ cohort_id: id, context_id: c.ownerContextId });
      return (await this.find(id, trx))!;
    },
    async update(trx: Knex.Transaction, id: string, patch: Partial<CohortSettings> & { status?: CohortStatus }): Promise<Cohort> {
      const row = { ...settingsToRow(patch), ...(patch.status ? { status: patch.status } : {}) };
      await trx('cohorts').where({ id }).update({ ...row, updated_at: trx.fn.now() });
      return (await this.find(id, trx))!;
    },
    /** Links a course to a cohort; false when it was already linked. */
    async addContext(trx: Knex.Transaction, cohortId: string, contextId: string): Promise<boolean> {
      const inserted = await trx('cohort_contexts').insert({ cohort_id: cohortId, context_id: contextId }).onConflict(['cohort_id', 'context_id']).ignore().returning('context_id');
      return inserted.length > 0;
    },
    async removeContext(trx: Knex.Transaction, cohortId: string, contextId: string): Promise<boolean> {
      // returning(): PGlite's knex client answers a bare delete with a result object, not a count.
      const removed = await trx('cohort_contexts').where({ cohort_id: cohortId, context_id: contextId }).delete().returning('context_id');
      return removed.length > 0;
    },
    /**
     * Cohorts (not templates) a course owns or has joined, newest first, with member and course counts. A lead's
     * home call on every launch: one constant text (the statuses are an array parameter), prepared once per connection.
     */
    async listForContext(contextId: string, statuses: readonly CohortStatus[]): Promise<CohortListRow[]> {
      const rows = await preparedQuery<CohortRow>(db, 'cohorts_list_for_context', LIST_FOR_CONTEXT_SQL, [contextId, statuses as CohortStatus[]]);
      return rows.map((r) => ({ cohort: toCohort(r), memberCount: Number(r.member_count), contextCount: Number(r.context_count) }));
    },
    /** Templates a course may start from: the built-in ones first, then its own, by title. */
    async templatesFor(contextId: string): Promise<Cohort[]> {
      const rows = await db('cohorts as c')
        .where('c.kind', 'template')
        .andWhere((q) => q.whereNull('c.owner_context_id').orWhere('c.owner_context_id', contextId))
        .andWhere('c.status', 'active')
        .orderByRaw('c.owner_context_id is not null, c.title, c.id')
        .select(cohortColumns(db));
      return rows.map(toCohort);
    },
    /** The courses a cohort spans, owner first, with titles and active member counts (no per-person data). */
    async contextsOf(cohortId: string): Promise<CohortContextRow[]> {
      const rows = await db('cohort_contexts as cc')
        .join('cohorts as c', 'c.id', 'cc.cohort_id')
        .join('contexts as x', 'x.id', 'cc.context_id')
        .join('deployments as d', 'd.id', 'x.deployment_id')
        .join('platforms as p', 'p.id', 'd.platform_id')
        .where('cc.cohort_id', cohortId)
        .orderByRaw('(cc.context_id = c.owner_context_id) desc, cc.joined_at, cc.context_id')
        .select(
          'cc.context_id', 'x.title', 'x.label', 'p.name as platform_name', 'cc.joined_at',
          db.raw(`(select count(*) from memberships m where m.context_id = cc.context_id and m.status = 'active')::int as member_count`),
        );
      return rows.map((r) => ({
        contextId: r.context_id,
        title: r.title,
        label: r.label,
        platformName: r.platform_name,
        joinedAt: new Date(r.joined_at),
        memberCount: Number(r.member_count),
      }));
    },
    async memberCount(cohortId: string): Promise<number> {
      const row = await db('memberships as m')
        .join('cohort_contexts as mc', 'mc.context_id', 'm.context_id')
        .where({ 'mc.cohort_id': cohortId, 'm.status': 'active' })
        .first(db.raw('count(distinct m.user_id)::int as n'));
      return Number(row?.n ?? 0);
    },
  };
}

/** Data access for cohorts. */
export type CohortStore = ReturnType<typeof createCohortStore>;

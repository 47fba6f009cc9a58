import type { Knex } from 'knex';
import type { EnrolOutcome, LmsKind, StaffRole } from './lms.adapter';

/** Where a run is. */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** An enrolment run with its per-outcome counts. */
export interface RunRecord {
  id: string;
  contextId: string;
  platformId: string;
  lmsKind: LmsKind;
  lmsCourseId: string;
  source: 'csv' | 'members';
  mode: 'sync' | 'background';
  status: RunStatus;
  total: number;
  processed: number;
  error: { id: string; message: string } | null;
  createdBy: { id: string; name: string | null } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: Record<EnrolOutcome | 'pending', number>;
}

/** One person of a run. */
export interface RunItem {
  position: number;
  row: number | null;
  email: string;
  name: string;
  school: string | null;
  role: StaffRole;
  outcome: EnrolOutcome | null;
  message: string | null;
  lmsUserId: string | null;
  processedAt: Date | null;
}

/** A new run and its people. */
export type NewRun = Pick<RunRecord, 'id' | 'contextId' | 'lmsKind' | 'lmsCourseId' | 'source' | 'mode' | 'status'> & { createdBy: string; items: Omit<RunItem, 'outcome' | 'message' | 'lmsUserId' | 'processedAt'>[] };

const emptyCounts = (): RunRecord['counts'] => ({ enrolled: 0, created_and_enrolled: 0, already_enrolled: 0, not_found: 0, failed: 0, pending: 0 });
const date = (v: unknown) => (v ? new Date(v as string) : null);
const INSERT_CHUNK = 500;

/** Reads and writes `enrolment_runs` and `enrolment_run_items`. */
export function createRunsStore(db: Knex) {
  const runs = (trx: Knex) =>
    trx('enrolment_runs as r')
      .join('contexts as c', 'c.id', 'r.context_id')
      .join('deployments as d', 'd.id', 'c.deployment_id')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .select('r.*', 'd.platform_id', 'u.name as created_by_name');

  async function withCounts(rows: Record<string, unknown>[], trx: Knex): Promise<RunRecord[]> {
    if (rows.length === 0) return [];
    const counted: Array<{ run_id: string; outcome: EnrolOutcome | null; n: number | string }> = await trx('enrolment_run_items')
      .whereIn('run_id', rows.map((r) => r.id as string))
      .groupBy('run_id', 'outcome')
      .select('run_id', 'outcome', trx.raw('count(*)::int as n'));
    return rows.map((r) => {
      const counts = emptyCounts();
      for (const c of counted.filter((c) => c.run_id === r.id)) counts[c.outcome ?? 'pending'] += Number(c.n);
      return {
        id: r.id as string,
        contextId: r.context_id as string,
        platformId: r.platform_id as string,
        lmsKind: r.lms_kind as LmsKind,
        lmsCourseId: r.lms_course_id as string,
        source: r.source as RunRecord['source'],
        mode: r.mode as RunRecord['mode'],
        status: r.status as RunStatus,
        total: Number(r.total),
        processed: Number(r.processed),
        error: r.error_id ? { id: r.error_id as string, message: (r.error_message as string) ?? '' } : null,
        createdBy: r.created_by ? { id: r.created_by as string, name: (r.created_by_name as string | null) ?? null } : null,
        createdAt: new Date(r.created_at as string),
        startedAt: date(r.started_at),
        finishedAt: date(r.finished_at),
        counts,
      };
    });
  }

  return {
    /** Serialises run creation per course (two admins pressing "enrol" at once). */
    async lockContext(contextId: string, trx: Knex.Transaction): Promise<void> {
      await trx('contexts').where({ id: contextId }).forUpdate().first('id');
    },
    /** A run of the course that is still going (a stalled one stops counting after a while). */
    async activeRun(contextId: string, now: Date, trx: Knex = db): Promise<string | null> {
      const row = await trx('enrolment_runs')
        .where({ context_id: contextId })
        .whereIn('status', ['queued', 'running'])
        .where((w) =>
          w.where((s) => s.where('mode', 'sync').where('created_at', '>', new Date(now.getTime() - 15 * 60_000)))
            .orWhere((b) => b.where('mode', 'background').where('created_at', '>', new Date(now.getTime() - 6 * 3600_000))),
        )
        .first('id');
      return row?.id ?? null;
    },
    async create(run: NewRun, trx: Knex.Transaction): Promise<void> {
      await trx('enrolment_runs').insert({
        id: run.id, context_id: run.contextId, lms_kind: run.lmsKind, lms_course_id: run.lmsCourseId, source: run.source,
        mode: run.mode, status: run.status, total: run.items.length, created_by: run.createdBy,
      });
      const rows = run.items.map((i) => ({ run_id: run.id, position: i.position, source_row: i.row, email: i.email, name: i.name, school: i.school, role: i.role }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('enrolment_run_items').insert(rows.slice(i, i + INSERT_CHUNK));
    },
    async find(runId: string, trx: Knex = db): Promise<RunRecord | null> {
      const [run] = await withCounts(await runs(trx).where('r.id', runId), trx);
      return run ?? null;
    },
    async findInContext(contextId: string, runId: string): Promise<RunRecord | null> {
      const [run] = await withCounts(await runs(db).where({ 'r.id': runId, 'r.context_id': contextId }), db);
      return run ?? null;
    },
    /** Newest first; the cursor is the id of the last run of the previous page (compared in the database, at full precision). */
    async list(contextId: string, o: { limit: number; beforeId: string | null }): Promise<RunRecord[]> {
      const q = runs(db).where('r.context_id', contextId).orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }]).limit(o.limit);
      if (o.beforeId) q.whereRaw('(r.created_at, r.id) < (select b.created_at, b.id from enrolment_runs b where b.id = ? and b.context_id = ?)', [o.beforeId, contextId]);
      return withCounts(await q, db);
    },
    async items(runId: string, o: { afterPosition: number; limit: number; outcome?: EnrolOutcome | 'pending' }): Promise<RunItem[]> {
      const q = db('enrolment_run_items').where('run_id', runId).where('position', '>', o.afterPosition).orderBy('position').limit(o.limit);
      if (o.outcome === 'pending') q.whereNull('outcome');
      else if (o.outcome) q.where('outcome', o.outcome);
      const rows = await q;
      return rows.map((r) => ({
        position: r.position, row: r.source_row, email: r.email, name: r.name, school: r.school, role: r.role,
        outcome: r.outcome, message: r.message, lmsUserId: r.lms_user_id, processedAt: date(r.processed_at),
      }));
    },
    async setState(runId: string, patch: { status?: RunStatus; mode?: RunRecord['mode']; started?: boolean; finished?: boolean; error?: { id: string; message: string } | null }): Promise<void> {
      await db('enrolment_runs')
        .where({ id: runId })
        .update({
          ...(patch.status ? { status: patch.status } : {}),
          ...(patch.mode ? { mode: patch.mode } : {}),
          ...(patch.started ? { started_at: db.raw('coalesce(started_at, now())') } : {}),
          ...(patch.finished ? { finished_at: db.fn.now() } : {}),
          ...(patch.error !== undefined ? { error_id: patch.error?.id ?? null, error_message: patch.error?.message ?? null } : {}),
        });
    },
    /** Records one person's outcome and the run's progress together. */
    async recordOutcome(runId: string, position: number, r: { outcome: EnrolOutcome; message: string | null; lmsUserId: string | null }, trx: Knex.Transaction): Promise<void> {
      // Row counts are not reliable on PGlite: count the returned rows instead.
      const updated = await trx('enrolment_run_items')
        .where({ run_id: runId, position })
        .whereNull('outcome')
        .update({ outcome: r.outcome, message: r.message, lms_user_id: r.lmsUserId, processed_at: trx.fn.now() })
        .returning('position');
      if (updated.length > 0) await trx('enrolment_runs').where({ id: runId }).increment('processed', updated.length);
    },
    /** Fails everyone not processed yet with one message (the LMS stopped accepting the token, the connection went). */
    async failPending(runId: string, message: string, trx: Knex.Transaction): Promise<void> {
      const updated = await trx('enrolment_run_items').where({ run_id: runId }).whereNull('outcome').update({ outcome: 'failed', message, processed_at: trx.fn.now() }).returning('position');
      if (updated.length > 0) await trx('enrolment_runs').where({ id: runId }).increment('processed', updated.length);
    },
  };
}

/** Data access for enrolment runs. */
export type RunsStore = ReturnType<typeof createRunsStore>;

import type { Knex } from 'knex';
import type { StaffroomRole } from '../lti/roles';

/** What started a roster sync. */
export type SyncTrigger = 'first_launch' | 'manual' | 'schedule';
/** Where a roster sync run is. `queued` also covers a run waiting to retry after a transient failure. */
export type SyncStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One roster sync run of a context, with its progress and what it changed. */
export interface RosterSyncRun {
  id: string;
  contextId: string;
  trigger: SyncTrigger;
  requestedBy: string | null;
  status: SyncStatus;
  attempts: number;
  pagesFetched: number;
  membersFetched: number;
  added: number;
  updated: number;
  reactivated: number;
  deactivated: number;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

/** What a finished run changed. */
export interface SyncChanges {
  added: number;
  updated: number;
  reactivated: number;
  deactivated: number;
}

/** A member of a course roster as admins and leads see it. */
export interface RosterMember {
  userId: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  role: StaffroomRole;
  status: 'active' | 'inactive';
  lastLaunchAt: Date | null;
}

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

const toRun = (r: Row): RosterSyncRun => ({
  id: r.id as string,
  contextId: r.context_id as string,
  trigger: r.trigger as SyncTrigger,
  requestedBy: (r.requested_by as string | null) ?? null,
  status: r.status as SyncStatus,
  attempts: Number(r.attempts),
  pagesFetched: Number(r.pages_fetched),
  membersFetched: Number(r.members_fetched),
  added: Number(r.added),
  updated: Number(r.updated),
  reactivated: Number(r.reactivated),
  deactivated: Number(r.deactivated),
  error: (r.error as string | null) ?? null,
  queuedAt: new Date(r.queued_at as string),
  startedAt: date(r.started_at),
  finishedAt: date(r.finished_at),
  updatedAt: new Date(r.updated_at as string),
});

/** Roster sync runs and the roster read model. */
export function createRosterStore(db: Knex) {
  return {
    /** Inserts a queued run unless the context already has a pending one; true when inserted. */
    async insertQueued(r: { id: string; contextId: string; trigger: SyncTrigger; requestedBy: string | null }, trx: Knex): Promise<boolean> {
      const result = await trx.raw(
        `INSERT INTO roster_syncs (id, context_id, trigger, requested_by, status) VALUES (?, ?, ?, ?, 'queued')
         ON CONFLICT (context_id) WHERE status IN ('queued', 'running') DO NOTHING RETURNING id`,
        [r.id, r.contextId, r.trigger, r.requestedBy],
      );
      return (result.rows as unknown[]).length === 1;
    },
    async find(id: string, trx: Knex = db): Promise<RosterSyncRun | null> {
      const row = await trx('roster_syncs').where({ id }).first();
      return row ? toRun(row) : null;
    },
    async pending(contextId: string, trx: Knex = db): Promise<RosterSyncRun | null> {
      const row = await trx('roster_syncs').where({ context_id: contextId }).whereIn('status', ['queued', 'running']).first();
      return row ? toRun(row) : null;
    },
    async latest(contextId: string, trx: Knex = db): Promise<RosterSyncRun | null> {
      const row = await trx('roster_syncs').where({ context_id: contextId }).orderBy('queued_at', 'desc').orderBy('id', 'desc').first();
      return row ? toRun(row) : null;
    },
    async hasAny(contextId: string, trx: Knex = db): Promise<boolean> {
      return Boolean(await trx('roster_syncs').where({ context_id: contextId }).first('id'));
    },
    /** Starts an attempt: running, counters back to zero (a retry reads every page again). */
    async markStarted(id: string, startedAt: Date, trx: Knex = db): Promise<void> {
      await trx('roster_syncs')
        .where({ id })
        .update({ status: 'running', attempts: trx.raw('attempts + 1'), pages_fetched: 0, members_fetched: 0, error: null, started_at: startedAt, updated_at: trx.fn.now() });
    },
    async succeed(id: string, changes: SyncChanges, trx: Knex = db): Promise<void> {
      await trx('roster_syncs').where({ id }).update({ status: 'succeeded', ...changes, error: null, finished_at: trx.fn.now(), updated_at: trx.fn.now() });
    },
    /** Records a failed attempt: final → failed; otherwise queued again, waiting for the job queue's retry. */
    async fail(id: string, message: string, final: boolean, trx: Knex = db): Promise<void> {
      await trx('roster_syncs')
        .where({ id })
        .update({ status: final ? 'failed' : 'queued', error: message.slice(0, 2000), finished_at: final ? trx.fn.now() : null, updated_at: trx.fn.now() });
    },
    /** The platform a context belongs to (through its deployment). */
    async platformOf(contextId: string, trx: Knex = db): Promise<string | null> {
      const row = await trx('contexts as c').join('deployments as d', 'd.id', 'c.deployment_id').where('c.id', contextId).first('d.platform_id');
      return (row?.platform_id as string | undefined) ?? null;
    },
    /** A page of a context's roster, active members first, then by name. */
    async members(contextId: string, q: { status?: 'active' | 'inactive'; limit: number; offset: number }): Promise<{ total: number; members: RosterMember[] }> {
      const base = db('memberships as m').join('users as u', 'u.id', 'm.user_id').where('m.context_id', contextId);
      if (q.status) base.where('m.status', q.status);
      const [count, rows] = await Promise.all([
        base.clone().count({ n: '*' }).first(),
        base
          .clone()
          .orderBy('m.status', 'asc')
          .orderByRaw('coalesce(u.family_name, u.name, u.sub) asc, u.id asc')
          .limit(q.limit)
          .offset(q.offset)
          .select('u.id', 'u.name', 'u.given_name', 'u.family_name', 'u.email', 'm.role', 'm.status', 'm.last_launch_at'),
      ]);
      return {
        total: Number(count?.n ?? 0),
        members: rows.map((r: Row) => ({
          userId: r.id as string,
          name: (r.name as string | null) ?? null,
          givenName: (r.given_name as string | null) ?? null,
          familyName: (r.family_name as string | null) ?? null,
          email: (r.email as string | null) ?? null,
          role: r.role as StaffroomRole,
          status: r.status as 'active' | 'inactive',
          lastLaunchAt: date(r.last_launch_at),
        })),
      };
    },
  };
}

/** Data access for roster sync runs and the roster view. */
export type RosterStore = ReturnType<typeof createRosterStore>;

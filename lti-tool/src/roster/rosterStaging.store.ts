import type { Knex } from 'knex';
import type { StaffroomRole } from '../lti/roles';
import type { SyncChanges } from './roster.store';

/** A fetched member, ready to apply: roles merged and mapped, status decided. */
export interface StagedMember {
  userSub: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  ltiRoles: string[];
  role: StaffroomRole;
  status: 'active' | 'inactive';
}

/** Which run is applied to which course, and when its reading began. */
export interface ApplyTarget {
  syncId: string;
  contextId: string;
  platformId: string;
  /**
   * People who launched (or whose profile a launch rewrote) after this moment keep what the launch recorded:
   * it is newer than our pages.
   */
  startedAt: Date;
}

const rows = (result: { rows?: unknown[] }) => (result.rows ?? []) as Array<Record<string, unknown>>;

/**
 * The staging area of a running sync and the set-based SQL that applies it. Every statement takes a whole
 * page (or the whole run) at once, passed as one JSON parameter: no per-member queries.
 */
export function createRosterStagingStore(db: Knex) {
  return {
    /**
     * The recorded LTI roles of the course members whose roles reach beyond the course (institution or system
     * roles, e.g. an LMS administrator): usually a handful, read once per run rather than once per page.
     */
    async beyondCourseRoles(contextId: string, platformId: string, trx: Knex = db): Promise<Map<string, string[]>> {
      const result = await trx.raw(
        `SELECT u.sub, m.lti_roles FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.context_id = ? AND u.platform_id = ? AND EXISTS (
           SELECT 1 FROM unnest(m.lti_roles) AS r
           WHERE r LIKE 'http://purl.imsglobal.org/vocab/lis/v2/institution/%' OR r LIKE 'http://purl.imsglobal.org/vocab/lis/v2/system/%'
              OR r LIKE 'urn:lti:instrole:%' OR r LIKE 'urn:lti:sysrole:%')`,
        [contextId, platformId],
      );
      return new Map(rows(result).map((r) => [r.sub as string, (r.lti_roles as string[] | null) ?? []]));
    },
    /**
     * Adds a page's members to the run's staging rows (a member repeated on a later page: the later one wins)
     * and records the run's progress, in one statement.
     */
    async stagePage(syncId: string, members: StagedMember[], progress: { pages: number; members: number }, trx: Knex = db): Promise<void> {
      const payload = members.map((m) => ({
        user_sub: m.userSub,
        name: m.name,
        given_name: m.givenName,
        family_name: m.familyName,
        email: m.email,
        lti_roles: m.ltiRoles,
        role: m.role,
        status: m.status,
      }));
      await trx.raw(
        `WITH staged AS (
         INSERT INTO roster_sync_members (sync_id, user_sub, name, given_name, family_name, email, lti_roles, role, status)
         SELECT ?, x.user_sub, x.name, x.given_name, x.family_name, x.email, x.lti_roles, x.role, x.status
         FROM jsonb_to_recordset(CAST(? AS jsonb))
           AS x(user_sub text, name text, given_name text, family_name text, email text, lti_roles text[], role text, status text)
         ON CONFLICT (sync_id, user_sub) DO UPDATE SET name = excluded.name, given_name = excluded.given_name,
           family_name = excluded.family_name, email = excluded.email, lti_roles = excluded.lti_roles, role = excluded.role, status = excluded.status
         RETURNING 1)
         UPDATE roster_syncs SET pages_fetched = ?, members_fetched = ?, updated_at = now() WHERE id = ?`,
        [syncId, JSON.stringify(payload), progress.pages, progress.members, syncId],
      );
    },
    async stagedCount(syncId: string, trx: Knex = db): Promise<number> {
      const row = await trx('roster_sync_members').where({ sync_id: syncId }).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
    async clear(syncId: string, trx: Knex = db): Promise<void> {
      await trx('roster_sync_members').where({ sync_id: syncId }).delete();
    },
    async activeMembers(contextId: string, trx: Knex = db): Promise<number> {
      const row = await trx('memberships').where({ context_id: contextId, status: 'active' }).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
    /**
     * Applies a fully fetched run (call inside one transaction): counts the changes, upserts users (profile as
     * the platform now shares it) and memberships, marks members the platform no longer lists as inactive.
     */
    async apply(t: ApplyTarget, trx: Knex): Promise<SyncChanges> {
      const fresh = '(m.last_launch_at IS NULL OR m.last_launch_at < ?)';
      // Right after a bulk load the planner's statistics still describe small tables; nested loops over
      // thousands of staged rows would then be quadratic. Hash and merge joins suit a set-based apply of any size.
      await trx.raw('SET LOCAL enable_nestloop = off');
      const counted = rows(
        await trx.raw(
          `SELECT
             count(*) FILTER (WHERE m.id IS NULL) AS added,
             count(*) FILTER (WHERE m.status = 'inactive' AND s.status = 'active' AND ${fresh}) AS reactivated,
             count(*) FILTER (WHERE m.status = 'active' AND s.status = 'inactive' AND ${fresh}) AS deactivated,
             count(*) FILTER (WHERE m.status = s.status AND (
               (m.role <> s.role AND ${fresh}) OR
               (u.updated_at < ? AND (u.name, u.given_name, u.family_name, u.email) IS DISTINCT FROM (s.name, s.given_name, s.family_name, s.email)))) AS updated
           FROM roster_sync_members s
           LEFT JOIN users u ON u.platform_id = ? AND u.sub = s.user_sub
           LEFT JOIN memberships m ON m.context_id = ? AND m.user_id = u.id
           WHERE s.sync_id = ?`,
          [t.startedAt, t.startedAt, t.startedAt, t.startedAt, t.platformId, t.contextId, t.syncId],
        ),
      )[0]!;
      await trx.raw(
        `INSERT INTO users (id, platform_id, sub, name, given_name, family_name, email)
         SELECT gen_random_uuid(), ?, s.user_sub, s.name, s.given_name, s.family_name, s.email FROM roster_sync_members s WHERE s.sync_id = ?
         ORDER BY s.user_sub -- the same lock order in every course's sync: two syncs sharing people cannot deadlock
         ON CONFLICT (platform_id, sub) DO UPDATE SET name = excluded.name, given_name = excluded.given_name,
           family_name = excluded.family_name, email = excluded.email, updated_at = now()
         WHERE users.updated_at < ? AND (users.name, users.given_name, users.family_name, users.email)
           IS DISTINCT FROM (excluded.name, excluded.given_name, excluded.family_name, excluded.email)`,
        [t.platformId, t.syncId, t.startedAt],
      );
      await trx.raw(
        `INSERT INTO memberships AS m (id, context_id, user_id, lti_roles, role, status)
         SELECT gen_random_uuid(), ?, u.id, s.lti_roles, s.role, s.status
         FROM roster_sync_members s JOIN users u ON u.platform_id = ? AND u.sub = s.user_sub WHERE s.sync_id = ?
         ON CONFLICT (context_id, user_id) DO UPDATE SET lti_roles = excluded.lti_roles, role = excluded.role, status = excluded.status, updated_at = now()
         WHERE ${fresh} AND (m.lti_roles, m.role, m.status) IS DISTINCT FROM (excluded.lti_roles, excluded.role, excluded.status)`,
        [t.contextId, t.platformId, t.syncId, t.startedAt],
      );
      const gone = rows(
        await trx.raw(
          `WITH gone AS (
             UPDATE memberships m SET status = 'inactive', updated_at = now()
             WHERE m.context_id = ? AND m.status = 'active' AND ${fresh}
               AND NOT EXISTS (SELECT 1 FROM roster_sync_members s JOIN users u ON u.platform_id = ? AND u.sub = s.user_sub
                               WHERE s.sync_id = ? AND u.id = m.user_id)
             RETURNING 1)
           SELECT count(*) AS n FROM gone`,
          [t.contextId, t.startedAt, t.platformId, t.syncId],
        ),
      )[0]!;
      return {
        added: Number(counted.added),
        updated: Number(counted.updated),
        reactivated: Number(counted.reactivated),
        deactivated: Number(counted.deactivated) + Number(gone.n),
      };
    },
  };
}

/** Data access for a sync's staged members and their application. */
export type RosterStagingStore = ReturnType<typeof createRosterStagingStore>;

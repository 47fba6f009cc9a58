import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { preparedQuery } from '../../../db/preparedQuery';
import { serviceColumns, type LaunchServiceClaims } from './launchServices.store';
import type { StaffroomRole } from './roles';

/** A person as a platform identifies them, with what it chose to share. */
export interface UserProfile {
  platformId: string;
  sub: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
}

/** A course (context) in one deployment. */
export interface ContextInfo {
  deploymentRowId: string;
  ltiContextId: string;
  title: string | null;
  label: string | null;
}

/** Everything an LTI 1.3 launch records, written by recordLaunch in one statement. */
export interface LaunchRecord {
  /** The sealed login state's id: nothing is written unless this statement is the one that marks it used. */
  stateId: string;
  /** Until when the mark must be kept (the state's own expiry; after it the state is refused anyway). */
  stateExpiresAt: Date;
  user: UserProfile;
  context: ContextInfo;
  membership: { ltiRoles: string[]; role: StaffroomRole; at: Date };
  session: { id: string; messageType: string; resourceLinkId: string | null; launch: object; expiresAt: Date };
  services: LaunchServiceClaims;
  resourceLink: { id: string; title: string | null } | null;
}

/*
 * One round trip for the whole launch. Data-modifying CTEs share one snapshot and see each other only through
 * RETURNING, so each step reads what it needs from `st`, `u` and `c`. Rows every launch of a course shares
 * (the context, its services, its resource link) are written only when the launch changes them: an unchanged
 * upsert would still lock the row until commit and serialise a course's launches. `xmax = 0` marks a row
 * this statement inserted (not updated), i.e. the first launch seen in the context. `cm` sets the commit mode of the
 * statement's own transaction (ADR 0015): asynchronous when it runs alone, unchanged inside a transaction with hooks.
 */
const RECORD_LAUNCH_SQL = `
WITH cm AS (
  SELECT set_config('synchronous_commit', COALESCE(CAST(:synchronousCommit AS text), current_setting('synchronous_commit')), true)
), st AS (
  INSERT INTO lti_used_states (id, expires_at) SELECT :stateId, CAST(:stateExpiresAt AS timestamptz) FROM cm
  ON CONFLICT (id) DO NOTHING RETURNING id
), u AS (
  INSERT INTO users (id, platform_id, sub, name, given_name, family_name, email)
  SELECT CAST(:userId AS uuid), CAST(:platformId AS uuid), :sub, :name, :givenName, :familyName, :email FROM st
  ON CONFLICT (platform_id, sub) DO UPDATE SET name = excluded.name, given_name = excluded.given_name, family_name = excluded.family_name, email = excluded.email, updated_at = now()
  RETURNING id
), c_old AS (
  SELECT id, title, label FROM contexts WHERE deployment_id = CAST(:deploymentRowId AS uuid) AND lti_context_id = :ltiContextId
), c_new AS (
  INSERT INTO contexts (id, deployment_id, lti_context_id, title, label)
  SELECT CAST(:contextId AS uuid), CAST(:deploymentRowId AS uuid), :ltiContextId, :title, :label FROM st
  WHERE NOT EXISTS (SELECT 1 FROM c_old WHERE c_old.title IS NOT DISTINCT FROM CAST(:title AS text) AND c_old.label IS NOT DISTINCT FROM CAST(:label AS text))
  ON CONFLICT (deployment_id, lti_context_id) DO UPDATE SET title = excluded.title, label = excluded.label, updated_at = now()
  RETURNING id, (xmax = 0) AS created
), c AS (
  SELECT id, created FROM c_new
  UNION ALL
  SELECT id, false FROM c_old WHERE NOT EXISTS (SELECT 1 FROM c_new) AND EXISTS (SELECT 1 FROM st)
), m AS (
  INSERT INTO memberships (id, context_id, user_id, lti_roles, role, status, last_launch_at)
  SELECT CAST(:membershipId AS uuid), c.id, u.id, CAST(:ltiRoles AS text[]), :role, 'active', CAST(:at AS timestamptz) FROM c, u
  ON CONFLICT (context_id, user_id) DO UPDATE SET lti_roles = excluded.lti_roles, role = excluded.role, status = 'active', last_launch_at = excluded.last_launch_at, updated_at = now()
  RETURNING school
), s AS (
  INSERT INTO sessions (id, user_id, context_id, role, message_type, resource_link_id, launch, expires_at)
  SELECT CAST(:sessionId AS uuid), u.id, c.id, :role, :messageType, :resourceLinkId, CAST(:launch AS jsonb), CAST(:expiresAt AS timestamptz) FROM c, u
), cs AS (
  INSERT INTO context_services (context_id, nrps_url, ags_lineitems_url, ags_scopes)
  SELECT c.id, :nrpsUrl, :agsLineItemsUrl, CAST(:agsScopes AS text[]) FROM c
  WHERE NOT EXISTS (
    SELECT 1 FROM context_services x WHERE x.context_id = c.id AND x.nrps_url IS NOT DISTINCT FROM CAST(:nrpsUrl AS text)
      AND x.ags_lineitems_url IS NOT DISTINCT FROM CAST(:agsLineItemsUrl AS text) AND x.ags_scopes = CAST(:agsScopes AS text[]))
  ON CONFLICT (context_id) DO UPDATE SET nrps_url = excluded.nrps_url, ags_lineitems_url = excluded.ags_lineitems_url, ags_scopes = excluded.ags_scopes, updated_at = now()
), rl AS (
  INSERT INTO resource_links (id, context_id, lti_resource_link_id, title, ags_lineitem_url)
  SELECT CAST(:resourceLinkRowId AS uuid), c.id, :resourceLinkId, :resourceLinkTitle, :agsLineItemUrl FROM c
  WHERE CAST(:resourceLinkId AS text) IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM resource_links x WHERE x.context_id = c.id AND x.lti_resource_link_id = CAST(:resourceLinkId AS text)
      AND x.title IS NOT DISTINCT FROM CAST(:resourceLinkTitle AS text) AND x.ags_lineitem_url IS NOT DISTINCT FROM CAST(:agsLineItemUrl AS text))
  ON CONFLICT (context_id, lti_resource_link_id) DO UPDATE SET title = excluded.title, ags_lineitem_url = excluded.ags_lineitem_url, updated_at = now()
)
SELECT u.id AS user_id, c.id AS context_id, c.created, m.school,
  EXISTS (SELECT 1 FROM enrolment_runs r WHERE r.context_id = c.id) AS has_enrolment_runs
FROM u, c, m`;

/**
 * How the launch statement commits. `async`: without waiting for the WAL flush, for the statement that is its own
 * transaction; a database crash may forget the last fraction of a second of launches, whose people then launch again
 * (ADR 0015). `inherit`: as the surrounding transaction commits (launch hooks queue jobs that must not be lost).
 */
export type LaunchCommit = 'async' | 'inherit';

/** What recordLaunch wrote, and what the launch's follow-ups need to know about the member and the course. */
export interface RecordedLaunch {
  userId: string;
  contextId: string;
  contextCreated: boolean;
  memberSchool: string | null;
  contextHasEnrolmentRuns: boolean;
}

/** Upserts of the people, contexts and memberships a launch reveals, and session rows. */
export function createIdentityStore(db: Knex) {
  return {
    /**
     * Marks the login state used and records the launch (user, context, membership, session, service endpoints,
     * resource link) in one statement. Null when the state was already used (nothing written).
     */
    async recordLaunch(r: LaunchRecord, trx: Knex, commit: LaunchCommit): Promise<RecordedLaunch | null> {
      const svc = serviceColumns(r.services);
      // Named and prepared: PostgreSQL parses and plans this eight-CTE statement once per connection, not per launch.
      const rows = await preparedQuery<{ user_id: string; context_id: string; created: boolean; school: string | null; has_enrolment_runs: boolean }>(trx, 'lti_record_launch', RECORD_LAUNCH_SQL, {
        synchronousCommit: commit === 'async' ? 'off' : null,
        stateId: r.stateId,
        stateExpiresAt: r.stateExpiresAt,
        userId: randomUUID(),
        platformId: r.user.platformId,
        sub: r.user.sub,
        name: r.user.name,
        givenName: r.user.givenName,
        familyName: r.user.familyName,
        email: r.user.email,
        deploymentRowId: r.context.deploymentRowId,
        ltiContextId: r.context.ltiContextId,
        contextId: randomUUID(),
        title: r.context.title,
        label: r.context.label,
        membershipId: randomUUID(),
        ltiRoles: r.membership.ltiRoles,
        role: r.membership.role,
        at: r.membership.at,
        sessionId: r.session.id,
        messageType: r.session.messageType,
        resourceLinkId: r.session.resourceLinkId,
        launch: JSON.stringify(r.session.launch),
        expiresAt: r.session.expiresAt,
        nrpsUrl: svc.nrps_url,
        agsLineItemsUrl: svc.ags_lineitems_url,
        agsScopes: svc.ags_scopes,
        resourceLinkRowId: randomUUID(),
        resourceLinkTitle: r.resourceLink?.title ?? null,
        agsLineItemUrl: svc.ags_lineitem_url,
      });
      const row = rows[0];
      return row ? { userId: row.user_id, contextId: row.context_id, contextCreated: row.created, memberSchool: row.school, contextHasEnrolmentRuns: row.has_enrolment_runs } : null;
    },
    /**
     * Upserts a user. Name and email follow the platform's current privacy setting: a launch that
     * shares none clears what an earlier launch shared (the LMS admin turned sharing off).
     */
    async upsertUser(u: UserProfile, trx: Knex = db): Promise<string> {
      const profile = { name: u.name, given_name: u.givenName, family_name: u.familyName, email: u.email };
      const [row] = await trx('users')
        .insert({ id: randomUUID(), platform_id: u.platformId, sub: u.sub, ...profile })
        .onConflict(['platform_id', 'sub'])
        .merge({ ...profile, updated_at: trx.fn.now() })
        .returning('id');
      return row.id as string;
    },
    /** Upserts a context; `created` says whether this launch is the first one seen in it. */
    async upsertContext(c: ContextInfo, trx: Knex = db): Promise<{ id: string; created: boolean }> {
      const existing = await trx('contexts').where({ deployment_id: c.deploymentRowId, lti_context_id: c.ltiContextId }).first('id');
      const [row] = await trx('contexts')
        .insert({ id: randomUUID(), deployment_id: c.deploymentRowId, lti_context_id: c.ltiContextId, title: c.title, label: c.label })
        .onConflict(['deployment_id', 'lti_context_id'])
        .merge({ title: c.title, label: c.label, updated_at: trx.fn.now() })
        .returning('id');
      return { id: row.id as string, created: !existing };
    },
    async upsertMembership(
      m: { contextId: string; userId: string; ltiRoles: string[]; role: StaffroomRole; at: Date },
      trx: Knex = db,
    ): Promise<void> {
      await trx('memberships')
        .insert({
          id: randomUUID(),
          context_id: m.contextId,
          user_id: m.userId,
          lti_roles: m.ltiRoles,
          role: m.role,
          status: 'active',
          last_launch_at: m.at,
        })
        .onConflict(['context_id', 'user_id'])
        .merge({ lti_roles: m.ltiRoles, role: m.role, status: 'active', last_launch_at: m.at, updated_at: trx.fn.now() });
    },
    async insertSession(
      s: { id: string; userId: string; contextId: string; role: StaffroomRole; messageType: string; resourceLinkId: string | null; launch: object; expiresAt: Date },
      trx: Knex = db,
    ): Promise<void> {
      await trx('sessions').insert({
        id: s.id,
        user_id: s.userId,
        context_id: s.contextId,
        role: s.role,
        message_type: s.messageType,
        resource_link_id: s.resourceLinkId,
        launch: JSON.stringify(s.launch),
        expires_at: s.expiresAt,
      });
    },
  };
}

/** Data access for users, contexts, memberships and sessions. */
export type IdentityStore = ReturnType<typeof createIdentityStore>;

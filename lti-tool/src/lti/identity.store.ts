import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
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

/** Upserts of the people, contexts and memberships a launch reveals, and session rows. */
export function createIdentityStore(db: Knex) {
  return {
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

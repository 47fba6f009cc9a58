import type { Knex } from 'knex';

/** The signed-in person, their course and platform, as the home screen shows them. */
export interface MeView {
  user: { id: string; name: string | null; givenName: string | null; familyName: string | null; email: string | null };
  context: { id: string; title: string | null; label: string | null };
  platform: { issuer: string; name: string | null };
}

/** What the session's launch said about where to open: its message type and custom parameters. */
export interface MeLaunch {
  messageType: string;
  custom: unknown;
}

/** One read-only query for the home screen (no N+1). */
export function createMeStore(db: Knex) {
  return {
    async findLaunch(sessionId: string, userId: string, contextId: string): Promise<MeLaunch | null> {
      const row = await db('sessions').where({ id: sessionId, user_id: userId, context_id: contextId }).first('message_type', 'launch');
      if (!row) return null;
      const launch = (typeof row.launch === 'string' ? JSON.parse(row.launch) : row.launch) as { custom?: unknown } | null;
      return { messageType: row.message_type, custom: launch?.custom ?? null };
    },
    async find(userId: string, contextId: string, platformId: string): Promise<MeView | null> {
      const row = await db('users as u')
        .join('platforms as p', 'p.id', 'u.platform_id')
        .join('memberships as m', 'm.user_id', 'u.id')
        .join('contexts as c', 'c.id', 'm.context_id')
        .where({ 'u.id': userId, 'c.id': contextId, 'p.id': platformId })
        .first(
          'u.id as user_id', 'u.name', 'u.given_name', 'u.family_name', 'u.email',
          'c.id as context_id', 'c.title', 'c.label', 'p.issuer', 'p.name as platform_name',
        );
      if (!row) return null;
      return {
        user: { id: row.user_id, name: row.name, givenName: row.given_name, familyName: row.family_name, email: row.email },
        context: { id: row.context_id, title: row.title, label: row.label },
        platform: { issuer: row.issuer, name: row.platform_name },
      };
    },
  };
}

/** Data access for the home screen. */
export type MeStore = ReturnType<typeof createMeStore>;

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

/** One read-only query for the home screen (no N+1): the person, course, platform and the session's launch. */
export function createMeStore(db: Knex) {
  return {
    async find(sessionId: string, userId: string, contextId: string, platformId: string): Promise<{ me: MeView; launch: MeLaunch } | null> {
      const row = await db('sessions as s')
        .join('users as u', 'u.id', 's.user_id')
        .join('platforms as p', 'p.id', 'u.platform_id')
        .join('memberships as m', function () {
          this.on('m.user_id', '=', 'u.id').andOn('m.context_id', '=', 's.context_id');
        })
        .join('contexts as c', 'c.id', 's.context_id')
        .where({ 's.id': sessionId, 's.user_id': userId, 's.context_id': contextId, 'p.id': platformId })
        .first(
          'u.id as user_id', 'u.name', 'u.given_name', 'u.family_name', 'u.email',
          'c.id as context_id', 'c.title', 'c.label', 'p.issuer', 'p.name as platform_name',
          's.message_type', db.raw("s.launch -> 'custom' as custom"),
        );
      if (!row) return null;
      return {
        me: {
          user: { id: row.user_id, name: row.name, givenName: row.given_name, familyName: row.family_name, email: row.email },
          context: { id: row.context_id, title: row.title, label: row.label },
          platform: { issuer: row.issuer, name: row.platform_name },
        },
        launch: { messageType: row.message_type, custom: (typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom) ?? null },
      };
    },
  };
}

/** Data access for the home screen. */
export type MeStore = ReturnType<typeof createMeStore>;

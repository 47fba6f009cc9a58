import type { Knex } from 'knex';

/** The signed-in person, their course and platform, as the home screen shows them. */
export interface MeView {
  user: { id: string; name: string | null; givenName: string | null; familyName: string | null; email: string | null };
  context: { id: string; title: string | null; label: string | null };
  platform: { issuer: string; name: string | null };
}

/** One read-only query for the home screen (no N+1). */
export function createMeStore(db: Knex) {
  return {
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

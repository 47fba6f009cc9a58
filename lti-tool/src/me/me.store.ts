import type { Knex } from 'knex';
import { preparedQuery } from '../../../db/preparedQuery';

/*
 * The session's person, course and platform (every launch's first API call). Plain SQL as a named prepared
 * statement: no query building per call, and PostgreSQL parses and plans it once per connection.
 */
const FIND_SQL = `
SELECT u.id AS user_id, u.name, u.given_name, u.family_name, u.email,
  c.id AS context_id, c.title, c.label, p.issuer, p.name AS platform_name,
  s.message_type, s.launch -> 'custom' AS custom
FROM sessions s
JOIN users u ON u.id = s.user_id
JOIN platforms p ON p.id = u.platform_id
JOIN memberships m ON m.user_id = u.id AND m.context_id = s.context_id
JOIN contexts c ON c.id = s.context_id
WHERE s.id = :sessionId AND s.user_id = :userId AND s.context_id = :contextId AND p.id = :platformId
LIMIT 1`;

interface Row {
  user_id: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  context_id: string;
  title: string | null;
  label: string | null;
  issuer: string;
  platform_name: string | null;
  message_type: string;
  custom: unknown;
}

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
      const [row] = await preparedQuery<Row>(db, 'me_find', FIND_SQL, { sessionId, userId, contextId, platformId });
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

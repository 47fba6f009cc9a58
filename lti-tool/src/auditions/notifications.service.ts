import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { abort } from './auditions.errors';
import type { NotificationsStore } from './notifications.store';

/** The caller's in-app notifications (newest 50, in the cohorts of their course). */
export function createNotificationsService(deps: { db: Knex; notifications: NotificationsStore }) {
  return {
    async list(s: SessionIdentity) {
      const items = await deps.notifications.list(deps.db, s.userId, s.contextId, 50);
      return { notifications: items.map((n) => ({ id: n.id, cohortId: n.cohortId, kind: n.kind, body: n.body, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })), unread: items.filter((n) => !n.readAt).length };
    },
    async read(s: SessionIdentity, id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id) || !(await deps.notifications.markRead(deps.db, s.userId, id))) return abort({ kind: 'notification_not_found' });
      return { read: true };
    },
  };
}

/** Notifications. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;

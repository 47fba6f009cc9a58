import { apiGet, apiRequest } from '../../api'

/** One in-app notification (`GET /api/notifications`). */
export interface AppNotification {
  id: string
  cohortId: string | null
  kind: 'review_reassigned' | 'look_again' | 'review_cancelled' | 'feedback_received' | string
  body: { auditionId?: string; auditionTitle?: string; message?: string }
  createdAt: string
  read: boolean
}

/** The caller's newest notifications and how many are unread. */
export const loadNotifications = (signal?: AbortSignal) => apiGet<{ notifications: AppNotification[]; unread: number }>('/api/notifications', signal)

/** Marks one notification as read. */
export const markRead = (id: string) => apiRequest<{ read: true }>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' })

/** Where a notification leads: feedback received opens the audition; review news opens the feedback-to-give queue. */
export function notificationTarget(n: AppNotification): { to: string; label: string } | null {
  const a = n.body.auditionId
  if (n.kind === 'feedback_received' && a && n.cohortId) return { to: `/auditions/cohorts/${n.cohortId}/${a}`, label: 'Read the feedback' }
  if (n.kind === 'look_again' || n.kind === 'review_reassigned') return { to: '/auditions', label: 'Open your feedback queue' }
  if (n.kind === 'review_cancelled') return { to: '/auditions', label: 'See your auditions' }
  return null
}

/** A default message for a notification kind without one. */
export function notificationText(n: AppNotification): string {
  if (n.body.message) return n.body.message
  const title = n.body.auditionTitle ? ` (“${n.body.auditionTitle}”)` : ''
  return n.kind === 'feedback_received' ? `You have new feedback${title}.` : `Something changed in an audition${title}.`
}

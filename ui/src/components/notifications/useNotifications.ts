import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api'
import { loadNotifications, markRead, type AppNotification } from './notificationsApi'

/** How often the count refreshes while Staffroom is open (reassignments come from a background job). */
const REFRESH_MS = 60_000

/** The caller's notifications, refreshed every minute and on demand, with an optimistic "mark as read". */
export function useNotifications() {
  const [items, setItems] = useState<AppNotification[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const controller = useRef<AbortController | null>(null)

  const reload = useCallback(async () => {
    controller.current?.abort()
    const c = new AbortController()
    controller.current = c
    try {
      const { notifications } = await loadNotifications(c.signal)
      setItems(notifications)
      setError(null)
    } catch (e) {
      if (!c.signal.aborted) setError(e instanceof ApiError ? e.message : 'Notifications could not be loaded.')
    }
  }, [])

  useEffect(() => {
    void reload()
    const timer = setInterval(() => void reload(), REFRESH_MS)
    return () => {
      clearInterval(timer)
      controller.current?.abort()
    }
  }, [reload])

  const read = useCallback(async (id: string) => {
    setItems((list) => list?.map((n) => (n.id === id ? { ...n, read: true } : n)) ?? null)
    try {
      await markRead(id)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The notification could not be marked as read.')
      await reload()
    }
  }, [reload])

  const unread = items?.filter((n) => !n.read).length ?? 0
  return { items, unread, error, reload, read }
}

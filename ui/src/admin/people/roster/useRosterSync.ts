import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiGet, apiRequest } from '../../../api'
import type { RosterSync } from '../peopleApi'

const POLL_MS = 1000

/** What the sync panel shows: the latest run, how many members to expect, and any request failure. */
export interface RosterSyncState {
  /** False until the latest run has been read. */
  loaded: boolean
  latest: RosterSync | null
  /** Active members before this run (the bar's length, since the LMS gives no total up front). */
  expected: number
  /** The run this screen started or watched finish, for the result message. */
  watchedId: string | null
  requestError: string | null
  starting: boolean
}

const pending = (s: RosterSync | null) => s?.status === 'queued' || s?.status === 'running'

/**
 * Reads the course's latest roster sync, starts one on request (`POST /api/roster/sync`) and polls its status
 * until it ends; `onFinished` runs once for each run that ends while the screen is open.
 */
export function useRosterSync(onFinished: (run: RosterSync) => void) {
  const [state, setState] = useState<RosterSyncState>({ loaded: false, latest: null, expected: 0, watchedId: null, requestError: null, starting: false })
  const finished = useRef(onFinished)
  useEffect(() => {
    finished.current = onFinished
  }, [onFinished])

  useEffect(() => {
    const controller = new AbortController()
    Promise.all([
      apiGet<{ sync: RosterSync | null }>('/api/roster/syncs/latest', controller.signal),
      apiGet<{ total: number }>('/api/roster?status=active&limit=1', controller.signal)
    ]).then(
      ([{ sync }, { total }]) =>
        setState((s) => ({ ...s, loaded: true, latest: sync, expected: total, watchedId: pending(sync) ? sync!.id : null })),
      (e: unknown) => {
        if (controller.signal.aborted) return
        setState((s) => ({ ...s, loaded: true, requestError: e instanceof ApiError ? e.message : String(e) }))
      }
    )
    return () => controller.abort()
  }, [])

  // Poll while a run is queued or running.
  const latest = state.latest
  useEffect(() => {
    if (!pending(latest)) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      apiGet<{ sync: RosterSync | null }>('/api/roster/syncs/latest', controller.signal).then(
        ({ sync }) => {
          setState((s) => ({ ...s, latest: sync, requestError: null }))
          if (sync && !pending(sync)) finished.current(sync)
        },
        (e: unknown) => {
          if (controller.signal.aborted) return
          // Keep polling: the same run is still shown, and a network blip should not end the watch.
          setState((s) => ({ ...s, latest: s.latest && { ...s.latest }, requestError: e instanceof ApiError ? e.message : String(e) }))
        }
      )
    }, POLL_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [latest])

  const start = useCallback(async () => {
    setState((s) => ({ ...s, starting: true, requestError: null }))
    try {
      const { sync } = await apiRequest<{ sync: RosterSync }>('/api/roster/sync', { method: 'POST' })
      setState((s) => ({
        ...s,
        starting: false,
        latest: sync,
        watchedId: sync.id,
        // A finished run's count is the best guess of how many the LMS will list this time.
        expected: s.latest?.status === 'succeeded' ? Math.max(s.expected, s.latest.progress.membersFetched) : s.expected
      }))
      if (!pending(sync)) finished.current(sync)
    } catch (e) {
      setState((s) => ({ ...s, starting: false, requestError: e instanceof ApiError ? e.message : String(e) }))
    }
  }, [])

  return { ...state, running: pending(state.latest), start }
}

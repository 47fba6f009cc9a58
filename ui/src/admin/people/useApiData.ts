import { useEffect, useState } from 'react'
import { ApiError, apiGet } from '../../api'

/** A GET's state: the data, or the server's message when it failed. */
export type ApiData<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string; id: string }

/** Reads `path` once (again when `path` or `reloadKey` changes); `null` reads nothing. */
export function useApiData<T>(path: string | null, reloadKey = 0): ApiData<T> {
  const [state, setState] = useState<ApiData<T>>({ status: 'loading' })
  useEffect(() => {
    if (!path) return
    const controller = new AbortController()
    setState({ status: 'loading' })
    apiGet<T>(path, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (e: unknown) => {
        if (controller.signal.aborted) return
        setState(e instanceof ApiError ? { status: 'error', message: e.message, id: e.id } : { status: 'error', message: String(e), id: 'unknown' })
      }
    )
    return () => controller.abort()
  }, [path, reloadKey])
  return state
}

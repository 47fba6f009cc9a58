import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiGet } from '../api'

/** A GET that is loading, failed (with the server's message) or ready. */
export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T }

const asApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(0, 'client_error', 'Something went wrong on this page. Please try again.')

/**
 * Loads `path` and reloads it on demand. A reload keeps showing the data already on screen until the new
 * answer arrives, so progress updates do not flash a spinner.
 */
export function useApiData<T>(path: string): { state: Loadable<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' })
  const latest = useRef(path)

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const data = await apiGet<T>(path, signal)
      if (latest.current === path) setState({ status: 'ready', data })
    } catch (e) {
      if (signal?.aborted) return
      if (latest.current === path) setState({ status: 'error', error: asApiError(e) })
    }
  }, [path])

  useEffect(() => {
    latest.current = path
    setState({ status: 'loading' })
    const controller = new AbortController()
    void load(controller.signal)
    return () => controller.abort()
  }, [path, load])

  const reload = useCallback(() => load(), [load])
  return { state, reload }
}

import { useCallback, useEffect, useState } from 'react'
import { ApiError, apiGet } from '../../api'

/** State of a list read a page at a time with `?cursor=`. */
export interface PagedList<P> {
  pages: P[]
  loading: boolean
  error: string | null
  nextCursor: string | null
  /** Reads the next page (the "Show more" button). */
  more: () => void
}

/**
 * Reads `path` (which already has its query) page by page, following `nextCursor`; starts again whenever
 * `path` or `reloadKey` changes.
 */
export function usePagedList<P extends { nextCursor: string | null }>(path: string, reloadKey: number): PagedList<P> {
  const [pages, setPages] = useState<P[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(
    async (from: string | null, signal?: AbortSignal) => {
      setLoading(true)
      setError(null)
      try {
        const sep = path.includes('?') ? '&' : '?'
        const page = await apiGet<P>(from ? `${path}${sep}cursor=${encodeURIComponent(from)}` : path, signal)
        setPages((old) => (from ? [...old, page] : [page]))
        setCursor(page.nextCursor)
      } catch (e) {
        if (signal?.aborted) return
        setError(e instanceof ApiError ? e.message : String(e))
      } finally {
        if (!signal?.aborted) setLoading(false)
      }
    },
    [path]
  )

  useEffect(() => {
    const controller = new AbortController()
    void load(null, controller.signal)
    return () => controller.abort()
  }, [load, reloadKey])

  const more = useCallback(() => {
    if (cursor) void load(cursor)
  }, [cursor, load])

  return { pages, loading, error, nextCursor: cursor, more }
}

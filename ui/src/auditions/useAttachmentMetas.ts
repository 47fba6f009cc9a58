import { useEffect, useState } from 'react'
import { ApiError, apiGet } from '../api'
import type { AttachmentMeta } from './auditionTypes'

/** A file's metadata, or why it cannot be shown (deleted, not yours to open). */
export type FileEntry = { id: string; meta: AttachmentMeta } | { id: string; error: string } | { id: string; loading: true }

/**
 * Loads the metadata of each attachment id (names and sizes for display), keeping what is already known, so
 * adding or removing a file does not reload the others.
 */
export function useAttachmentMetas(ids: readonly string[], known: ReadonlyMap<string, AttachmentMeta> = new Map()): FileEntry[] {
  const [metas, setMetas] = useState<Map<string, AttachmentMeta | string>>(() => new Map(known))
  const key = ids.join(',')
  useEffect(() => {
    const controller = new AbortController()
    for (const id of ids) {
      if (metas.has(id) || known.has(id)) continue
      apiGet<{ attachment: AttachmentMeta }>(`/api/attachments/${encodeURIComponent(id)}`, controller.signal).then(
        ({ attachment }) => setMetas((m) => new Map(m).set(id, attachment)),
        (e: unknown) => {
          if (controller.signal.aborted) return
          const message = e instanceof ApiError && e.status === 404 ? 'This file is no longer available.' : e instanceof ApiError ? e.message : 'This file could not be loaded.'
          setMetas((m) => new Map(m).set(id, message))
        }
      )
    }
    return () => controller.abort()
    // Keyed on the ids themselves: a new array with the same ids must not refetch.
  }, [key])
  return ids.map((id) => {
    const m = known.get(id) ?? metas.get(id)
    if (m === undefined) return { id, loading: true as const }
    return typeof m === 'string' ? { id, error: m } : { id, meta: m }
  })
}

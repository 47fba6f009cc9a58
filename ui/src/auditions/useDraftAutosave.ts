import { useRef } from 'react'
import { ApiError } from '../api'
import { useAutosave, type Conflict } from '../learning/player/useAutosave'

/** Options for {@link useDraftAutosave}. */
export interface DraftAutosaveOptions<V> {
  initial: V
  initialRevision: number
  /** Stores `value` on `revision`; resolves with the new revision. */
  save: (value: V, revision: number) => Promise<number>
  loadCurrent: () => Promise<Conflict<V> | null>
}

/**
 * The player's autosave (debounce, compare-and-set, conflict choice) for audition drafts, whose stale saves
 * answer 409 `draft_conflict`. Also tracks the revision last stored, which submitting needs.
 */
export function useDraftAutosave<V>({ initial, initialRevision, save, loadCurrent }: DraftAutosaveOptions<V>) {
  const revision = useRef(initialRevision)
  const auto = useAutosave<V>({
    initial,
    initialRevision,
    save: async (value, rev) => {
      try {
        revision.current = await save(value, rev)
        return revision.current
      } catch (e) {
        // The shared hook knows the modules' conflict id; the auditions API says the same thing with its own.
        if (e instanceof ApiError && e.id === 'draft_conflict') throw new ApiError(409, 'response_conflict', e.message, e.details)
        throw e
      }
    },
    loadCurrent: async () => {
      const current = await loadCurrent()
      if (current) revision.current = current.revision
      return current
    }
  })
  return { ...auto, revision }
}

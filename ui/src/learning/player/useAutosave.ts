import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api'

/** Where an autosaved text is: nothing to save, waiting to save, saving, saved, failed, or in conflict. */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict'

/** The stored version another tab or device saved, shown next to the teacher's own. */
export interface Conflict<V> {
  value: V
  revision: number
}

/** Options for {@link useAutosave}. */
export interface AutosaveOptions<V> {
  initial: V
  /** The revision `initial` was read at (0 when nothing is stored yet). */
  initialRevision: number
  /** Stores `value` if the server still has `revision`; resolves with the new revision. */
  save: (value: V, revision: number) => Promise<number>
  /** Reads what is stored now (after a 409). */
  loadCurrent: () => Promise<Conflict<V> | null>
  delayMs?: number
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Debounced autosave with compare-and-set revisions. A stale save (409 `response_conflict`) stops autosaving
 * and exposes the stored version, so the teacher chooses: keep theirs (saved again on the new revision) or
 * take the stored one. Nothing is overwritten, on either side, without that choice.
 */
export function useAutosave<V>({ initial, initialRevision, save, loadCurrent, delayMs = 900 }: AutosaveOptions<V>) {
  const [value, setLocal] = useState(initial)
  const [status, setStatus] = useState<SaveStatus>('idle')
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict<V> | null>(null)
  const valueRef = useRef(initial)
  const savedRef = useRef(initial)
  const revisionRef = useRef(initialRevision)
  const blocked = useRef(false)
  const inflight = useRef<Promise<void> | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // The latest callbacks, so the debounced save never calls a stale closure.
  const io = useRef({ save, loadCurrent })
  io.current = { save, loadCurrent }

  // Saves now; true once everything typed is stored (false after a failure or while a conflict waits).
  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current)
    timer.current = undefined
    while (inflight.current) await inflight.current
    if (blocked.current) return false
    if (same(valueRef.current, savedRef.current)) return true
    const sending = valueRef.current
    let failed = false
    setStatus('saving')
    const run = (async () => {
      try {
        revisionRef.current = await io.current.save(sending, revisionRef.current)
        savedRef.current = sending
        setError(null)
        setStatus(same(valueRef.current, sending) ? 'saved' : 'pending')
      } catch (e) {
        if (e instanceof ApiError && e.id === 'response_conflict') {
          blocked.current = true
          const current = await io.current.loadCurrent().catch(() => null)
          setConflict(current ?? { value: sending, revision: revisionRef.current })
          setStatus('conflict')
        } else {
          failed = true
          setError(e instanceof ApiError ? e.message : 'Your work could not be saved. Please try again.')
          setStatus('error')
        }
      }
    })()
    inflight.current = run
    await run
    inflight.current = null
    const settled = !blocked.current && same(valueRef.current, savedRef.current)
    // Typed during the save: save again (unless it failed; the next change or "Mark complete" retries).
    if (!settled && !failed && !blocked.current && !timer.current) return flush()
    return settled
  }, [])

  const setValue = useCallback(
    (next: V) => {
      valueRef.current = next
      setLocal(next)
      if (blocked.current) return
      setStatus('pending')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        timer.current = undefined
        void flush()
      }, delayMs)
    },
    [delayMs, flush]
  )

  /** Keeps the teacher's text: saves it over the stored version they have now seen. */
  const keepMine = useCallback(() => {
    if (!conflict) return
    revisionRef.current = conflict.revision
    savedRef.current = conflict.value
    blocked.current = false
    setConflict(null)
    if (same(valueRef.current, conflict.value)) setStatus('saved')
    else void flush()
  }, [conflict, flush])

  /** Takes the stored version instead of the teacher's unsaved text. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return
    revisionRef.current = conflict.revision
    valueRef.current = conflict.value
    savedRef.current = conflict.value
    blocked.current = false
    setLocal(conflict.value)
    setConflict(null)
    setStatus('saved')
  }, [conflict])

  // Leaving the step, hiding the tab or closing the page saves what is pending rather than dropping it;
  // closing with words the server has not accepted yet asks the browser to confirm.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (same(valueRef.current, savedRef.current)) return
      void flush()
      e.preventDefault()
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('beforeunload', onBeforeUnload)
      void flush()
    }
  }, [flush])

  return { value, setValue, status, error, conflict, keepMine, takeTheirs, flush }
}

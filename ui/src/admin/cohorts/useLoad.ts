import { useCallback, useEffect, useState } from 'react'

/** Where a screen's data is: loading, loaded, or failed with the error. */
export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown }

/**
 * Loads data with `load` (aborted when the screen goes away or the key changes). `reload` fetches again
 * without going back to the spinner, so controls keep their focus; `set` replaces the data after a write.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error })
      }
    )
    return () => controller.abort()
    // `load` is rebuilt on every render; the key names what it loads.
  }, [key, generation])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const set = useCallback((data: T) => setState({ status: 'ready', data }), [])
  return { state, reload, set }
}

import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../../api'
import { fetchPickerOptions, type PickerOptions } from '../../deepLinking'

/** Everything the deep-linking view can be showing before the admin chooses. */
export type PickerOptionsState =
  | { status: 'loading' }
  | { status: 'forbidden' }
  | { status: 'error'; message: string }
  | { status: 'ready'; options: PickerOptions }

/** Loads the placeable items once, with a retry for failures. A 403 means the role may not add items. */
export function usePickerOptions(): { state: PickerOptionsState; retry: () => void } {
  const [state, setState] = useState<PickerOptionsState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    fetchPickerOptions(controller.signal)
      .then((options) => setState({ status: 'ready', options }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof ApiError && error.status === 403) return setState({ status: 'forbidden' })
        const message = error instanceof ApiError ? error.message : 'Something unexpected went wrong. Please try again.'
        setState({ status: 'error', message })
      })
    return () => controller.abort()
  }, [attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}

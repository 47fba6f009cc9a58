import { useCallback, useEffect, useState } from 'react'
import { ApiError, apiGet } from './api'
import { isStaffroomRole } from './people'
import { clearSession, getSessionToken, takeLaunchedMe } from './session'
import type { Me } from './types'

/** Everything the shell can be showing, from first paint to a signed-in home. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'no-session' }
  | { status: 'expired' }
  | { status: 'error'; message: string }
  | { status: 'ready'; me: Me }

function initialState(): SessionState {
  // Without a token there is nothing to ask the server: say so straight away.
  return getSessionToken() ? { status: 'loading' } : { status: 'no-session' }
}

/** Loads `GET /api/me` for the launch token and exposes the resulting state plus a retry. */
export function useStaffroomSession(): { state: SessionState; retry: () => void } {
  const [state, setState] = useState<SessionState>(initialState)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!getSessionToken()) {
      setState({ status: 'no-session' })
      return
    }
    const show = (me: Me) =>
      setState(
        isStaffroomRole(me.role)
          ? { status: 'ready', me }
          : { status: 'error', message: 'Staffroom did not recognise your role. Please contact your administrator.' },
      )
    // Straight after a launch the page already carries /api/me's answer: no round trip for the first screen.
    const launched = takeLaunchedMe() as Me | null
    if (launched && typeof launched === 'object' && 'role' in launched) {
      show(launched)
      return
    }
    const controller = new AbortController()
    setState({ status: 'loading' })
    apiGet<Me>('/api/me', controller.signal)
      .then(show)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        setState(toFailureState(error))
      })
    return () => controller.abort()
  }, [attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}

function toFailureState(error: unknown): SessionState {
  if (error instanceof ApiError && error.status === 401) {
    // A dead token is useless after a reload too; forget it.
    clearSession()
    return { status: 'expired' }
  }
  if (error instanceof ApiError) return { status: 'error', message: error.message }
  return { status: 'error', message: 'Something unexpected went wrong. Please try again.' }
}

import type { SessionState } from '../useStaffroomSession'
import { LoadingState } from './LoadingState'
import { ReadyView } from './ReadyView'
import { StatusMessage } from './StatusMessage'

/** Props for {@link SessionStateView}. */
export interface SessionStateViewProps {
  state: SessionState
  retry: () => void
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** The contents of <main> for each session state. */
export function SessionStateView({ state, retry, liveRegion }: SessionStateViewProps) {
  switch (state.status) {
    case 'loading':
      return <LoadingState />
    case 'ready':
      return <ReadyView me={state.me} liveRegion={liveRegion} />
    case 'no-session':
      return (
        <StatusMessage tone="info" title="Open Staffroom from your course in the LMS" liveRegion={liveRegion}>
          Staffroom works inside your learning platform. Go to your course in the LMS and select the
          Staffroom link there, and you will be signed in automatically.
        </StatusMessage>
      )
    case 'expired':
      return (
        <StatusMessage tone="warning" title="Your session has ended" liveRegion={liveRegion}>
          For your security, Staffroom sessions time out. Go back to your course in the LMS and open
          Staffroom again to carry on.
        </StatusMessage>
      )
    case 'error':
      return (
        <StatusMessage tone="error" title="Something went wrong" liveRegion={liveRegion} onRetry={retry}>
          {state.message}
        </StatusMessage>
      )
  }
}

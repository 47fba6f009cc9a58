export { PageLoading } from '../../components/PageLoading'
import { ApiError } from '../../api'
import { StatusMessage } from '../../components/StatusMessage'
import { messageOf } from './fieldErrors'

/** Props for {@link PageError}. */
export interface PageErrorProps {
  error: unknown
  liveRegion: () => HTMLElement | null
  onRetry?: () => void
}

/** A page that could not load: a refusal (403) or a missing cohort (404) says so plainly; anything else offers a retry. */
export function PageError({ error, liveRegion, onRetry }: PageErrorProps) {
  if (error instanceof ApiError && error.status === 403) return <NotForYou liveRegion={liveRegion} reason={error.message} />
  if (error instanceof ApiError && error.status === 404) {
    return (
      <StatusMessage tone="warning" title="We could not find that" liveRegion={liveRegion}>
        {error.message} It may have been removed, or it belongs to another course.
      </StatusMessage>
    )
  }
  return (
    <StatusMessage tone="error" title="Something went wrong" liveRegion={liveRegion} onRetry={onRetry}>
      {messageOf(error)}
    </StatusMessage>
  )
}

/** Props for {@link NotForYou}. */
export interface NotForYouProps {
  liveRegion: () => HTMLElement | null
  /** The server's reason, when it gave one. */
  reason?: string
}

/** The refusal a participant sees on an admin screen. */
export function NotForYou({ liveRegion, reason }: NotForYouProps) {
  return (
    <StatusMessage tone="info" title="This page is for administrators" liveRegion={liveRegion}>
      {reason ? `${reason} ` : ''}Cohorts and modules are set up by your course administrators. Your own modules are in
      My learning.
    </StatusMessage>
  )
}

import { Alert, Button, View } from '@instructure/ui'
import { ApiError } from '../api'
import { StatusMessage } from '../components/StatusMessage'

/** Props for {@link ReportError}. */
export interface ReportErrorProps {
  error: ApiError
  liveRegion: () => HTMLElement | null
  onRetry?: () => void
  /** Inside a page that already has its h1: an alert instead of a full-page message. */
  inline?: boolean
}

/** Why a report could not be shown: refused (403), not found (404), a bad date range (400), or a retryable failure. */
export function ReportError({ error, liveRegion, onRetry, inline }: ReportErrorProps) {
  const retry = error.status === 0 || error.status >= 500 ? onRetry : undefined
  const text = error.status === 404 ? `${error.message} It may have been removed, or it belongs to another course.` : error.message
  if (inline) {
    return (
      <View as="div" display="block" margin="small 0">
        <Alert variant={error.status === 400 ? 'warning' : 'error'} liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {text}
        </Alert>
        {retry && <Button onClick={retry}>Try again</Button>}
      </View>
    )
  }
  const title = error.status === 403 ? 'Reports are for course leaders' : error.status === 404 ? 'We could not find that' : 'Something went wrong'
  return (
    <StatusMessage tone={error.status === 403 || error.status === 404 ? 'warning' : 'error'} title={title} liveRegion={liveRegion} onRetry={retry}>
      {text}
    </StatusMessage>
  )
}

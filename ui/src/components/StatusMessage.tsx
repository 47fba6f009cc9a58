import type { ReactNode } from 'react'
import { Alert, Button, Heading, View } from '@instructure/ui'

/** Props for {@link StatusMessage}. */
export interface StatusMessageProps {
  tone: 'info' | 'warning' | 'error'
  /** Becomes the page's h1, so it should say what happened in a few words. */
  title: string
  children: ReactNode
  /** Returns the persistent live region the alert text is copied into for screen readers. */
  liveRegion: () => HTMLElement | null
  onRetry?: () => void
}

/** A full-page status (no session, expired session, error) with an optional retry button. */
export function StatusMessage({ tone, title, children, liveRegion, onRetry }: StatusMessageProps) {
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 medium">
        {title}
      </Heading>
      <Alert
        variant={tone}
        liveRegion={liveRegion}
        liveRegionPoliteness="polite"
        transition="none"
        hasShadow={false}
        margin="0 0 medium"
      >
        {children}
      </Alert>
      {onRetry && (
        <Button color="primary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </View>
  )
}

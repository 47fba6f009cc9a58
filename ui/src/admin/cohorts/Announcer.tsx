import { useCallback, useState } from 'react'
import { Alert } from '@instructure/ui'

/** Props for {@link Announcement}. */
export interface AnnouncementProps {
  message: { id: number; text: string } | null
  liveRegion: () => HTMLElement | null
}

/** A screen-reader-only announcement of something that changed where the person is not looking (a move, a removal). */
export function Announcement({ message, liveRegion }: AnnouncementProps) {
  if (!message) return null
  // A new key per message: the same words said twice ("moved to position 2") are announced twice.
  return (
    <Alert key={message.id} screenReaderOnly liveRegion={liveRegion} liveRegionPoliteness="polite" variant="info">
      {message.text}
    </Alert>
  )
}

/** State for {@link Announcement}: `announce(text)` says it. */
export function useAnnouncement() {
  const [message, setMessage] = useState<{ id: number; text: string } | null>(null)
  const announce = useCallback((text: string) => setMessage((m) => ({ id: (m?.id ?? 0) + 1, text })), [])
  return { message, announce }
}

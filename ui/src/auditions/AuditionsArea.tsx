import { Heading } from '@instructure/ui'
import type { Me } from '../types'

/** Props for {@link AuditionsArea}. */
export interface AuditionsAreaProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** Placeholder: the auditions screens under /auditions. */
export function AuditionsArea(_props: AuditionsAreaProps) {
  return <Heading level="h1">Auditions</Heading>
}

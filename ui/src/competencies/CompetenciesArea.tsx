import { Heading } from '@instructure/ui'
import type { Me } from '../types'

/** Props for {@link CompetenciesArea}. */
export interface CompetenciesAreaProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** Placeholder: the competencies screens under /competencies. */
export function CompetenciesArea(_props: CompetenciesAreaProps) {
  return <Heading level="h1">Competencies</Heading>
}

import { Heading } from '@instructure/ui'
import type { AdminAreaProps } from '../AdminArea'

/** Placeholder: replaced by the screen's real implementation. */
export function RosterPage(_props: AdminAreaProps) {
  return <Heading level="h1">RosterPage</Heading>
}

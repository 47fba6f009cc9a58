import { Heading } from '@instructure/ui'
import type { AdminAreaProps } from '../AdminArea'

/** Placeholder: replaced by the screen's real implementation. */
export function CohortListPage(_props: AdminAreaProps) {
  return <Heading level="h1">CohortListPage</Heading>
}

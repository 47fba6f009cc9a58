import type { ReactNode } from 'react'
import { Alert, Flex, Heading, Link, View } from '@instructure/ui'
import { LoadingState } from '../../components/LoadingState'
import type { CohortSummary } from './peopleApi'
import { useApiData } from './useApiData'

/** Props for {@link CohortFrame}. */
export interface CohortFrameProps {
  cohortId: string
  /** The screen's name, e.g. "Roster"; the h1 reads "Roster: <cohort title>". */
  screen: 'Roster' | 'Progress'
  liveRegion: () => HTMLElement | null
  /** The screen's contents once the cohort has loaded. */
  children: (cohort: CohortSummary) => ReactNode
}

/** Loads a cohort, then shows its screen's h1, links to its other people screens, and the screen itself. */
export function CohortFrame({ cohortId, screen, liveRegion, children }: CohortFrameProps) {
  const cohort = useApiData<CohortSummary>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  if (cohort.status === 'loading') return <LoadingState />
  if (cohort.status === 'error') {
    return (
      <View as="div" display="block">
        <Heading level="h1" variant="titlePageMobile" margin="0 0 medium">
          This cohort could not be opened
        </Heading>
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 medium">
          {cohort.message}
        </Alert>
        <Link href="#/">Back to your Staffroom home</Link>
      </View>
    )
  }
  const base = `#/admin/cohorts/${encodeURIComponent(cohortId)}`
  const other = screen === 'Roster' ? { href: `${base}/progress`, label: 'Cohort progress' } : { href: `${base}/roster`, label: 'Roster' }
  const isAdmin = cohort.data.yourRole === 'admin'
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 x-small">
        {screen === 'Roster' ? 'Roster' : 'Progress'}: {cohort.data.title}
      </Heading>
      <View as="nav" display="block" margin="0 0 medium" aria-label="Cohort screens">
        <Flex as="div" gap="small" wrap="wrap">
          <Link href="#/">Home</Link>
          {isAdmin && <Link href={base}>Cohort settings</Link>}
          <Link href={other.href}>{other.label}</Link>
          {isAdmin && <Link href="#/admin/enrol">Enrol staff</Link>}
        </Flex>
      </View>
      {children(cohort.data)}
    </View>
  )
}

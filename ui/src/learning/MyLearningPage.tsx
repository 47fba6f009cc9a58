import { Heading, Text, View } from '@instructure/ui'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from './AppLink'
import { CohortSection } from './CohortSection'
import { DueFeedback } from './DueFeedback'
import { formatHours } from './format'
import type { MyLearning } from './learningTypes'
import { useApiData } from './useApiData'
import { useLandingFocus } from './useLandingFocus'

/** Props for {@link MyLearningPage}. */
export interface MyLearningPageProps {
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** "My learning": the teacher's cohorts, next steps, module progress and a way to their PD hours. */
export function MyLearningPage({ liveRegion }: MyLearningPageProps) {
  const { state, reload } = useApiData<MyLearning>('/api/my-learning')
  const landing = useLandingFocus()
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return (
      <StatusMessage tone="error" title="My learning" liveRegion={liveRegion} onRetry={() => void reload()}>
        {state.error.message}
      </StatusMessage>
    )
  }
  const { cohorts, pdMinutesEarned } = state.data
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        My learning
      </Heading>
      <Text as="p" variant="descriptionPage">
        Your cohorts, your next step and how long it will take, all in one place.
      </Text>
      {(cohorts.length > 0 || pdMinutesEarned > 0) && (
        <Text as="p">
          PD time earned so far: <Text weight="bold">{formatHours(pdMinutesEarned)}</Text>. <AppLink to="/my-learning/hours">See your PD hours</AppLink>
        </Text>
      )}
      <Text as="p">
        <AppLink to="/auditions">Your auditions and feedback</AppLink> · <AppLink to="/competencies">My competencies</AppLink>
      </Text>
      <DueFeedback />
      {cohorts.length === 0 ? (
        <Text as="p" color="secondary">
          Nothing to work on yet. When your first module is ready, it will be waiting here.
        </Text>
      ) : (
        cohorts.map((c) => <CohortSection key={c.id} cohort={c} />)
      )}
    </View>
  )
}

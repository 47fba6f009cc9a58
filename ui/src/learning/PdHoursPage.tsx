import { useId } from 'react'
import { Heading, Table, Text, View } from '@instructure/ui'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from './AppLink'
import { formatDate, formatHours, formatMinutes } from './format'
import type { LearningPageProps } from './LearningArea'
import type { PdHours } from './learningTypes'
import { useApiData } from './useApiData'
import { useLandingFocus } from './useLandingFocus'

type CohortHours = PdHours['cohorts'][number]

function CohortTable({ cohort: c }: { cohort: CohortHours }) {
  const id = useId()
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby={id}>
      <Heading level="h2" variant="titleSection" id={id} margin="0 0 small">
        {c.title}
        {c.archived ? ' (finished cohort)' : ''}
      </Heading>
      <Table caption={`PD time earned in ${c.title}, by module`}>
        <Table.Head>
          <Table.Row>
            <Table.ColHeader id={`${id}-module`}>Module</Table.ColHeader>
            <Table.ColHeader id={`${id}-completed`}>Completed on</Table.ColHeader>
            <Table.ColHeader id={`${id}-time`} textAlign="end">
              PD time
            </Table.ColHeader>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {c.modules.map((m) => (
            <Table.Row key={m.moduleId}>
              <Table.RowHeader>{m.title}</Table.RowHeader>
              <Table.Cell>{formatDate(m.completedAt, true)}</Table.Cell>
              <Table.Cell textAlign="end">{formatMinutes(m.pdMinutes)}</Table.Cell>
            </Table.Row>
          ))}
          <Table.Row>
            <Table.RowHeader>
              <Text weight="bold">Total for this cohort</Text>
            </Table.RowHeader>
            <Table.Cell />
            <Table.Cell textAlign="end">
              <Text weight="bold">{formatHours(c.pdMinutes)}</Text>
            </Table.Cell>
          </Table.Row>
        </Table.Body>
      </Table>
    </View>
  )
}

/** The teacher's PD hours: every completed module per cohort, with totals, as accessible tables. */
export function PdHoursPage({ liveRegion }: LearningPageProps) {
  const { state, reload } = useApiData<PdHours>('/api/my-learning/pd-hours')
  const landing = useLandingFocus()
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return (
      <StatusMessage tone="error" title="Your PD hours" liveRegion={liveRegion} onRetry={() => void reload()}>
        {state.error.message}
      </StatusMessage>
    )
  }
  const { totalMinutes, cohorts } = state.data
  return (
    <View as="div" display="block">
      <AppLink to="/my-learning">Back to My learning</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        Your PD hours
      </Heading>
      <Text as="p" variant="descriptionPage">
        Professional development time you have earned by completing modules.
      </Text>
      <Text as="p" size="large">
        Total:{' '}
        <Text weight="bold" size="large">
          {formatHours(totalMinutes)}
        </Text>
        {totalMinutes % 60 !== 0 && ` (${formatMinutes(totalMinutes)})`}
      </Text>
      {cohorts.length === 0 ? (
        <Text as="p" color="secondary">
          No PD hours yet. When you complete a module, its hours show up here.
        </Text>
      ) : (
        cohorts.map((c) => <CohortTable key={c.cohortId} cohort={c} />)
      )}
    </View>
  )
}

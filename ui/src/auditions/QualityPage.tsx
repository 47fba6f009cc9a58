import { useParams } from 'react-router'
import { Heading, Table, Text, View } from '@instructure/ui'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, type Quality } from './auditionTypes'

const avg = (v: number | null) => (v == null ? 'No ratings yet' : `${v} of 4`)

/** The lead's feedback-quality record: each reviewer's reviews given, late ones and how authors rated them. */
export function QualityPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '' } = useParams()
  const { state, reload } = useApiData<Quality>(`${auditionBase(cohortId, auditionId)}/quality`)
  const landing = useLandingFocus()
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return (
      <StatusMessage tone="error" title="Feedback quality" liveRegion={liveRegion} onRetry={() => void reload()}>
        {state.error.message}
      </StatusMessage>
    )
  }
  const rows = state.data.reviewers
  return (
    <View as="div" display="block">
      <AppLink to={`/auditions/lead/${cohortId}/${auditionId}`}>Back to the overview</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        Feedback quality
      </Heading>
      <Text as="p">How each reviewer’s feedback was received: authors rate every review for being specific and actionable, and for being supportive (1 to 4).</Text>
      {rows.length === 0 ? (
        <Text as="p" color="secondary">No reviews yet.</Text>
      ) : (
        <Table caption="Each reviewer’s feedback-quality record" margin="small 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="q-who">Reviewer</Table.ColHeader>
              <Table.ColHeader id="q-sent">Reviews sent</Table.ColHeader>
              <Table.ColHeader id="q-open">Open</Table.ColHeader>
              <Table.ColHeader id="q-late">Late</Table.ColHeader>
              <Table.ColHeader id="q-rated">Rated by authors</Table.ColHeader>
              <Table.ColHeader id="q-specific">Specific and actionable (average)</Table.ColHeader>
              <Table.ColHeader id="q-supportive">Supportive (average)</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.reviewer.id}>
                <Table.RowHeader>{r.reviewer.name ?? 'Someone without a name in the LMS'}</Table.RowHeader>
                <Table.Cell>{r.submitted}</Table.Cell>
                <Table.Cell>{r.open}</Table.Cell>
                <Table.Cell>{r.late}</Table.Cell>
                <Table.Cell>{r.ratings}</Table.Cell>
                <Table.Cell>{avg(r.specific)}</Table.Cell>
                <Table.Cell>{avg(r.supportive)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

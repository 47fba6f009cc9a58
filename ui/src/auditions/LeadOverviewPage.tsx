import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Heading, List, Table, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { ProgressMeter } from '../learning/ProgressMeter'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, type Overview, type OverviewReview } from './auditionTypes'
import { ReassignControl } from './ReassignControl'

const nameOf = (p: { name: string | null }) => p.name ?? 'Someone without a name in the LMS'
const SUB_STATUS = { draft: 'Draft', submitted: 'Submitted', withdrawn: 'Withdrawn' } as const

/** The lead's overview of one audition: who submitted, review progress per piece of work, reassigning a review. */
export function LeadOverviewPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '' } = useParams()
  const base = auditionBase(cohortId, auditionId)
  const { state, reload } = useApiData<Overview>(`${base}/overview`)
  const landing = useLandingFocus()
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return (
      <StatusMessage tone="error" title="Audition overview" liveRegion={liveRegion} onRetry={() => void reload()}>
        {state.error.message}
      </StatusMessage>
    )
  }
  const { audition, submissions, notSubmitted } = state.data

  async function reassign(r: OverviewReview, toUserId: string | undefined) {
    try {
      const res = await apiRequest<{ reviewersNeeded: number }>(`${base}/reviews/${r.id}/reassign`, { method: 'POST', body: toUserId ? { toUserId } : {} })
      const to = submissions.find((x) => x.author.id === toUserId)?.author
      setNotice({
        tone: 'success',
        text: to
          ? `${nameOf(r.reviewer)}’s review now belongs to ${nameOf(to)}.`
          : res.reviewersNeeded > 0
            ? `${nameOf(r.reviewer)}’s review is taken back. Nobody else is free yet; it goes to the next person who submits.`
            : `${nameOf(r.reviewer)}’s review went to the next person in line.`
      })
      await reload()
    } catch (e) {
      setNotice({ tone: 'error', text: (e instanceof ApiError ? e.message : 'Reassigning did not work.') + ' Reload the page to see the latest state, then try again.' })
    }
  }

  return (
    <View as="div" display="block">
      <AppLink to="/auditions">Back to auditions</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        Overview: {audition.title}
      </Heading>
      <Text as="p">
        {audition.reviewersPerSubmission} reviewers per piece of work; names are {audition.anonymity === 'named' ? 'shown to everyone' : audition.anonymity === 'anonymous' ? 'hidden from authors' : 'shown to leads only'}.{' '}
        <AppLink to={`/auditions/lead/${cohortId}/${auditionId}/quality`}>See the feedback-quality record</AppLink>{' '}
        <AppLink to={`/auditions/lead/${cohortId}/${auditionId}/setup`}>Set up the rubric and its competencies</AppLink>
      </Text>
      {notice && (
        <Alert variant={notice.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {notice.text}
        </Alert>
      )}
      <Heading level="h2" variant="titleSection" margin="medium 0 x-small">
        Work submitted ({submissions.length})
      </Heading>
      {submissions.length === 0 && <Text as="p" color="secondary">Nothing submitted yet.</Text>}
      {submissions.map((s) => {
        const wanted = Math.max(s.progress.assigned + s.reviewersNeeded, 1)
        return (
          <View as="article" key={s.id} display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium" aria-label={`Work by ${nameOf(s.author)}`} data-testid="overview-submission">
            <Heading level="h3" variant="titleCardRegular" margin="0 0 xx-small">
              {nameOf(s.author)}
            </Heading>
            <Text as="p" size="small">
              {SUB_STATUS[s.status]}, version {s.currentVersion}
              {s.submittedAt ? `, first submitted ${formatDate(s.submittedAt)}` : ''}.{' '}
              <AppLink to={`/auditions/lead/${cohortId}/${auditionId}/submissions/${s.id}`}>{`Whole history of ${nameOf(s.author)}’s work`}</AppLink>
            </Text>
            <ProgressMeter label={`Reviews of ${nameOf(s.author)}’s work`} percent={Math.round((100 * s.progress.submitted) / wanted)} valueText={`${s.progress.submitted} of ${wanted} reviews in`} />
            {s.reviewersNeeded > 0 && <Text as="p" size="small">Waiting for {s.reviewersNeeded} more {s.reviewersNeeded === 1 ? 'reviewer' : 'reviewers'}.</Text>}
            {s.reviews.length > 0 && (
              <Table caption={`Reviewers of ${nameOf(s.author)}’s work`} margin="small 0 0">
                <Table.Head>
                  <Table.Row>
                    <Table.ColHeader id={`${s.id}-who`}>Reviewer</Table.ColHeader>
                    <Table.ColHeader id={`${s.id}-state`}>State</Table.ColHeader>
                    <Table.ColHeader id={`${s.id}-due`}>Due</Table.ColHeader>
                    <Table.ColHeader id={`${s.id}-act`}>Action</Table.ColHeader>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {s.reviews.map((r) => (
                    <Table.Row key={r.id}>
                      <Table.RowHeader>{nameOf(r.reviewer)}</Table.RowHeader>
                      <Table.Cell>
                        {r.status === 'submitted' ? 'Sent' : r.overdue ? 'Overdue' : 'In progress'}
                        {r.kind === 'look_again' ? ' (second look)' : ''}
                      </Table.Cell>
                      <Table.Cell>{formatDate(r.dueAt)}</Table.Cell>
                      <Table.Cell>
                        {r.status === 'assigned' && r.kind === 'initial' ? (
                          <ReassignControl
                            review={r}
                            onReassign={reassign}
                            candidates={submissions
                              .filter((x) => x.status === 'submitted' && x.author.id !== s.author.id && !s.reviews.some((o) => o.reviewer.id === x.author.id))
                              .map((x) => ({ id: x.author.id, name: nameOf(x.author) }))}
                          />
                        ) : (
                          '—'
                        )}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )}
          </View>
        )
      })}
      <Heading level="h2" variant="titleSection" margin="medium 0 x-small">
        Not submitted yet ({notSubmitted.length})
      </Heading>
      {notSubmitted.length === 0 ? (
        <Text as="p" color="secondary">Everyone has submitted.</Text>
      ) : (
        <List>
          {notSubmitted.map((p) => (
            <List.Item key={p.id}>{nameOf(p)}</List.Item>
          ))}
        </List>
      )}
    </View>
  )
}

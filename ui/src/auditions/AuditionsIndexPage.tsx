import { Heading, Table, Text, View } from '@instructure/ui'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionPath, type FeedbackTask } from './auditionTypes'
import { useAllAuditions, type ListedAudition } from './useAllAuditions'

const MY_STATUS = (a: ListedAudition): string => {
  const s = a.mySubmission
  if (!s) return 'Not started'
  if (s.status === 'withdrawn') return 'Withdrawn'
  if (s.status === 'draft' && s.currentVersion === 0) return 'Draft saved'
  return `Version ${s.currentVersion} submitted`
}

/** The auditions home: feedback colleagues are waiting for, the caller's auditions and, for leads, the ones they run. */
export function AuditionsIndexPage({ me, liveRegion }: AuditionsPageProps) {
  const queue = useApiData<{ reviews: FeedbackTask[] }>('/api/feedback-to-give')
  const all = useAllAuditions()
  const landing = useLandingFocus()
  if (queue.state.status === 'loading' || all.status === 'loading') return <LoadingState />
  if (queue.state.status === 'error' || all.status === 'error') {
    const error = queue.state.status === 'error' ? queue.state.error : all.status === 'error' ? all.error : null
    return (
      <StatusMessage tone="error" title="Auditions" liveRegion={liveRegion} onRetry={() => void queue.reload()}>
        {error?.message}
      </StatusMessage>
    )
  }
  const tasks = queue.state.data.reviews
  const auditions = all.data
  const managed = auditions.filter((a) => a.canManage)
  const isLead = me.role !== 'participant'
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        Auditions
      </Heading>
      <Text as="p" variant="descriptionPage">
        Share your work with its classroom context, get feedback from colleagues, and give feedback in return.
      </Text>
      {isLead && (
        <View as="section" display="block" margin="medium 0" aria-labelledby="lead-heading">
          <Heading level="h2" variant="titleSection" id="lead-heading" margin="0 0 x-small">
            Auditions you lead
          </Heading>
          {managed.length === 0 ? (
            <Text as="p" color="secondary">No auditions yet. Add one to a module to get started.</Text>
          ) : (
            <Table caption="Auditions you lead" margin="small 0">
              <Table.Head>
                <Table.Row>
                  <Table.ColHeader id="l-title">Audition</Table.ColHeader>
                  <Table.ColHeader id="l-cohort">Cohort</Table.ColHeader>
                  <Table.ColHeader id="l-mode">Reviewers</Table.ColHeader>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {managed.map((a) => (
                  <Table.Row key={a.id}>
                    <Table.RowHeader>
                      <AppLink to={`/auditions/lead/${a.cohortId}/${a.id}`}>{`Overview of ${a.title}`}</AppLink>
                    </Table.RowHeader>
                    <Table.Cell>{a.cohortTitle}</Table.Cell>
                    <Table.Cell>
                      {a.reviewersPerSubmission} per piece of work, {a.mode === 'rolling' ? 'as work comes in' : `from ${a.deadline ? formatDate(a.deadline) : 'the deadline'}`}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </View>
      )}
      {(!isLead || tasks.length > 0) && (
        <View as="section" display="block" margin="medium 0" aria-labelledby="give-heading">
          <Heading level="h2" variant="titleSection" id="give-heading" margin="0 0 x-small">
            Feedback to give
          </Heading>
          {tasks.length === 0 ? (
            <Text as="p" color="secondary">Nobody is waiting for your feedback right now. Thank you!</Text>
          ) : (
            <Table caption="Feedback colleagues are waiting for, soonest first" margin="small 0">
              <Table.Head>
                <Table.Row>
                  <Table.ColHeader id="t-what">Work to review</Table.ColHeader>
                  <Table.ColHeader id="t-class">Class</Table.ColHeader>
                  <Table.ColHeader id="t-due">Due</Table.ColHeader>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {tasks.map((t) => (
                  <Table.Row key={t.id}>
                    <Table.RowHeader>
                      <AppLink to={`${auditionPath(t.cohortId, t.auditionId)}/reviews/${t.id}`}>
                        {`${t.started ? 'Continue' : 'Give'} feedback: ${[t.auditionTitle, t.subject, t.gradeLevel].filter(Boolean).join(', ')}${t.kind === 'look_again' ? ` (second look at version ${t.versionNumber})` : ''}`}
                      </AppLink>
                    </Table.RowHeader>
                    <Table.Cell>{[t.subject, t.gradeLevel].filter(Boolean).join(', ') || '—'}</Table.Cell>
                    <Table.Cell>{formatDate(t.dueAt)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </View>
      )}
      {!isLead && (
        <View as="section" display="block" margin="medium 0" aria-labelledby="mine-heading">
          <Heading level="h2" variant="titleSection" id="mine-heading" margin="0 0 x-small">
            Your auditions
          </Heading>
          {auditions.length === 0 ? (
            <Text as="p" color="secondary">No auditions in your cohorts yet.</Text>
          ) : (
            <Table caption="Your auditions" margin="small 0">
              <Table.Head>
                <Table.Row>
                  <Table.ColHeader id="m-title">Audition</Table.ColHeader>
                  <Table.ColHeader id="m-cohort">Cohort</Table.ColHeader>
                  <Table.ColHeader id="m-status">Your work</Table.ColHeader>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {auditions.map((a) => (
                  <Table.Row key={a.id}>
                    <Table.RowHeader>
                      <AppLink to={auditionPath(a.cohortId, a.id)}>{a.title}</AppLink>
                    </Table.RowHeader>
                    <Table.Cell>{a.cohortTitle}</Table.Cell>
                    <Table.Cell>{MY_STATUS(a)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </View>
      )}
    </View>
  )
}

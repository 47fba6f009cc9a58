import { useParams } from 'react-router'
import { Heading, Text, View } from '@instructure/ui'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { PlainText } from '../learning/player/ConflictPanel'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, type Audition, type History, type LeadReview } from './auditionTypes'
import { AnswersView } from './ProtocolFields'
import { VersionsList } from './VersionsList'

const CLOSED = { overdue: 'taken back because it was overdue', left: 'taken back because the reviewer left the cohort', lead: 'reassigned by a lead', withdrawn: 'cancelled when the work was withdrawn' } as const
const stateOf = (r: LeadReview): string =>
  r.status === 'submitted'
    ? `sent ${r.submittedAt ? formatDate(r.submittedAt) : ''}`
    : r.status === 'assigned'
      ? `in progress, due ${formatDate(r.dueAt)}`
      : (CLOSED[r.closedReason as keyof typeof CLOSED] ?? r.status)

/** The whole history of one submission for a lead: every version, and every review with its rating. */
export function HistoryPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '', submissionId = '' } = useParams()
  const base = auditionBase(cohortId, auditionId)
  const history = useApiData<History>(`${base}/submissions/${submissionId}`)
  const audition = useApiData<{ audition: Audition }>(base)
  const landing = useLandingFocus()
  if (history.state.status === 'loading' || audition.state.status === 'loading') return <LoadingState />
  if (history.state.status === 'error' || audition.state.status === 'error') {
    const error = history.state.status === 'error' ? history.state.error : audition.state.status === 'error' ? audition.state.error : null
    return (
      <StatusMessage tone="error" title="Submission history" liveRegion={liveRegion} onRetry={() => void history.reload()}>
        {error?.message}
      </StatusMessage>
    )
  }
  const { submission, versions, reviews } = history.state.data
  const { protocol } = audition.state.data.audition
  const author = submission.author.name ?? 'Someone without a name in the LMS'
  return (
    <View as="div" display="block">
      <AppLink to={`/auditions/lead/${cohortId}/${auditionId}`}>Back to the overview</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        {author}’s work: the whole history
      </Heading>
      <Text as="p">
        {submission.status === 'withdrawn' ? `Withdrawn ${submission.withdrawnAt ? formatDate(submission.withdrawnAt) : ''}. ` : ''}
        {versions.length} {versions.length === 1 ? 'version' : 'versions'}, {reviews.filter((r) => r.status === 'submitted').length} reviews sent.
      </Text>
      <VersionsList versions={versions} title="Versions" />
      <Heading level="h2" variant="titleSection" margin="medium 0 x-small">
        Reviews
      </Heading>
      {reviews.length === 0 && <Text as="p" color="secondary">No reviews yet.</Text>}
      {versions.map((v) => {
        const mine = reviews.filter((r) => r.versionNumber === v.number)
        if (mine.length === 0) return null
        return (
          <View as="section" display="block" margin="small 0" key={v.number} aria-labelledby={`reviews-v${v.number}`}>
            <Heading level="h3" variant="titleCardRegular" id={`reviews-v${v.number}`} margin="0 0 x-small">
              Reviews of version {v.number}
            </Heading>
            {mine.map((r) => (
              <View as="article" key={r.id} display="block" margin="x-small 0" padding="small" borderWidth="small" borderRadius="medium" data-testid="history-review">
                <Heading level="h4" variant="label" margin="0 0 xx-small">
                  {r.reviewer.name ?? 'Someone without a name in the LMS'}
                  {r.kind === 'look_again' ? ' (second look)' : ''}: {stateOf(r)}
                </Heading>
                {r.answers && <AnswersView protocol={protocol} answers={r.answers} headingLevel="h5" />}
                {r.rating ? (
                  <View as="div" display="block" margin="x-small 0 0">
                    <Text as="p">
                      {author} rated it {r.rating.specific} of 4 for specific and actionable, {r.rating.supportive} of 4 for supportive.
                    </Text>
                    {r.rating.thanks && <PlainText text={`“${r.rating.thanks}”`} />}
                  </View>
                ) : (
                  r.status === 'submitted' && <Text as="p" color="secondary">Not rated by {author} yet.</Text>
                )}
              </View>
            ))}
          </View>
        )
      })}
    </View>
  )
}

import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Heading, Pill, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { PlainText } from '../learning/player/ConflictPanel'
import { ProgressMeter } from '../learning/ProgressMeter'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, auditionPath, type Audition, type OwnSubmission } from './auditionTypes'
import { FeedbackReceived } from './FeedbackReceived'
import { SubmissionForm } from './SubmissionForm'
import { VersionsList } from './VersionsList'

const STATUS_WORDS = { draft: 'Draft, not submitted yet', submitted: 'Submitted', withdrawn: 'Withdrawn' } as const

/** The teacher's audition page: the prompt, the submit/revise form, their versions and the feedback received. */
export function AuditionPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '' } = useParams()
  const base = auditionBase(cohortId, auditionId)
  const audition = useApiData<{ audition: Audition }>(base)
  const own = useApiData<{ submission: OwnSubmission | null }>(`${base}/submission`)
  const landing = useLandingFocus()
  const [revising, setRevising] = useState(false)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)

  if (audition.state.status === 'loading' || own.state.status === 'loading') return <LoadingState />
  if (audition.state.status === 'error' || own.state.status === 'error') {
    const error = audition.state.status === 'error' ? audition.state.error : own.state.status === 'error' ? own.state.error : null
    return (
      <StatusMessage tone="error" title="Audition" liveRegion={liveRegion} onRetry={() => void Promise.all([audition.reload(), own.reload()])}>
        {error?.message}
      </StatusMessage>
    )
  }
  const a = audition.state.data.audition
  const s = own.state.data.submission
  const submitted = (s?.currentVersion ?? 0) > 0
  const withdrawn = s?.status === 'withdrawn'

  async function withdraw() {
    if (!window.confirm('Withdraw your work for good? Open reviews will be cancelled. Feedback you already received stays here.')) return
    try {
      await apiRequest(`${base}/submission/withdraw`, { method: 'POST' })
      setNotice({ tone: 'success', text: 'Your work is withdrawn. Colleagues will not be asked to review it any more.' })
      await own.reload()
    } catch (e) {
      setNotice({ tone: 'error', text: e instanceof ApiError ? e.message : 'Withdrawing did not work. Please try again.' })
    }
  }

  return (
    <View as="div" display="block">
      <AppLink to="/auditions">Back to auditions</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        {a.title}
      </Heading>
      {s && <Pill margin="0 0 small">{STATUS_WORDS[s.status]}</Pill>}
      <View as="section" display="block" margin="0 0 medium" aria-labelledby="prompt-heading">
        <Heading level="h2" variant="titleSection" id="prompt-heading" margin="0 0 x-small">
          What to share
        </Heading>
        <PlainText text={a.prompt} />
        <Text as="p" size="small" color="secondary">
          {a.anonymity === 'named'
            ? 'Reviewers’ names are shown with their feedback.'
            : 'Reviewers’ names are not shown to you, so colleagues can be candid.'}
        </Text>
        {a.hasCalibration && (
          <Text as="p">
            Before you review colleagues’ work, you can <AppLink to={`${auditionPath(cohortId, auditionId)}/calibration`}>try a practice review</AppLink> and see how your levels compare with a lead’s.
          </Text>
        )}
      </View>
      {notice && (
        <Alert variant={notice.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {notice.text}
        </Alert>
      )}
      {submitted && s?.progress && !withdrawn && (
        <View as="section" display="block" margin="small 0" aria-labelledby="progress-heading">
          <Heading level="h2" variant="titleSection" id="progress-heading" margin="0 0 x-small">
            Feedback on version {s.currentVersion}
          </Heading>
          <ProgressMeter
            label={`Feedback on version ${s.currentVersion}`}
            percent={Math.round((100 * s.progress.done) / Math.max(1, s.progress.wanted))}
            valueText={`${s.progress.done} of ${s.progress.wanted} reviews in`}
          />
          {s.progress.reviewers < s.progress.wanted && (
            <Text as="p" size="small" color="secondary">
              {s.progress.reviewers === 0 ? 'Reviewers are found' : 'More reviewers are found'} as colleagues submit their own work.
            </Text>
          )}
        </View>
      )}
      {!withdrawn && (!submitted || revising) && (
        <SubmissionForm
          key={s?.currentVersion ?? 0}
          audition={a}
          submission={s}
          liveRegion={liveRegion}
          onSubmitted={(next) => {
            setRevising(false)
            setNotice({ tone: 'success', text: `Version ${next.currentVersion} is submitted. Colleagues will be asked for feedback.` })
            void own.reload()
          }}
        />
      )}
      {submitted && !withdrawn && !revising && (
        <Button margin="small 0" onClick={() => setRevising(true)}>
          Revise your work
        </Button>
      )}
      {s && submitted && <FeedbackReceived audition={a} feedback={s.feedback} liveRegion={liveRegion} />}
      {s && submitted && <VersionsList versions={s.versions} />}
      {submitted && !withdrawn && (
        <View as="section" display="block" margin="large 0 0" aria-labelledby="withdraw-heading">
          <Heading level="h2" variant="titleSection" id="withdraw-heading" margin="0 0 x-small">
            Withdraw your work
          </Heading>
          <Text as="p">Withdrawing ends this audition for you. Open reviews are cancelled; feedback already given stays.</Text>
          <Button color="danger" onClick={() => void withdraw()}>
            Withdraw my work
          </Button>
        </View>
      )}
    </View>
  )
}

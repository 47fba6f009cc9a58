import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Heading, Text, View } from '@instructure/ui'
import { ApiError, apiGet, apiRequest } from '../api'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { ConflictPanel, PlainText } from '../learning/player/ConflictPanel'
import { SaveStatusText } from '../learning/player/SaveStatusText'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, type Answers, type ReviewForReviewer } from './auditionTypes'
import { CalibrationLink } from './CalibrationPage'
import { AnswersView, emptyAnswers, ProtocolFields } from './ProtocolFields'
import { useDraftAutosave } from './useDraftAutosave'
import { ContextView, WorkView } from './WorkView'

/** The review form: the classroom context first, then the work, then the feedback protocol (autosaved, then submitted). */
export function ReviewPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '', reviewId = '' } = useParams()
  const path = `${auditionBase(cohortId, auditionId)}/reviews/${reviewId}`
  const { state, reload } = useApiData<{ review: ReviewForReviewer }>(path)
  const landing = useLandingFocus()
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return (
      <StatusMessage tone="error" title="Review" liveRegion={liveRegion} onRetry={() => void reload()}>
        {state.error.message}
      </StatusMessage>
    )
  }
  const r = state.data.review
  const open = r.status === 'assigned'
  return (
    <View as="div" display="block">
      <AppLink to="/auditions">Back to auditions</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        Feedback for {r.author?.name ?? 'a colleague'}: {r.auditionTitle}
      </Heading>
      <Text as="p">
        {r.kind === 'look_again' ? `A second look at version ${r.versionNumber}. ` : `Version ${r.versionNumber}. `}
        {open ? `Please send it by ${formatDate(r.dueAt)}.` : r.status === 'submitted' ? 'You sent this feedback. Thank you!' : 'This review was closed; your draft is kept here to read.'}
      </Text>
      {open && <CalibrationLink cohortId={cohortId} auditionId={auditionId} />}
      <ContextView context={r.context} />
      {r.whatChanged && (
        <View as="section" display="block" margin="small 0" aria-labelledby="what-changed-heading">
          <Heading level="h2" variant="titleSection" id="what-changed-heading" margin="0 0 x-small">
            What they changed
          </Heading>
          <PlainText text={r.whatChanged} />
        </View>
      )}
      <WorkView work={r.work} />
      {r.previousVersion && <WorkView work={r.previousVersion.work} title={`The earlier version (${r.previousVersion.number})`} />}
      {open ? (
        <ReviewForm review={r} path={path} onDone={() => void reload()} liveRegion={liveRegion} />
      ) : (
        <View as="section" display="block" margin="medium 0" aria-labelledby="your-feedback-heading">
          <Heading level="h2" variant="titleSection" id="your-feedback-heading" margin="0 0 x-small">
            Your feedback
          </Heading>
          <AnswersView protocol={r.protocol} answers={r.answers ?? r.draft ?? emptyAnswers()} headingLevel="h3" />
        </View>
      )}
    </View>
  )
}

function ReviewForm({ review, path, onDone, liveRegion }: { review: ReviewForReviewer; path: string; onDone: () => void; liveRegion: () => HTMLElement | null }) {
  const save = useDraftAutosave<Answers>({
    initial: review.draft ?? emptyAnswers(),
    initialRevision: review.revision,
    save: async (answers, revision) => (await apiRequest<{ review: ReviewForReviewer }>(`${path}/draft`, { method: 'PUT', body: { answers, revision } })).review.revision,
    loadCurrent: async () => {
      const { review: r } = await apiGet<{ review: ReviewForReviewer }>(path)
      return { value: r.draft ?? emptyAnswers(), revision: r.revision }
    }
  })
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { protocol } = review
  const missing = [
    ...protocol.criteria.filter((c) => save.value.ratings[c.id] === undefined).map((c) => c.title),
    ...protocol.prompts.filter((p) => p.required && !save.value.comments[p.id]?.trim()).map((p) => p.label)
  ]

  async function submit() {
    if (missing.length > 0) {
      setProblem(`Almost there: please answer ${missing.join(', ')}.`)
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      await save.flush()
      await apiRequest(`${path}/submit`, { method: 'POST', body: { answers: save.value } })
      onDone()
    } catch (e) {
      const err = e instanceof ApiError ? e : null
      const hint =
        err?.id === 'submission_withdrawn'
          ? ' Your colleague withdrew this work, so there is nothing more to do here.'
          : err?.id === 'review_closed'
            ? ' Reload the page to see where this review stands.'
            : ''
      setProblem((err?.message ?? 'Your feedback could not be sent. Please try again.') + hint)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="protocol-heading">
      <Heading level="h2" variant="titleSection" id="protocol-heading" margin="0 0 x-small">
        Your feedback
      </Heading>
      <Text as="p" size="small" color="secondary">
        Your answers save automatically as a draft. Your colleague sees them only when you send them.
      </Text>
      <ProtocolFields protocol={protocol} value={save.value} onChange={save.setValue} />
      <SaveStatusText status={save.status} />
      {save.status === 'error' && save.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {save.error} Keep this page open; your answers are still here.
        </Alert>
      )}
      {save.conflict && (
        <ConflictPanel
          mine={<AnswersView protocol={protocol} answers={save.value} />}
          theirs={<AnswersView protocol={protocol} answers={save.conflict.value} />}
          onKeepMine={save.keepMine}
          onTakeTheirs={save.takeTheirs}
          liveRegion={liveRegion}
        />
      )}
      {problem && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {problem}
        </Alert>
      )}
      <Button color="primary" margin="small 0" onClick={() => void submit()} interaction={busy ? 'disabled' : 'enabled'}>
        Send my feedback
      </Button>
    </View>
  )
}

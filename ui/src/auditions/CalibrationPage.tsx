import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Heading, Table, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, auditionPath, type Answers, type Protocol, type Work, type WorkContext } from './auditionTypes'
import { AnswersView, emptyAnswers, ProtocolFields } from './ProtocolFields'
import { ContextView, WorkView } from './WorkView'

/** A calibration attempt: the teacher's answers and how they compare with the lead's. */
interface Attempt {
  answers: Answers
  comparison: {
    criteria: { criterionId: string; title: string; yours: number | null; lead: number | null; difference: number }[]
    matches: number
    withinOne: number
    leadComments: Record<string, string>
  }
}

/** Calibration: the teacher reviews an example a lead has reviewed, then compares levels and reads the lead's comments. */
export function CalibrationPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '' } = useParams()
  const path = `${auditionBase(cohortId, auditionId)}/calibration`
  const { state, reload } = useApiData<{ example: { context: WorkContext; work: Work }; protocol: Protocol; attempt: Attempt | null }>(path)
  const landing = useLandingFocus()
  const [answers, setAnswers] = useState<Answers>(emptyAnswers())
  const [attempt, setAttempt] = useState<Attempt | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return (
      <StatusMessage tone="error" title="Practice review" liveRegion={liveRegion} onRetry={() => void reload()}>
        {state.error.message}
      </StatusMessage>
    )
  }
  const { example, protocol } = state.data
  const shown = attempt ?? state.data.attempt

  async function compare() {
    setProblem(null)
    try {
      const res = await apiRequest<{ attempt: Attempt }>(path, { method: 'POST', body: { answers } })
      setAttempt(res.attempt)
    } catch (e) {
      setProblem(e instanceof ApiError ? `${e.message} Answer every part marked as required, then compare again.` : 'Comparing did not work. Please try again.')
    }
  }

  return (
    <View as="div" display="block">
      <AppLink to={auditionPath(cohortId, auditionId)}>Back to the audition</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        Practice review
      </Heading>
      <Text as="p">Review this example as you would a colleague’s work. Then see how your levels compare with a lead’s. Nobody else sees your practice.</Text>
      <ContextView context={example.context} />
      <WorkView work={example.work} title="The example work" />
      <Heading level="h2" variant="titleSection" margin="medium 0 x-small">
        Your practice feedback
      </Heading>
      <ProtocolFields protocol={protocol} value={answers} onChange={setAnswers} />
      {problem && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {problem}
        </Alert>
      )}
      <Button color="primary" margin="small 0" onClick={() => void compare()}>
        {shown ? 'Compare again' : 'Compare with the lead'}
      </Button>
      {shown && (
        <View as="section" display="block" margin="medium 0" aria-labelledby="comparison-heading" data-testid="comparison">
          <Heading level="h2" variant="titleSection" id="comparison-heading" margin="0 0 x-small">
            How your levels compare
          </Heading>
          <Text as="p">
            You matched the lead on {shown.comparison.matches} of {shown.comparison.criteria.length} and were within one level on {shown.comparison.withinOne}.
          </Text>
          <Table caption="Your levels and the lead’s, criterion by criterion" margin="small 0">
            <Table.Head>
              <Table.Row>
                <Table.ColHeader id="c-criterion">Criterion</Table.ColHeader>
                <Table.ColHeader id="c-yours">Yours</Table.ColHeader>
                <Table.ColHeader id="c-lead">The lead’s</Table.ColHeader>
                <Table.ColHeader id="c-diff">Difference</Table.ColHeader>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {shown.comparison.criteria.map((c) => (
                <Table.Row key={c.criterionId}>
                  <Table.RowHeader>{c.title}</Table.RowHeader>
                  <Table.Cell>{c.yours ?? '—'}</Table.Cell>
                  <Table.Cell>{c.lead ?? '—'}</Table.Cell>
                  <Table.Cell>{c.difference === 0 ? 'Same' : `${Math.abs(c.difference)} ${c.difference > 0 ? 'higher' : 'lower'}`}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Heading level="h3" variant="titleCardRegular" margin="small 0 x-small">
            The lead’s comments
          </Heading>
          <AnswersView protocol={{ criteria: [], prompts: protocol.prompts }} answers={{ ratings: {}, comments: shown.comparison.leadComments }} />
        </View>
      )}
    </View>
  )
}

/** A link to the practice review when the audition has one (shown on the audition page and the review form). */
export function CalibrationLink({ cohortId, auditionId }: { cohortId: string; auditionId: string }) {
  const { state } = useApiData<{ audition: { hasCalibration: boolean } }>(auditionBase(cohortId, auditionId))
  if (state.status !== 'ready' || !state.data.audition.hasCalibration) return null
  return (
    <Text as="p">
      New to this rubric? <AppLink to={`${auditionPath(cohortId, auditionId)}/calibration`}>Try a practice review first</AppLink>, and see how your levels compare with a lead’s.
    </Text>
  )
}

import { useEffect, useRef, useState } from 'react'
import { Alert, Button, Flex, Heading, Text, View } from '@instructure/ui'
import { ApiError } from '../../api'
import { AppLink } from '../AppLink'
import { formatDate, formatMinutes, KIND_LABEL, playerPath } from '../format'
import type { PlayerStep, ProgressAnswer } from '../learningTypes'
import { setProgress, type StepRef } from './stepApi'
import { StepContent } from './StepContent'
import { useVisibleTime } from './useVisibleTime'

/** Props for {@link StepView}. */
export interface StepViewProps {
  at: StepRef
  step: PlayerStep
  /** The step after this one, for "Next step" once this one is done. */
  next: PlayerStep | null
  canKeepRecords: boolean
  /** Move focus to the step's heading (after moving between steps, not on the first page load). */
  focusHeading: boolean
  onChanged: () => void
  onCompleted: (answer: ProgressAnswer) => Promise<void>
  liveRegion: () => HTMLElement | null
  /** Measure time on task (not in an editor's preview). */
  measureTime?: boolean
}

/** One step of the player: its content, the teacher's work, and "Mark complete". */
export function StepView({ at, step, next, canKeepRecords, focusHeading, onChanged, onCompleted, liveRegion, measureTime = false }: StepViewProps) {
  const heading = useRef<Element | null>(null)
  const flushRef = useRef<(() => Promise<boolean>) | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  useVisibleTime(at, measureTime)

  useEffect(() => {
    if (focusHeading) (heading.current as HTMLElement | null)?.focus()
  }, [focusHeading])

  async function complete() {
    setBusy(true)
    setProblem(null)
    try {
      const saved = (await flushRef.current?.()) ?? true
      if (!saved) {
        setProblem('Your latest words are not saved yet. Sort out the message above first, then mark the step complete.')
        return
      }
      await onCompleted(await setProgress(at, 'complete'))
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : 'This step could not be marked complete. Please try again.')
    } finally {
      setBusy(false)
    }
  }

  const done = step.progress.status === 'complete'
  return (
    <View as="section" display="block" aria-labelledby={`step-${step.stepId}`}>
      <Heading level="h2" variant="titleSection" id={`step-${step.stepId}`} elementRef={(el) => (heading.current = el)} tabIndex={-1}>
        {step.title}
      </Heading>
      <Text as="p" size="small" color="secondary">
        {KIND_LABEL[step.kind]} · about {formatMinutes(step.estimatedMinutes)}
      </Text>
      <View as="div" display="block" margin="small 0">
        <StepContent at={at} step={step} canKeepRecords={canKeepRecords} flushRef={flushRef} onSaved={onChanged} onCompleted={onCompleted} liveRegion={liveRegion} />
      </View>
      {problem && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {problem}
        </Alert>
      )}
      <View as="div" display="block" margin="medium 0 0" padding="small 0 0" borderWidth="small 0 0 0">
        {done ? (
          <Flex gap="small" wrap="wrap" alignItems="center">
            <Text>You completed this step{step.progress.completedAt ? ` on ${formatDate(step.progress.completedAt, true)}` : ''}.</Text>
            {next && (
              <AppLink to={playerPath(at.cohortId, at.moduleId, next.stepId)} variant="button">
                Next step: {next.title}
              </AppLink>
            )}
          </Flex>
        ) : step.kind === 'survey' ? (
          <Text>Send your answers above to complete this step.</Text>
        ) : (
          <Button color="primary" onClick={() => void complete()} interaction={busy ? 'disabled' : 'enabled'}>
            {busy ? 'Saving…' : next ? 'Mark complete and continue' : 'Mark complete'}
          </Button>
        )}
      </View>
    </View>
  )
}

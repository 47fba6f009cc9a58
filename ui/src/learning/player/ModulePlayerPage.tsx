import { useCallback, useEffect, useRef, useState } from 'react'
import { Alert, Flex, Heading, Text, View } from '@instructure/ui'
import { Navigate, useNavigate, useParams } from 'react-router'
import { LoadingState } from '../../components/LoadingState'
import { StatusMessage } from '../../components/StatusMessage'
import { AppLink } from '../AppLink'
import { formatMinutes, playerPath } from '../format'
import type { LearningPageProps } from '../LearningArea'
import type { Player, ProgressAnswer } from '../learningTypes'
import { ProgressMeter } from '../ProgressMeter'
import { useApiData } from '../useApiData'
import { useLandingFocus } from '../useLandingFocus'
import { playerPath as playerApiPath, setProgress } from './stepApi'
import { StepNav } from './StepNav'
import { StepView } from './StepView'

/** The module player: the steps on one side, the open step on the other. */
export function ModulePlayerPage({ liveRegion }: LearningPageProps) {
  const { cohortId = '', moduleId = '', stepId } = useParams()
  const navigate = useNavigate()
  const { state, reload } = useApiData<Player>(playerApiPath(cohortId, moduleId))
  const [celebration, setCelebration] = useState<string | null>(null)
  const firstStep = useRef<string | undefined>(stepId)
  const landing = useLandingFocus()

  const player = state.status === 'ready' ? state.data : null
  const step = player?.steps.find((s) => s.stepId === stepId) ?? null

  // Opening a step counts as starting it, so the step list and "My learning" show where the teacher is.
  const status = step?.progress.status
  useEffect(() => {
    if (!player || player.preview || !stepId || status !== 'not_started') return
    setProgress({ cohortId, moduleId, stepId }, 'in_progress').then(reload, () => undefined)
  }, [player, cohortId, moduleId, stepId, status, reload])

  const onCompleted = useCallback(
    async (answer: ProgressAnswer) => {
      await reload()
      if (!player || !stepId) return
      // Celebrated once, on the request that completed the module (later steps added by a new version do not).
      if (answer.module.justCompleted) {
        const pd = answer.module.pdMinutesCredited
        setCelebration(`You have finished “${player.module.title}”.${pd > 0 ? ` ${formatMinutes(pd)} of PD time is now in your hours.` : ''}`)
        return
      }
      // On to the next step still to do: after this one first, else any earlier one left open.
      const index = player.steps.findIndex((s) => s.stepId === stepId)
      const open = (s: Player['steps'][number]) => s.stepId !== stepId && s.progress.status !== 'complete'
      const next = player.steps.slice(index + 1).find(open) ?? player.steps.find(open)
      if (next) navigate(playerPath(cohortId, moduleId, next.stepId))
    },
    [player, stepId, reload, navigate, cohortId, moduleId]
  )

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    const locked = state.error.id === 'module_locked'
    return (
      <StatusMessage tone={locked ? 'info' : 'error'} title={locked ? 'This module is not open yet' : 'This module could not be opened'} liveRegion={liveRegion}>
        {state.error.message} <AppLink to="/my-learning">Back to My learning</AppLink>
      </StatusMessage>
    )
  }
  const data = state.data
  if (!step) {
    const target = data.nextStepId ?? data.steps[0]?.stepId
    if (target && target !== stepId) return <Navigate to={playerPath(cohortId, moduleId, target)} replace />
    return (
      <StatusMessage tone="info" title={data.module.title} liveRegion={liveRegion}>
        This module has no steps yet. <AppLink to="/my-learning">Back to My learning</AppLink>
      </StatusMessage>
    )
  }
  const m = data.module
  const index = data.steps.indexOf(step)
  return (
    <View as="div" display="block">
      <AppLink to="/my-learning">Back to My learning</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0 0" elementRef={landing} tabIndex={-1}>
        {m.title}
      </Heading>
      <Text as="p" color="secondary">
        {data.cohort.title} · {m.status === 'complete' ? 'Finished' : `About ${formatMinutes(m.remainingMinutes)} left`} · Counts for{' '}
        {formatMinutes(m.pdMinutes)} of PD time
      </Text>
      <ProgressMeter label={`Progress in ${m.title}`} percent={m.percent} valueText={`${m.completedSteps} of ${m.totalSteps} steps complete`} />
      {celebration && (
        <Alert variant="success" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {celebration} <AppLink to="/my-learning/hours">See your PD hours</AppLink>
        </Alert>
      )}
      <Flex gap="large" wrap="wrap" alignItems="start" margin="medium 0 0">
        <Flex.Item size="14rem" shouldShrink>
          <StepNav cohortId={cohortId} moduleId={moduleId} steps={data.steps} currentStepId={step.stepId} />
        </Flex.Item>
        <Flex.Item size="20rem" shouldGrow shouldShrink>
          <StepView
            key={step.stepId}
            at={{ cohortId, moduleId, stepId: step.stepId }}
            step={step}
            next={data.steps[index + 1] ?? null}
            canKeepRecords={data.canKeepRecords}
            focusHeading={firstStep.current !== step.stepId}
            onChanged={() => {
              if (step.progress.status === 'not_started') void reload()
            }}
            onCompleted={onCompleted}
            liveRegion={liveRegion}
            measureTime={!data.preview}
          />
        </Flex.Item>
      </Flex>
    </View>
  )
}

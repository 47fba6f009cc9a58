import { Heading, List, Text, View } from '@instructure/ui'
import { AppLink } from '../AppLink'
import { formatMinutes, KIND_LABEL, playerPath, STATUS_LABEL } from '../format'
import type { PlayerStep } from '../learningTypes'

/** Props for {@link StepNav}. */
export interface StepNavProps {
  cohortId: string
  moduleId: string
  steps: PlayerStep[]
  currentStepId: string
}

/** The module's steps in order, each with what it asks for, its time and the teacher's status (in words). */
export function StepNav({ cohortId, moduleId, steps, currentStepId }: StepNavProps) {
  return (
    <View as="nav" display="block" aria-label="Steps in this module">
      <Heading level="h2" variant="titleCardRegular" margin="0 0 small">
        Steps
      </Heading>
      {/* Numbered in the text, so the number is part of each link's name; the list itself stays unstyled. */}
      <List as="ul" margin="0" itemSpacing="small" isUnstyled>
        {steps.map((s, i) => {
          const current = s.stepId === currentStepId
          return (
            <List.Item key={s.stepId}>
              <View as="div" display="block" padding="x-small" background={current ? 'secondary' : 'transparent'} borderRadius="medium" data-step-status={s.progress.status}>
                <AppLink to={playerPath(cohortId, moduleId, s.stepId)} current={current}>
                  {i + 1}. {s.title}
                </AppLink>
                <Text as="div" size="small" color="secondary">
                  {STATUS_LABEL[s.progress.status]} · {KIND_LABEL[s.kind]} · {formatMinutes(s.estimatedMinutes)}
                </Text>
              </View>
            </List.Item>
          )
        })}
      </List>
    </View>
  )
}

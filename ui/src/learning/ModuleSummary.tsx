import { Flex, Heading, Pill, Text, View } from '@instructure/ui'
import { AppLink } from './AppLink'
import { formatMinutes, playerPath, STATUS_LABEL } from './format'
import type { LearningModule } from './learningTypes'
import { ProgressMeter } from './ProgressMeter'

/** Props for {@link ModuleSummary}. */
export interface ModuleSummaryProps {
  cohortId: string
  module: LearningModule
}

const PILL_COLOR = { not_started: 'primary', in_progress: 'info', complete: 'success' } as const

/** One module in "My learning": status, progress, time left, and why it is locked when it is. */
export function ModuleSummary({ cohortId, module: m }: ModuleSummaryProps) {
  const steps = `${m.completedSteps} of ${m.totalSteps} ${m.totalSteps === 1 ? 'step' : 'steps'} complete`
  return (
    <View as="li" display="block" padding="small 0" borderWidth="0 0 small 0">
      <Flex gap="small" alignItems="center" wrap="wrap">
        <Heading level="h3" variant="titleCardRegular">
          {m.title}
        </Heading>
        <Pill color={m.locked ? 'primary' : PILL_COLOR[m.status]}>{m.locked ? 'Locked' : STATUS_LABEL[m.status]}</Pill>
      </Flex>
      {m.summary && (
        <Text as="p" color="secondary">
          {m.summary}
        </Text>
      )}
      <ProgressMeter label={`Progress in ${m.title}`} percent={m.percent} valueText={steps} />
      <Text as="p" size="small">
        {m.status === 'complete'
          ? `Done. ${m.pdMinutesEarned > 0 ? `${formatMinutes(m.pdMinutesEarned)} of PD time added to your hours.` : ''}`
          : `About ${formatMinutes(m.remainingMinutes)} left. Counts for ${formatMinutes(m.pdMinutes)} of PD time.`}
      </Text>
      {m.locked && m.lockedBy ? (
        <Text as="p">Opens once you finish “{m.lockedBy.title}”. Nothing to do here yet.</Text>
      ) : (
        <AppLink to={playerPath(cohortId, m.id, m.nextStep?.stepId)}>
          {m.status === 'complete' ? 'Look back at' : m.status === 'in_progress' ? 'Continue' : 'Start'} {m.title}
        </AppLink>
      )}
    </View>
  )
}

import { useId } from 'react'
import { Heading, Text, View } from '@instructure/ui'
import { AppLink } from './AppLink'
import { formatDate, formatMinutes, KIND_LABEL, playerPath } from './format'
import type { LearningCohort } from './learningTypes'
import { ModuleSummary } from './ModuleSummary'
import { ProgressMeter } from './ProgressMeter'

/** Props for {@link CohortSection}. */
export interface CohortSectionProps {
  cohort: LearningCohort
}

function pace(c: LearningCohort): string {
  const when = [c.startsOn && `from ${formatDate(c.startsOn)}`, c.endsOn && `to ${formatDate(c.endsOn)}`].filter(Boolean).join(' ')
  const rhythm = c.pacing === 'weekly' && c.weeklyMinutes ? `A suggested ${formatMinutes(c.weeklyMinutes)} a week` : 'At your own pace'
  return when ? `${rhythm}, ${when}.` : `${rhythm}.`
}

/** A cohort in "My learning": the next step first (what a busy teacher came for), then every module. */
export function CohortSection({ cohort: c }: CohortSectionProps) {
  const headingId = useId()
  const next = c.nextStep
  const modules = `${c.completedModules} of ${c.totalModules} ${c.totalModules === 1 ? 'module' : 'modules'} complete`
  return (
    <View as="section" display="block" margin="medium 0" padding="medium" borderWidth="small" borderRadius="medium" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId}>
        {c.title}
      </Heading>
      <Text as="p" color="secondary">
        {pace(c)}
      </Text>
      <ProgressMeter label={`Progress in ${c.title}`} percent={c.percent} valueText={modules} />

      <View as="div" display="block" margin="small 0" padding="small" background="secondary" borderRadius="medium">
        {next ? (
          <>
            <Text as="p" weight="bold">
              Your next step: {next.title}
            </Text>
            <Text as="p">
              {KIND_LABEL[next.kind]} in “{next.moduleTitle}”, about {formatMinutes(next.estimatedMinutes)}.
            </Text>
            <AppLink to={playerPath(c.id, next.moduleId, next.stepId)} variant="primary-button">
              Go to {next.title}
            </AppLink>
          </>
        ) : c.totalModules > 0 && c.completedModules === c.totalModules ? (
          <Text as="p">You have finished every module in this cohort. Well done!</Text>
        ) : (
          <Text as="p">Nothing is open for you right now. New modules will show up here when they are ready.</Text>
        )}
      </View>

      {c.modules.length > 0 && (
        <>
          <View as="div" display="block" margin="medium 0 0">
            <Text weight="bold">Modules ({formatMinutes(c.remainingMinutes)} of work left)</Text>
          </View>
          <View as="ul" display="block" margin="0" padding="0" aria-label={`Modules in ${c.title}`}>
            {c.modules.map((m) => (
              <ModuleSummary key={m.id} cohortId={c.id} module={m} />
            ))}
          </View>
        </>
      )}
    </View>
  )
}

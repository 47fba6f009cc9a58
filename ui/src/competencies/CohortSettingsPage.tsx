import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Heading, Text, View } from '@instructure/ui'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { CohortSettingsForm } from './CohortSettingsForm'
import { paths, routes } from './competenciesApi'
import { BackNav, PageError, PageLoading } from './parts'
import type { CohortCompetencies, FrameworkSummary } from './types'

const TITLE = 'Competency settings'

/** Admins link a framework to a cohort and choose its mastery method and gradebook columns. */
export function CohortSettingsPage({ liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '' } = useParams()
  const cohort = useApiData<{ id: string; title: string }>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  const settings = useApiData<CohortCompetencies>(paths.cohortCompetencies(cohortId))
  const frameworks = useApiData<{ frameworks: FrameworkSummary[] }>(paths.frameworks)
  const landing = useLandingFocus()
  const [saved, setSaved] = useState<{ n: number; data: CohortCompetencies } | null>(null)
  for (const d of [cohort, settings, frameworks]) {
    if (d.state.status === 'loading') return <PageLoading title={TITLE} what="Loading the settings" />
    if (d.state.status === 'error') return <PageError error={d.state.error} liveRegion={liveRegion} onRetry={() => void d.reload()} />
  }
  if (cohort.state.status !== 'ready' || settings.state.status !== 'ready' || frameworks.state.status !== 'ready') return null
  const current = saved?.data ?? settings.state.data

  return (
    <View as="div" display="block">
      <BackNav to={routes.home}>All cohorts</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {TITLE}: {cohort.state.data.title}
      </Heading>
      <Text as="p" variant="descriptionPage">
        {current.framework ? `This cohort uses “${current.framework.title}”.` : 'This cohort does not use a framework yet. Choose one to rate its members on.'}
      </Text>
      {saved && (
        <Alert key={saved.n} variant="success" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {`Saved. The cohort uses “${saved.data.framework?.title ?? ''}”.`}
        </Alert>
      )}
      <CohortSettingsForm
        cohortId={cohortId}
        current={current}
        frameworks={frameworks.state.data.frameworks}
        liveRegion={liveRegion}
        onSaved={(data) => setSaved((s) => ({ n: (s?.n ?? 0) + 1, data }))}
      />
    </View>
  )
}

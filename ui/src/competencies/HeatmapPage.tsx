import { useCallback, useEffect, useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Heading, Text, View } from '@instructure/ui'
import { ApiError, apiGet } from '../api'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { paths, routes } from './competenciesApi'
import { HeatmapSummary, HeatmapTable } from './HeatmapTable'
import { BackNav, PageError, PageLoading } from './parts'
import type { Heatmap } from './types'

const TITLE = 'Competency heatmap'
type State = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; heatmap: Heatmap; more: 'idle' | 'busy' | ApiError }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'client_error', 'Something went wrong. Please try again.'))

/** The cohort heatmap for leads and admins: people × competencies by mastery level, with a key and a summary in words. */
export function HeatmapPage({ liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '' } = useParams()
  const cohort = useApiData<{ id: string; title: string }>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  const [state, setState] = useState<State>({ status: 'loading' })
  const landing = useLandingFocus()

  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', heatmap: await apiGet<Heatmap>(paths.heatmap(cohortId)), more: 'idle' })
    } catch (e) {
      setState({ status: 'error', error: asApiError(e) })
    }
  }, [cohortId])
  useEffect(() => void load(), [load])

  async function showMore() {
    if (state.status !== 'ready' || !state.heatmap.nextCursor || state.more === 'busy') return
    setState({ ...state, more: 'busy' })
    try {
      const next = await apiGet<Heatmap>(paths.heatmap(cohortId, state.heatmap.nextCursor))
      setState({ status: 'ready', heatmap: { ...next, people: [...state.heatmap.people, ...next.people] }, more: 'idle' })
    } catch (e) {
      setState({ ...state, more: asApiError(e) })
    }
  }

  if (cohort.state.status === 'loading' || state.status === 'loading') return <PageLoading title={TITLE} what="Loading the heatmap" />
  if (cohort.state.status === 'error') return <PageError error={cohort.state.error} liveRegion={liveRegion} onRetry={() => void cohort.reload()} />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void load()} />
  const { heatmap, more } = state
  const title = cohort.state.data.title

  return (
    <View as="div" display="block">
      <BackNav to={routes.home}>All cohorts</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {TITLE}: {title}
      </Heading>
      <Text as="p" variant="descriptionPage">
        Each person’s current level in each competency. Each cell shows the level’s short name; the key below explains them, and a summary in words follows the table.
      </Text>
      {heatmap.people.length === 0 ? (
        <Text as="p">There is nobody from your course in this cohort yet.</Text>
      ) : (
        <>
          <HeatmapTable heatmap={heatmap} cohortTitle={title} />
          {more instanceof ApiError && (
            <Alert variant="error" transition="none" hasShadow={false} liveRegion={liveRegion} margin="0 0 small">
              {more.message}
            </Alert>
          )}
          {heatmap.nextCursor && (
            <Button onClick={() => void showMore()} interaction={more === 'busy' ? 'disabled' : 'enabled'}>
              {more === 'busy' ? 'Loading more people…' : 'Show more people'}
            </Button>
          )}
          <View as="section" display="block" margin="medium 0" aria-labelledby="heatmap-summary-heading">
            <Heading level="h2" variant="titleSection" id="heatmap-summary-heading" margin="0 0 small">
              Summary in words ({heatmap.people.length} {heatmap.people.length === 1 ? 'person' : 'people'} shown)
            </Heading>
            <HeatmapSummary heatmap={heatmap} />
          </View>
        </>
      )}
    </View>
  )
}

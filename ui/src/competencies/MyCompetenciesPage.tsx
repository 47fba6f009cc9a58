import { useParams } from 'react-router'
import { Heading, Table, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { paths, routes } from './competenciesApi'
import { depthOf } from './tree'
import { BackNav, LevelBadge, PageError, PageLoading } from './parts'
import type { Profile } from './types'

const TITLE = 'My competencies'

/** The teacher's competency profile: each competency's current level, the next level, and a way to its details. */
export function MyCompetenciesPage({ liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '' } = useParams()
  const cohort = useApiData<{ id: string; title: string }>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  const profile = useApiData<Profile>(paths.profile(cohortId, 'me'))
  const landing = useLandingFocus()
  if (profile.state.status === 'loading' || cohort.state.status === 'loading') return <PageLoading title={TITLE} what="Loading your competencies" />
  if (cohort.state.status === 'error') return <PageError error={cohort.state.error} liveRegion={liveRegion} onRetry={() => void cohort.reload()} />
  if (profile.state.status === 'error') return <PageError error={profile.state.error} liveRegion={liveRegion} onRetry={() => void profile.reload()} />
  const { scale, competencies } = profile.state.data
  const depth = depthOf(competencies)
  const rated = competencies.filter((c) => c.ratable && c.mastery).length
  const ratable = competencies.filter((c) => c.ratable).length
  const proficient = competencies.filter((c) => c.ratable && c.mastery?.proficient).length

  return (
    <View as="div" display="block">
      <BackNav to={routes.home}>All cohorts</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {TITLE}: {cohort.state.data.title}
      </Heading>
      <Text as="p" variant="descriptionPage">
        Where you stand in each competency. Open one to see your ratings, your evidence and what the next level looks like, or to ask for a review.
      </Text>
      <Text as="p" data-testid="profile-summary">
        {`Rated in ${rated} of ${ratable} competencies; proficient in ${proficient}.`}
      </Text>
      <Table caption={`Your competencies in ${cohort.state.data.title}`} layout="auto" margin="medium 0">
        <Table.Head>
          <Table.Row>
            <Table.ColHeader id="mine-competency">Competency</Table.ColHeader>
            <Table.ColHeader id="mine-level">Current level</Table.ColHeader>
            <Table.ColHeader id="mine-next">Next level</Table.ColHeader>
            <Table.ColHeader id="mine-review">Review</Table.ColHeader>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {competencies.map((c) => (
            <Table.Row key={c.id}>
              <Table.RowHeader>
                <View as="div" display="block" padding={`0 0 0 ${['0', 'medium', 'large'][Math.min(depth.get(c.id) ?? 0, 2)]}`}>
                  {c.ratable ? (
                    <AppLink to={`${routes.mine(cohortId)}/${c.id}`}>{`${c.identifier} ${c.title}`}</AppLink>
                  ) : (
                    <Text weight="bold">{`${c.identifier} ${c.title}`}</Text>
                  )}
                  {!c.ratable && <Text as="div" size="small">Rolls up from the competencies under it</Text>}
                </View>
              </Table.RowHeader>
              <Table.Cell>
                <LevelBadge scale={scale} position={c.mastery?.levelPosition ?? null} />
              </Table.Cell>
              <Table.Cell>{c.nextLevel ? c.nextLevel.label : 'You are at the top level'}</Table.Cell>
              <Table.Cell>{c.pendingReview ? 'Review requested' : c.ratable ? 'None pending' : ''}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </View>
  )
}

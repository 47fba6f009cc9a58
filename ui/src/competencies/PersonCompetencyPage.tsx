import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Flex, Heading, Text, View } from '@instructure/ui'
import { ApiError } from '../api'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { nameOf, paths, routes } from './competenciesApi'
import { EvidenceList } from './EvidenceList'
import { levelWords } from './levels'
import { BackNav, LevelBadge, PageError, PageLoading } from './parts'
import { RatingForm, type RatingResult } from './RatingForm'
import { RatingHistory } from './RatingHistory'
import type { CohortCompetencies, Profile } from './types'

const TITLE = 'Evidence and rating'

/** One person's competency for a lead: current level, evidence timeline, rating history and the rating form. */
export function PersonCompetencyPage({ me, liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '', userId = '', competencyId = '' } = useParams()
  const profile = useApiData<Profile>(paths.profile(cohortId, userId, competencyId))
  const cohort = useApiData<CohortCompetencies>(paths.cohortCompetencies(cohortId))
  const landing = useLandingFocus()
  const [saved, setSaved] = useState<{ n: number; text: string } | null>(null)

  if (profile.state.status === 'loading' || cohort.state.status === 'loading') return <PageLoading title={TITLE} what="Loading the evidence" />
  if (profile.state.status === 'error') return <PageError error={profile.state.error} liveRegion={liveRegion} onRetry={() => void profile.reload()} />
  if (cohort.state.status === 'error') return <PageError error={cohort.state.error} liveRegion={liveRegion} onRetry={() => void cohort.reload()} />
  const { person, scale, competencies, reviewRequests } = profile.state.data
  const c = competencies[0]
  if (!c) return <PageError error={new ApiError(404, 'not_found', 'This competency is not in the cohort.')} liveRegion={liveRegion} />
  const node = cohort.state.data.competencies?.find((x) => x.id === c.id)
  const name = nameOf(person)
  const competencyName = `${c.identifier} ${c.title}`
  const pending = reviewRequests.find((r) => r.status === 'pending')

  const onRated = async (r: RatingResult) => {
    // The page shows the new level and history together with the confirmation.
    await profile.reload()
    const now = r.mastery?.level ? ` ${name}’s level is now ${r.mastery.level}.` : ''
    const cert = r.certificateIssued ? ` ${name} has earned the cohort’s certificate.` : ''
    setSaved((s) => ({ n: (s?.n ?? 0) + 1, text: `Rating saved: ${r.rating.level} for ${competencyName}.${now}${cert}` }))
  }

  return (
    <View as="div" display="block">
      <BackNav to={routes.queue(cohortId)}>Back to the grading queue</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {name}: {competencyName}
      </Heading>
      {person.school && <Text as="p">{person.school}</Text>}
      {saved && (
        <Alert key={saved.n} variant="success" liveRegion={liveRegion} liveRegionPoliteness="polite" transition="none" hasShadow={false} margin="0 0 small">
          {saved.text}
        </Alert>
      )}
      <Flex gap="small" alignItems="center" wrap="wrap" margin="small 0">
        <Text weight="bold">Current level:</Text>
        <span data-testid="current-level">
          <LevelBadge scale={scale} position={c.mastery?.levelPosition ?? null} />
        </span>
        {c.mastery && <Text>{c.mastery.proficient ? 'Proficient or above' : 'Not yet proficient'}, {c.mastery.points} points</Text>}
      </Flex>
      {c.nextLevel && (
        <Text as="p">
          Next level: <Text weight="bold">{levelWords(c.nextLevel)}</Text>
          {c.nextLevel.description ? `. ${c.nextLevel.description}` : ''}
        </Text>
      )}
      {pending && (
        <Alert variant="info" transition="none" hasShadow={false} margin="small 0">
          {name} asked for a review{pending.note ? `: “${pending.note}”` : '.'}
        </Alert>
      )}
      {!c.ratable && <Text as="p">This competency is not rated directly: its level rolls up from the competencies under it.</Text>}
      {c.ratable && person.userId === me.user.id && (
        <Text as="p">This is your own competency: another lead teacher or an administrator rates it.</Text>
      )}
      <View as="section" display="block" margin="medium 0" aria-labelledby="person-evidence-heading">
        <Heading level="h2" variant="titleSection" id="person-evidence-heading" margin="0 0 small">
          Evidence, newest first
        </Heading>
        <EvidenceList evidence={c.evidence} empty={`No evidence for ${c.identifier} yet.`} />
      </View>
      {c.ratable && person.userId !== me.user.id && (
        <RatingForm
          key={c.ratings.length}
          cohortId={cohortId}
          userId={person.userId}
          competencyId={c.id}
          competencyName={competencyName}
          scale={scale}
          levelDescriptions={node?.levelDescriptions ?? {}}
          evidence={c.evidence}
          liveRegion={liveRegion}
          onRated={onRated}
        />
      )}
      <View as="section" display="block" margin="medium 0" aria-labelledby="person-ratings-heading">
        <Heading level="h2" variant="titleSection" id="person-ratings-heading" margin="0 0 small">
          Rating history
        </Heading>
        <RatingHistory ratings={c.ratings} scale={scale} caption={`Ratings of ${name} for ${c.identifier}, newest first`} />
      </View>
    </View>
  )
}

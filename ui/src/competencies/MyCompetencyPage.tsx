import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Flex, Heading, Text, View } from '@instructure/ui'
import { ApiError } from '../api'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { paths, routes } from './competenciesApi'
import { EvidenceList } from './EvidenceList'
import { levelWords } from './levels'
import { BackNav, LevelBadge, PageError, PageLoading } from './parts'
import { RatingHistory } from './RatingHistory'
import { RequestReviewForm } from './RequestReviewForm'
import type { Profile } from './types'

const TITLE = 'My competency'

/** One of the teacher's own competencies: level, what the next level looks like, ratings, evidence, "request a review". */
export function MyCompetencyPage({ liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '', competencyId = '' } = useParams()
  const { state, reload } = useApiData<Profile>(paths.profile(cohortId, 'me', competencyId))
  const landing = useLandingFocus()
  const [done, setDone] = useState<{ n: number; text: string } | null>(null)
  if (state.status === 'loading') return <PageLoading title={TITLE} what="Loading your competency" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />
  const { scale, competencies } = state.data
  const c = competencies[0]
  if (!c) return <PageError error={new ApiError(404, 'not_found', 'This competency is not in the cohort.')} liveRegion={liveRegion} />
  const name = `${c.identifier} ${c.title}`

  return (
    <View as="div" display="block">
      <BackNav to={routes.mine(cohortId)}>Back to my competencies</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {name}
      </Heading>
      {done && (
        <Alert key={done.n} variant="success" liveRegion={liveRegion} liveRegionPoliteness="polite" transition="none" hasShadow={false} margin="0 0 small">
          {done.text}
        </Alert>
      )}
      <Flex gap="small" alignItems="center" wrap="wrap" margin="small 0">
        <Text weight="bold">Your current level:</Text>
        <LevelBadge scale={scale} position={c.mastery?.levelPosition ?? null} />
        {c.mastery && <Text>{c.mastery.proficient ? 'Proficient or above.' : 'Not yet proficient.'}</Text>}
      </Flex>
      <View as="section" display="block" margin="medium 0" aria-labelledby="next-level-heading">
        <Heading level="h2" variant="titleSection" id="next-level-heading" margin="0 0 x-small">
          What the next level looks like
        </Heading>
        {c.nextLevel ? (
          <>
            <Text as="p" weight="bold">
              {levelWords(c.nextLevel)}
            </Text>
            <Text as="p">{c.nextLevel.description || 'The framework does not describe this level yet.'}</Text>
          </>
        ) : (
          <Text as="p">You have reached the top level of the scale.</Text>
        )}
      </View>
      {c.pendingReview && (
        <Alert variant="info" transition="none" hasShadow={false} margin="small 0">
          You asked for a review. A lead teacher will rate this competency from your evidence.
        </Alert>
      )}
      {c.ratable && (
        <RequestReviewForm
          cohortId={cohortId}
          competencyId={c.id}
          competencyName={name}
          pending={c.pendingReview}
          liveRegion={liveRegion}
          onDone={(text) => {
            setDone((d) => ({ n: (d?.n ?? 0) + 1, text }))
            void reload()
          }}
        />
      )}
      <View as="section" display="block" margin="medium 0" aria-labelledby="my-ratings-heading">
        <Heading level="h2" variant="titleSection" id="my-ratings-heading" margin="0 0 small">
          Your ratings
        </Heading>
        <RatingHistory ratings={c.ratings} scale={scale} caption={`Your ratings for ${c.identifier}, newest first`} />
      </View>
      <View as="section" display="block" margin="medium 0" aria-labelledby="my-evidence-heading">
        <Heading level="h2" variant="titleSection" id="my-evidence-heading" margin="0 0 small">
          Your evidence, newest first
        </Heading>
        <EvidenceList evidence={c.evidence} viewer="self" empty="No evidence yet. Work linked to this competency, and evidence you add, will appear here." />
      </View>
    </View>
  )
}

import { Flex, Heading, List, Table, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { paths, routes } from './competenciesApi'
import { MyCertificates } from './MyCertificates'
import { PageError, PageLoading } from './parts'
import type { CohortItem } from './types'

const TITLE = 'Competencies'

/** The competencies home (what a course link opens): one's own profile per cohort; for leaders the queue, heatmap and frameworks. */
export function CompetenciesHome({ me, liveRegion }: CompetenciesAreaProps) {
  const { state, reload } = useApiData<{ cohorts: CohortItem[] }>(paths.cohorts)
  const landing = useLandingFocus()
  if (state.status === 'loading') return <PageLoading title={TITLE} what="Loading your cohorts" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />
  const cohorts = state.data.cohorts.filter((c) => c.status !== 'archived')
  const leads = me.role !== 'participant'

  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {TITLE}
      </Heading>
      <Text as="p" variant="descriptionPage">
        {leads
          ? 'Rate colleagues’ competencies from their evidence, and see where each cohort stands.'
          : 'See where you stand in each competency, what the next level looks like, and ask a lead teacher to review your evidence.'}
      </Text>
      {cohorts.length === 0 && <Text as="p">There are no cohorts in this course yet.</Text>}
      {cohorts.length > 0 && !leads && (
        <List margin="medium 0" itemSpacing="small">
          {cohorts.map((c) => (
            <List.Item key={c.id}>
              <AppLink to={routes.mine(c.id)}>My competencies in {c.title}</AppLink>
            </List.Item>
          ))}
        </List>
      )}
      {cohorts.length > 0 && leads && (
        <Table caption="Cohorts of this course" layout="auto" margin="medium 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="cmp-home-cohort">Cohort</Table.ColHeader>
              <Table.ColHeader id="cmp-home-work">Competency work</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {cohorts.map((c) => (
              <Table.Row key={c.id}>
                <Table.RowHeader>{c.title}</Table.RowHeader>
                <Table.Cell>
                  <Flex gap="small" wrap="wrap">
                    <AppLink to={routes.queue(c.id)}>Grading queue for {c.title}</AppLink>
                    <AppLink to={routes.heatmap(c.id)}>Heatmap for {c.title}</AppLink>
                    <AppLink to={routes.holders(c.id)}>Certificates for {c.title}</AppLink>
                    {me.role === 'admin' && <AppLink to={routes.settings(c.id)}>Competency settings for {c.title}</AppLink>}
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <MyCertificates hideWhenEmpty={leads} />
      {leads && (
        <View as="section" display="block" margin="large 0 0" aria-labelledby="cmp-home-frameworks">
          <Heading level="h2" variant="titleSection" id="cmp-home-frameworks" margin="0 0 x-small">
            Frameworks
          </Heading>
          <Text as="p">
            {me.role === 'admin'
              ? 'The competencies and levels cohorts are rated on: build, import, export and adapt them.'
              : 'The competencies and levels cohorts are rated on.'}
          </Text>
          <AppLink to={routes.frameworks}>Competency frameworks</AppLink>
        </View>
      )}
    </View>
  )
}

import { useEffect, useMemo, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Heading, Spinner, Table, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { nameOf, paths, routes } from './competenciesApi'
import { BackNav, NoFramework, PageError, PageLoading } from './parts'
import { QueueFilterForm } from './QueueFilterForm'
import type { CohortCompetencies } from './types'
import { useQueue, type QueueFilters } from './useQueue'

const TITLE = 'Grading queue'

/** The lead's grading queue: review requests and new evidence, oldest first, filtered by competency and school. */
export function GradingQueuePage({ liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '' } = useParams()
  const cohort = useApiData<{ id: string; title: string }>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  const competencies = useApiData<CohortCompetencies>(paths.cohortCompetencies(cohortId))
  const members = useApiData<{ members: { school: string | null }[] }>(paths.members(cohortId))
  const [filters, setFilters] = useState<QueueFilters>({ competencyId: '', school: '' })
  const { state, reload, showMore } = useQueue(cohortId, filters)
  const landing = useLandingFocus()
  const [shown, setShown] = useState<string | null>(null)
  const firstNew = useRef<number | null>(null)
  const tableRef = useRef<HTMLDivElement | null>(null)

  // Keyboard users continue from the first new item instead of the top of the table: focus it once
  // the new rows are in the DOM (an effect after that render, not a guess about when React renders).
  const itemCount = state.status === 'ready' ? state.items.length : 0
  useEffect(() => {
    const index = firstNew.current
    if (index === null || itemCount <= index) return
    firstNew.current = null
    tableRef.current?.querySelectorAll<HTMLElement>('tbody a')[index]?.focus()
  }, [itemCount])

  const schools = useMemo(() => {
    if (members.state.status !== 'ready') return []
    return [...new Set(members.state.data.members.map((m) => m.school).filter((s): s is string => !!s))].sort()
  }, [members.state])

  if (cohort.state.status === 'loading' || competencies.state.status === 'loading') return <PageLoading title={TITLE} what="Loading the grading queue" />
  if (cohort.state.status === 'error') return <PageError error={cohort.state.error} liveRegion={liveRegion} onRetry={() => void cohort.reload()} />
  if (competencies.state.status === 'error') return <PageError error={competencies.state.error} liveRegion={liveRegion} onRetry={() => void competencies.reload()} />
  if (!competencies.state.data.framework) return <NoFramework liveRegion={liveRegion} />
  const ratable = (competencies.state.data.competencies ?? []).filter((c) => c.ratable)

  const more = async () => {
    if (state.status !== 'ready') return
    firstNew.current = state.items.length
    const added = await showMore()
    if (!added) firstNew.current = null
    setShown(added ? `${added} more ${added === 1 ? 'item' : 'items'} shown.` : null)
  }

  return (
    <View as="div" display="block">
      <BackNav to={routes.home}>All cohorts</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {TITLE}: {cohort.state.data.title}
      </Heading>
      <Text as="p" variant="descriptionPage">
        Review requests and new evidence from your colleagues, oldest first. Open one to see the person’s evidence and rate their level.
      </Text>
      <QueueFilterForm filters={filters} onChange={setFilters} competencies={ratable} schools={schools} />
      {state.status === 'loading' && <Spinner renderTitle="Loading the queue" size="small" margin="small" />}
      {state.status === 'error' && <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <Alert variant="info" transition="none" hasShadow={false} liveRegion={liveRegion} liveRegionPoliteness="polite">
          Nothing is waiting for a rating{filters.competencyId || filters.school ? ' with these filters' : ''}. New evidence and review requests will appear here.
        </Alert>
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <div ref={tableRef}>
          <Table caption={`Waiting for a rating, oldest first (${state.items.length}${state.nextCursor ? ' shown, more to come' : ''})`} layout="auto" margin="0 0 medium">
            <Table.Head>
              <Table.Row>
                <Table.ColHeader id="queue-person">Person</Table.ColHeader>
                <Table.ColHeader id="queue-competency">Competency</Table.ColHeader>
                <Table.ColHeader id="queue-what">What</Table.ColHeader>
                <Table.ColHeader id="queue-since">Waiting since</Table.ColHeader>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {state.items.map((item) => (
                <Table.Row key={`${item.kind}-${item.id}`}>
                  <Table.RowHeader>
                    <AppLink to={routes.person(cohortId, item.person.userId, item.competency.id)}>
                      {`Review ${nameOf(item.person)}, ${item.competency.identifier}`}
                    </AppLink>
                    {item.person.school && <Text as="div" size="small">{item.person.school}</Text>}
                  </Table.RowHeader>
                  <Table.Cell>{`${item.competency.identifier} ${item.competency.title}`}</Table.Cell>
                  <Table.Cell>
                    <Text weight="bold">{item.kind === 'review_request' ? 'Review requested' : 'New evidence'}</Text>
                    {item.title && <Text as="div">{item.title}</Text>}
                  </Table.Cell>
                  <Table.Cell>{formatDate(item.at)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {state.moreError && (
            <Alert variant="error" transition="none" hasShadow={false} liveRegion={liveRegion} margin="0 0 small">
              {state.moreError.message}
            </Alert>
          )}
          {state.nextCursor && (
            <Button onClick={() => void more()} interaction={state.loadingMore ? 'disabled' : 'enabled'}>
              {state.loadingMore ? 'Loading more…' : 'Show more'}
            </Button>
          )}
          {shown && (
            <Alert key={shown + state.items.length} variant="info" screenReaderOnly liveRegion={liveRegion} liveRegionPoliteness="polite">
              {shown}
            </Alert>
          )}
        </div>
      )}
      <Text as="p" size="small">
        <AppLink to={routes.heatmap(cohortId)}>Heatmap for this cohort</AppLink>
      </Text>
    </View>
  )
}

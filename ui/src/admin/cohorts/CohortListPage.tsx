import { useState } from 'react'
import { useHref } from 'react-router'
import { Button, Checkbox, Flex, Heading, Link, Pill, Table, Text, View } from '@instructure/ui'
import { apiGet } from '../../api'
import type { AdminAreaProps } from '../AdminArea'
import { useFocusReturn, usePageHeadingFocus } from './focus'
import { formatDates, formatPacing } from './format'
import { JoinCohortForm } from './JoinCohortForm'
import { NewCohortForm } from './NewCohortForm'
import { PageError, PageLoading } from './PageStates'
import type { CohortSummary, CohortTemplate } from './types'
import { useLoad } from './useLoad'

const TITLE = 'Cohorts'

/** The admin's home: the course's cohorts (archived ones on request) and "New cohort" from a template or from scratch. */
export function CohortListPage({ me, liveRegion }: AdminAreaProps) {
  const headingRef = usePageHeadingFocus()
  const [showArchived, setShowArchived] = useState(false)
  const [creating, setCreating] = useState(false)
  const status = showArchived ? 'all' : 'active'
  const openerRef = useFocusReturn(creating)
  // Templates are for admins and leads only: a participant's 403 here is the refusal this page shows them.
  const { state, reload } = useLoad(
    async (signal) => {
      const [cohorts, templates] = await Promise.all([
        apiGet<{ cohorts: CohortSummary[] }>(`/api/cohorts?status=${status}`, signal),
        apiGet<{ templates: CohortTemplate[] }>('/api/cohort-templates', signal)
      ])
      return { cohorts: cohorts.cohorts, templates: templates.templates }
    },
    status
  )

  if (state.status === 'loading') return <PageLoading title={TITLE} what="Loading your cohorts" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={reload} />
  const { cohorts, templates } = state.data
  const canCreate = me.role === 'admin'

  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" tabIndex={-1} elementRef={headingRef}>
        {TITLE}
      </Heading>
      <Text as="p" variant="descriptionPage">
        A cohort is a group of staff who work through the same modules, each at their own pace.
      </Text>
      <View as="nav" display="block" margin="small 0" aria-label="Other tools">
        <Flex wrap="wrap" gap="medium">
          <Link href="#/competencies">Competencies and frameworks</Link>
          <Link href="#/auditions">Auditions</Link>
          <Link href="#/reports">Reports</Link>
          <Link href="#/admin/enrol">Enrol staff</Link>
        </Flex>
      </View>
      <Flex wrap="wrap" gap="small" alignItems="center" margin="medium 0">
        {canCreate && !creating && (
          <Flex.Item>
            <Button color="primary" onClick={() => setCreating(true)} elementRef={openerRef}>
              New cohort
            </Button>
          </Flex.Item>
        )}
        <Flex.Item>
          <Checkbox
            variant="toggle"
            label="Show archived cohorts"
            checked={showArchived}
            onChange={() => setShowArchived((v) => !v)}
          />
        </Flex.Item>
      </Flex>
      {creating && <NewCohortForm templates={templates} liveRegion={liveRegion} onCancel={() => setCreating(false)} />}
      <CohortTable cohorts={cohorts} showArchived={showArchived} />
      {canCreate && <JoinCohortForm liveRegion={liveRegion} />}
    </View>
  )
}

/** Props for {@link CohortTable}. */
interface CohortTableProps {
  cohorts: CohortSummary[]
  showArchived: boolean
}

function CohortTable({ cohorts, showArchived }: CohortTableProps) {
  if (cohorts.length === 0) {
    return (
      <Text as="p">
        {showArchived ? 'This course has no cohorts yet.' : 'This course has no running cohorts.'} Start one with
        “New cohort”: a template gives you ready-made modules.
      </Text>
    )
  }
  return (
    <Table caption={showArchived ? 'Cohorts of this course, including archived ones' : 'Running cohorts of this course'} layout="auto">
      <Table.Head>
        <Table.Row>
          <Table.ColHeader id="cohort">Cohort</Table.ColHeader>
          <Table.ColHeader id="dates">Dates</Table.ColHeader>
          <Table.ColHeader id="pacing">Pacing</Table.ColHeader>
          <Table.ColHeader id="modules">Modules</Table.ColHeader>
          <Table.ColHeader id="members">People</Table.ColHeader>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {cohorts.map((c) => (
          <CohortRow key={c.id} cohort={c} />
        ))}
      </Table.Body>
    </Table>
  )
}

function CohortRow({ cohort: c }: { cohort: CohortSummary }) {
  const href = useHref(`/admin/cohorts/${c.id}`)
  const drafts = c.counts.unpublishedModules ?? 0
  return (
    <Table.Row>
      <Table.RowHeader>
        <Link href={href}>{c.title}</Link>
        {c.status === 'archived' && (
          <View as="span" margin="0 0 0 x-small">
            <Pill>Archived</Pill>
          </View>
        )}
        {c.isNetwork && (
          <View as="span" margin="0 0 0 x-small">
            <Pill color="info">Shared with {c.counts.contexts - 1} other {c.counts.contexts === 2 ? 'course' : 'courses'}</Pill>
          </View>
        )}
      </Table.RowHeader>
      <Table.Cell>{formatDates(c)}</Table.Cell>
      <Table.Cell>{formatPacing(c)}</Table.Cell>
      <Table.Cell>
        {c.counts.modules} published{drafts ? `, ${drafts} not published yet` : ''}
      </Table.Cell>
      <Table.Cell>{c.counts.members}</Table.Cell>
    </Table.Row>
  )
}

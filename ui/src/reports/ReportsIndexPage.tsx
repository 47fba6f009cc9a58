import { Heading, Table, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { Loading } from './CohortReportsPage'
import { usePageHeadingFocus } from './focus'
import { ReportError } from './ReportError'
import type { ReportsAreaProps } from './ReportsArea'
import { plural } from './reportsApi'

/** A cohort as `GET /api/cohorts` lists it (the fields this page uses). */
interface CohortItem {
  id: string
  title: string
  status: string
  isNetwork: boolean
  counts: { members: number; modules: number }
}

const TITLE = 'Reports'

/** The reports home: the course's cohorts to open reports for, and (for admins) the audit log. */
export function ReportsIndexPage({ me, liveRegion }: ReportsAreaProps) {
  const { state, reload } = useApiData<{ cohorts: CohortItem[] }>('/api/cohorts?status=all')
  const headingRef = usePageHeadingFocus()
  if (state.status === 'loading') return <Loading heading={TITLE} what="Loading your cohorts" />
  if (state.status === 'error') return <ReportError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />
  const cohorts = state.data.cohorts

  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" tabIndex={-1} elementRef={headingRef}>
        {TITLE}
      </Heading>
      <Text as="p" variant="descriptionPage">
        Participation, PD hours, feedback health, competency growth and a printable impact summary for each cohort of this course. Choose a cohort.
      </Text>
      {cohorts.length === 0 ? (
        <Text as="p">This course has no cohorts yet, so there is nothing to report.</Text>
      ) : (
        <Table caption="Cohorts of this course" layout="auto" margin="medium 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="reports-cohort">Cohort</Table.ColHeader>
              <Table.ColHeader id="reports-status">Status</Table.ColHeader>
              <Table.ColHeader id="reports-members">Members</Table.ColHeader>
              <Table.ColHeader id="reports-modules">Modules</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {cohorts.map((c) => (
              <Table.Row key={c.id}>
                <Table.RowHeader>
                  <AppLink to={`/reports/cohorts/${c.id}`}>Reports for {c.title}</AppLink>
                  {c.isNetwork && <Text as="div" size="small">Network cohort: numbers cover your course’s staff</Text>}
                </Table.RowHeader>
                <Table.Cell>{c.status === 'archived' ? 'Archived' : 'Active'}</Table.Cell>
                <Table.Cell>{plural(c.counts.members, 'person', 'people')}</Table.Cell>
                <Table.Cell>{c.counts.modules}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {me.role === 'admin' && (
        <View as="section" display="block" margin="large 0 0">
          <Heading level="h2" variant="titleSection" margin="0 0 x-small">
            All cohorts
          </Heading>
          <Text as="p">Participation, completion and PD hours of every cohort in this LMS connection.</Text>
          <AppLink to="/reports/overview">Open the overview of all cohorts</AppLink>
        </View>
      )}
      {me.role === 'admin' && (
        <View as="section" display="block" margin="large 0 0">
          <Heading level="h2" variant="titleSection" margin="0 0 x-small">
            Audit log
          </Heading>
          <Text as="p">Sensitive actions in this course’s LMS connection: registrations, role changes, data exports and erasures.</Text>
          <AppLink to="/reports/audit">Open the audit log</AppLink>
        </View>
      )}
    </View>
  )
}

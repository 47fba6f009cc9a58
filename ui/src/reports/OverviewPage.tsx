import { useState } from 'react'
import { Heading, Spinner, Table, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { formatDate, formatHours } from '../learning/format'
import { useApiData } from '../learning/useApiData'
import { DateRangeForm } from './DateRangeForm'
import { DownloadCsvButton } from './DownloadCsvButton'
import { usePageHeadingFocus } from './focus'
import { ReportChart } from './ReportChart'
import { ReportError } from './ReportError'
import type { ReportsAreaProps } from './ReportsArea'
import { plural, rangeQuery, type DateRange, type OverviewReport } from './reportsApi'

/** The chart's text alternative: totals and the cohort with the most completions. */
function overviewSummary(r: OverviewReport): string {
  if (r.cohorts.length === 0) return 'There are no cohorts in this LMS connection yet.'
  const t = r.totals
  const best = r.cohorts.reduce((a, c) => (c.completedAll > a.completedAll ? c : a))
  const parts = [`${plural(r.cohorts.length, 'cohort', 'cohorts')}: ${plural(t.participants, 'participant', 'participants')}, ${t.started} started, ${t.completedAll} completed every module.`]
  if (best.completedAll > 0) parts.push(`${best.title} has the most people who completed every module (${best.completedAll}).`)
  return parts.join(' ')
}

/** Every cohort of the LMS connection (tenant), for LMS administrators: participation, completion and PD hours. */
export function OverviewPage({ liveRegion }: ReportsAreaProps) {
  const [range, setRange] = useState<DateRange>({ from: '', to: '' })
  const { state, reload } = useApiData<OverviewReport>(`/api/reports/overview${rangeQuery(range)}`)
  const headingRef = usePageHeadingFocus()
  return (
    <View as="div" display="block" className="staffroom-reports">
      <View as="nav" display="block" margin="0 0 small" aria-label="Reports" className="report-no-print">
        <AppLink to="/reports">All cohort reports</AppLink>
      </View>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" tabIndex={-1} elementRef={headingRef}>
        Overview of all cohorts
      </Heading>
      <Text as="p" variant="descriptionPage">
        Participation, completion and PD hours in every cohort of this LMS connection. Counts only: nobody is named.
      </Text>
      <DateRangeForm range={range} onApply={setRange} />
      {state.status === 'loading' ? (
        <Spinner renderTitle="Loading the overview" size="medium" margin="medium" />
      ) : state.status === 'error' ? (
        <ReportError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} inline />
      ) : (
        <OverviewBody report={state.data} range={range} liveRegion={liveRegion} />
      )}
    </View>
  )
}

function OverviewBody({ report, range, liveRegion }: { report: OverviewReport; range: DateRange; liveRegion: () => HTMLElement | null }) {
  const t = report.totals
  return (
    <View as="div" display="block" margin="medium 0 0">
      <Heading level="h2" variant="titleSection" margin="0 0 small">
        {formatDate(report.range.from)} to {formatDate(report.range.to)}
      </Heading>
      <DownloadCsvButton path={`/api/reports/overview${rangeQuery(range, 'csv')}`} label="Download the overview (CSV)" fileName={`overview-${report.range.from}-${report.range.to}.csv`} liveRegion={liveRegion} />
      <View as="div" display="block" margin="medium 0" padding="small" borderWidth="small" borderRadius="medium">
        <Text as="p" size="large" weight="bold">
          PD hours in total: {formatHours(t.pdMinutes)}
        </Text>
        <Text as="p">{plural(t.moduleCompletions, 'module completion', 'module completions')} in this date range.</Text>
      </View>
      {report.cohorts.length > 0 && (
        <ReportChart
          title="Participants and completion by cohort"
          summary={overviewSummary(report)}
          categoryHeader="Cohort"
          labels={report.cohorts.map((c) => c.title)}
          series={[
            { label: 'Participants', values: report.cohorts.map((c) => c.participants) },
            { label: 'Completed every module', values: report.cohorts.map((c) => c.completedAll) }
          ]}
        />
      )}
      {report.cohorts.length === 0 ? (
        <Text as="p">{overviewSummary(report)}</Text>
      ) : (
        <Table caption="Cohorts of this LMS connection" layout="auto">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="ov-cohort">Cohort</Table.ColHeader>
              <Table.ColHeader id="ov-participants">Participants</Table.ColHeader>
              <Table.ColHeader id="ov-started">Started</Table.ColHeader>
              <Table.ColHeader id="ov-completed">Completed every module</Table.ColHeader>
              <Table.ColHeader id="ov-completions">Module completions</Table.ColHeader>
              <Table.ColHeader id="ov-hours">PD hours</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.cohorts.map((c) => (
              <Table.Row key={c.cohortId}>
                <Table.RowHeader>
                  {c.title}
                  {c.status === 'archived' && <Text as="div" size="small">Archived</Text>}
                </Table.RowHeader>
                <Table.Cell>{c.participants}</Table.Cell>
                <Table.Cell>{c.started}</Table.Cell>
                <Table.Cell>{c.modules === 0 ? 'No modules' : c.completedAll}</Table.Cell>
                <Table.Cell>{c.moduleCompletions}</Table.Cell>
                <Table.Cell>{formatHours(c.pdMinutes)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

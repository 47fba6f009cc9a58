import { useState, type ReactNode } from 'react'
import { useParams } from 'react-router'
import { Flex, Heading, Spinner, Tabs, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { useApiData } from '../learning/useApiData'
import { DateRangeForm } from './DateRangeForm'
import { FeedbackPanel } from './FeedbackPanel'
import { usePageHeadingFocus } from './focus'
import { GrowthPanel } from './GrowthPanel'
import { ParticipationPanel } from './ParticipationPanel'
import { PdHoursPanel } from './PdHoursPanel'
import { ReportError } from './ReportError'
import type { ReportsAreaProps } from './ReportsArea'
import { reportPath, type DateRange, type FeedbackReport, type GrowthReport, type HoursReport, type ParticipationReport, type ReportKind } from './reportsApi'

const TABS: { kind: ReportKind; title: string }[] = [
  { kind: 'participation', title: 'Participation' },
  { kind: 'pd-hours', title: 'PD hours' },
  { kind: 'feedback', title: 'Feedback health' },
  { kind: 'competency-growth', title: 'Competency growth' }
]
const TITLE_OF = Object.fromEntries(TABS.map((t) => [t.kind, t.title])) as Record<ReportKind, string>

/** A cohort's reports: a date range, then one tab per report, each downloadable as CSV; and the printable impact summary. */
export function CohortReportsPage({ liveRegion }: ReportsAreaProps) {
  const { cohortId = '' } = useParams()
  const cohort = useApiData<{ id: string; title: string }>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  const [range, setRange] = useState<DateRange>({ from: '', to: '' })
  const [tab, setTab] = useState(0)
  const headingRef = usePageHeadingFocus()

  if (cohort.state.status === 'loading') return <Loading what="Loading the cohort" heading="Cohort reports" />
  if (cohort.state.status === 'error') return <ReportError error={cohort.state.error} liveRegion={liveRegion} onRetry={() => void cohort.reload()} />
  const title = cohort.state.data.title

  return (
    <View as="div" display="block" className="staffroom-reports">
      <View as="nav" display="block" margin="0 0 small" aria-label="Reports" className="report-no-print">
        <AppLink to="/reports">All cohort reports</AppLink>
      </View>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" tabIndex={-1} elementRef={headingRef}>
        Reports: {title}
      </Heading>
      <Text as="p" variant="descriptionPage">
        Numbers for the staff of your course. Pick the days to include; each report can be downloaded as a spreadsheet (CSV) or printed.
      </Text>
      <View as="p" display="block" margin="0 0 small" className="report-no-print">
        <AppLink to={`/reports/cohorts/${encodeURIComponent(cohortId)}/impact`}>Open the printable impact summary</AppLink>
      </View>
      <DateRangeForm range={range} onApply={setRange} />
      <Tabs margin="medium 0 0" onRequestTabChange={(_e, { index }) => setTab(index)}>
        {TABS.map((t, i) => (
          <Tabs.Panel key={t.kind} id={`report-${t.kind}`} renderTitle={t.title} isSelected={tab === i} padding="small 0">
            {tab === i && <ReportPanel kind={t.kind} cohortId={cohortId} range={range} liveRegion={liveRegion} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </View>
  )
}

/** Props for {@link ReportPanel}. */
interface ReportPanelProps {
  kind: ReportKind
  cohortId: string
  range: DateRange
  liveRegion: () => HTMLElement | null
}

function ReportPanel({ kind, cohortId, range, liveRegion }: ReportPanelProps) {
  const { state, reload } = useApiData<ParticipationReport | HoursReport | FeedbackReport | GrowthReport>(reportPath(cohortId, kind, range))
  const csvPath = reportPath(cohortId, kind, range, 'csv')
  if (state.status === 'loading') return <Spinner renderTitle={`Loading the ${TITLE_OF[kind]} report`} size="small" margin="medium" />
  if (state.status === 'error') return <ReportError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} inline />
  const report = state.data
  return (
    <>
      <Heading level="h2" variant="titleSection" margin="small 0">
        {TITLE_OF[kind]}, {formatDate(report.range.from)} to {formatDate(report.range.to)}
      </Heading>
      {kind === 'pd-hours' ? (
        <PdHoursPanel report={report as HoursReport} csvPath={csvPath} liveRegion={liveRegion} />
      ) : kind === 'feedback' ? (
        <FeedbackPanel report={report as FeedbackReport} csvPath={csvPath} liveRegion={liveRegion} />
      ) : kind === 'competency-growth' ? (
        <GrowthPanel report={report as GrowthReport} csvPath={csvPath} liveRegion={liveRegion} />
      ) : (
        <ParticipationPanel report={report as ParticipationReport} csvPath={csvPath} liveRegion={liveRegion} />
      )}
    </>
  )
}

/** A page heading and a spinner while something loads. */
export function Loading({ heading, what }: { heading: ReactNode; what: string }) {
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 medium">
        {heading}
      </Heading>
      <Flex justifyItems="center" padding="large 0">
        <Spinner renderTitle={what} size="medium" />
      </Flex>
    </View>
  )
}

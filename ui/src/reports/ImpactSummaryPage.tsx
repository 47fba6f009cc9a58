import { useState, type ReactNode } from 'react'
import { useParams } from 'react-router'
import { Button, Flex, Heading, List, Spinner, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { formatDate, formatHours } from '../learning/format'
import { useApiData } from '../learning/useApiData'
import { DateRangeForm } from './DateRangeForm'
import { DownloadCsvButton } from './DownloadCsvButton'
import { FeedbackHealthView } from './FeedbackPanel'
import { usePageHeadingFocus } from './focus'
import { GrowthView } from './GrowthPanel'
import { timeSummary } from './PdHoursPanel'
import { ReportChart } from './ReportChart'
import { ReportError } from './ReportError'
import type { ReportsAreaProps } from './ReportsArea'
import { plural, reportPath, type DateRange, type ImpactReport, type SurveyResults } from './reportsApi'
import { moduleSummary } from './summaries'

/** The printable PL impact summary of a cohort: goals, participation, hours, feedback, growth and the survey. */
export function ImpactSummaryPage({ liveRegion }: ReportsAreaProps) {
  const { cohortId = '' } = useParams()
  const [range, setRange] = useState<DateRange>({ from: '', to: '' })
  const { state, reload } = useApiData<ImpactReport>(reportPath(cohortId, 'impact', range))
  const headingRef = usePageHeadingFocus()
  const ready = state.status === 'ready' ? state.data : null

  return (
    <View as="div" display="block" className="staffroom-reports staffroom-impact">
      <View as="nav" display="block" margin="0 0 small" aria-label="Reports" className="report-no-print">
        <AppLink to={`/reports/cohorts/${encodeURIComponent(cohortId)}`}>All reports for this cohort</AppLink>
      </View>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 x-small" tabIndex={-1} elementRef={headingRef}>
        PL impact summary{ready ? `: ${ready.cohort.title}` : ''}
      </Heading>
      {ready && (
        <Text as="p" variant="descriptionPage">
          {formatDate(ready.range.from)} to {formatDate(ready.range.to)}. Numbers for the staff of your course.
        </Text>
      )}
      <View as="div" display="block" className="report-no-print" margin="small 0">
        <DateRangeForm range={range} onApply={setRange} />
        <Flex gap="small" wrap="wrap" margin="small 0 0">
          <Button color="primary" onClick={() => window.print()}>
            Print the summary
          </Button>
          <DownloadCsvButton path={reportPath(cohortId, 'impact', range, 'csv')} label="Download the whole summary (CSV)" fileName="impact-summary.csv" liveRegion={liveRegion} />
        </Flex>
      </View>
      {state.status === 'loading' ? (
        <Spinner renderTitle="Loading the impact summary" size="medium" margin="medium" />
      ) : state.status === 'error' ? (
        <ReportError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} inline />
      ) : (
        <ImpactSections report={state.data} cohortId={cohortId} range={range} liveRegion={liveRegion} />
      )}
    </View>
  )
}

/** Props for {@link ImpactSections}. */
interface ImpactSectionsProps {
  report: ImpactReport
  cohortId: string
  range: DateRange
  liveRegion: () => HTMLElement | null
}

/** The six sections of the summary, each with its own CSV download. */
function ImpactSections({ report: r, cohortId, range, liveRegion }: ImpactSectionsProps) {
  const csv = (section: string, label: string) => (
    <DownloadCsvButton path={reportPath(cohortId, 'impact', range, 'csv', section)} label={`Download ${label} (CSV)`} fileName={`impact-${section}-${r.range.from}-${r.range.to}.csv`} liveRegion={liveRegion} />
  )
  return (
    <>
      <Section id="impact-goals" title="Goals" download={csv('goals', 'goals')}>
        {r.cohort.description.trim() ? (
          r.cohort.description.split(/\n{2,}/).map((p, i) => (
            <Text as="p" key={i}>
              {p}
            </Text>
          ))
        ) : (
          <Text as="p">The cohort has no description of its goals yet.</Text>
        )}
        {(r.cohort.startsOn || r.cohort.endsOn) && (
          <Text as="p">
            Runs {r.cohort.startsOn ? `from ${formatDate(r.cohort.startsOn)}` : ''} {r.cohort.endsOn ? `until ${formatDate(r.cohort.endsOn)}` : ''}.
          </Text>
        )}
      </Section>

      <Section id="impact-participation" title="Participation" download={csv('participation', 'participation')}>
        <Text as="p">
          {plural(r.participation.participants, 'participant', 'participants')}; {r.participation.started} started, {r.participation.completedAll} completed every module;{' '}
          {plural(r.participation.moduleCompletions, 'module completion', 'module completions')} in this date range.
        </Text>
        {r.participation.modules.length > 0 && (
          <ReportChart
            title="Started and completed, by module"
            summary={moduleSummary(r.participation.modules)}
            categoryHeader="Module"
            labels={r.participation.modules.map((m) => m.title)}
            series={[
              { label: 'Started', values: r.participation.modules.map((m) => m.started) },
              { label: 'Completed', values: r.participation.modules.map((m) => m.completed) }
            ]}
          />
        )}
      </Section>

      <Section id="impact-hours" title="PD hours" download={csv('hours', 'PD hours')}>
        <Text as="p">
          {formatHours(r.hours.totalMinutes)} earned by {plural(r.hours.earners, 'person', 'people')}.
        </Text>
        <Text as="p">{timeSummary(r.hours)}</Text>
      </Section>

      <Section id="impact-feedback" title="Feedback health" download={csv('feedback', 'feedback health')}>
        <FeedbackHealthView health={r.feedback} />
      </Section>

      <Section id="impact-growth" title="Competency growth" download={csv('growth', 'competency growth')}>
        <GrowthView growth={r.growth} range={r.range} />
      </Section>

      <Section id="impact-survey" title="What participants said about the PL" download={csv('survey', 'survey answers')}>
        <SurveyView survey={r.survey} />
      </Section>
    </>
  )
}

/** Props for {@link Section}. */
interface SectionProps {
  id: string
  title: string
  /** The section's own CSV download button. */
  download: ReactNode
  children: ReactNode
}

/** One section of the summary: an h2, its CSV download (not printed) and its content; kept together when printing. */
function Section({ id, title, download, children }: SectionProps) {
  return (
    <View as="section" display="block" margin="large 0 0" aria-labelledby={id} className="report-section">
      <Heading level="h2" variant="titleSection" margin="0 0 x-small" id={id}>
        {title}
      </Heading>
      {download}
      {children}
    </View>
  )
}

const ANSWERS = ['1 (not at all)', '2', '3', '4 (very)']

/** The survey's answers: a chart of both questions (with its table) and the suggestions, without names. */
function SurveyView({ survey }: { survey: SurveyResults }) {
  if (survey.responses === 0) return <Text as="p">Nobody has answered the end-of-module survey in this date range.</Text>
  const agree = (counts: number[]) => (counts[2] ?? 0) + (counts[3] ?? 0)
  return (
    <>
      <ReportChart
        title="Was it useful? Was it relevant?"
        summary={`${plural(survey.responses, 'answer', 'answers')}: ${agree(survey.useful)} found the PL useful (3 or 4 of 4), ${agree(survey.relevant)} found it relevant to their work (3 or 4 of 4).`}
        categoryHeader="Answer"
        labels={ANSWERS}
        series={[
          { label: 'Useful', values: survey.useful },
          { label: 'Relevant to my work', values: survey.relevant }
        ]}
      />
      <Heading level="h3" variant="titleCardRegular" margin="small 0 x-small">
        What should change?
      </Heading>
      {survey.suggestions.length === 0 ? (
        <Text as="p">No suggestions were written.</Text>
      ) : (
        <List margin="0 0 small">
          {survey.suggestions.map((s, i) => (
            <List.Item key={i}>{s}</List.Item>
          ))}
        </List>
      )}
    </>
  )
}

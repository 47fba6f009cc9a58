import { useMemo } from 'react'
import { Heading, Table, Text, View } from '@instructure/ui'
import { formatHours } from '../learning/format'
import { DownloadCsvButton } from './DownloadCsvButton'
import { ReportChart, type ChartSeries } from './ReportChart'
import type { ParticipationReport } from './reportsApi'
import { moduleSummary, weekLabel, weeklySummary } from './summaries'

/** Props for {@link ParticipationPanel}. */
export interface ParticipationPanelProps {
  report: ParticipationReport
  /** The CSV download's API path. */
  csvPath: string
  liveRegion: () => HTMLElement | null
}

/** Participation: weekly activity and module completion (charts with summaries and tables) and the schools table. */
export function ParticipationPanel({ report, csvPath, liveRegion }: ParticipationPanelProps) {
  const weeks = useMemo(
    () => ({
      labels: report.weeks.map((w) => weekLabel(w.weekStart)),
      series: [
        { label: 'Active people', values: report.weeks.map((w) => w.activePeople) },
        { label: 'Steps completed', values: report.weeks.map((w) => w.stepsCompleted) }
      ] as [ChartSeries, ChartSeries]
    }),
    [report.weeks]
  )
  const modules = useMemo(
    () => ({
      labels: report.modules.map((m) => m.title),
      series: [
        { label: 'Started', values: report.modules.map((m) => m.started) },
        { label: 'Completed', values: report.modules.map((m) => m.completed) }
      ] as [ChartSeries, ChartSeries]
    }),
    [report.modules]
  )

  return (
    <View as="div" display="block">
      <DownloadCsvButton
        path={csvPath}
        label="Download participation (CSV)"
        fileName={`participation-${report.range.from}-${report.range.to}.csv`}
        liveRegion={liveRegion}
      />
      {report.weeks.length === 0 ? (
        <View as="div" display="block" margin="medium 0">
          <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
            Weekly activity
          </Heading>
          <Text as="p">{weeklySummary(report.weeks)}</Text>
        </View>
      ) : (
        <ReportChart title="Weekly activity" summary={weeklySummary(report.weeks)} categoryHeader="Week" labels={weeks.labels} series={weeks.series} />
      )}
      {report.modules.length === 0 ? (
        <View as="div" display="block" margin="medium 0">
          <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
            Module completion
          </Heading>
          <Text as="p">{moduleSummary(report.modules)}</Text>
        </View>
      ) : (
        <ReportChart title="Module completion" summary={moduleSummary(report.modules)} categoryHeader="Module" labels={modules.labels} series={modules.series} />
      )}
      <SchoolsTable report={report} />
    </View>
  )
}

function SchoolsTable({ report }: { report: ParticipationReport }) {
  return (
    <View as="section" display="block" margin="medium 0">
      <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
        Schools
      </Heading>
      {report.schools.length === 0 ? (
        <Text as="p">Nobody from your course takes part in this cohort yet.</Text>
      ) : (
        <Table caption="Participation by school" layout="auto">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="school-name">School</Table.ColHeader>
              <Table.ColHeader id="school-participants">Participants</Table.ColHeader>
              <Table.ColHeader id="school-started">Started a module</Table.ColHeader>
              <Table.ColHeader id="school-completions">Module completions</Table.ColHeader>
              <Table.ColHeader id="school-hours">PD hours</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.schools.map((s) => (
              <Table.Row key={s.school ?? '(none)'}>
                <Table.RowHeader>{s.school ?? 'School not recorded'}</Table.RowHeader>
                <Table.Cell>{s.participants}</Table.Cell>
                <Table.Cell>{s.started}</Table.Cell>
                <Table.Cell>{s.moduleCompletions}</Table.Cell>
                <Table.Cell>{formatHours(s.pdMinutes)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

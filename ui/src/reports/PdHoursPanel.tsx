import { Heading, Table, Text, View } from '@instructure/ui'
import { formatDate, formatHours } from '../learning/format'
import { DownloadCsvButton } from './DownloadCsvButton'
import { plural, type HoursReport, type HoursTotals } from './reportsApi'

/** Props for {@link PdHoursPanel}. */
export interface PdHoursPanelProps {
  report: HoursReport
  /** The CSV download's API path. */
  csvPath: string
  liveRegion: () => HTMLElement | null
}

/** "25 minutes": a duration in minutes. */
export const formatMinutes = (minutes: number) => plural(minutes, 'minute', 'minutes')

/** The time-estimate vs. time-on-task comparison in a sentence, over the people whose time was measured. */
export function timeSummary(t: HoursTotals): string {
  if (t.measured.people === 0) return `Completed steps were estimated at ${formatMinutes(t.estimatedMinutes)}; time on task was not measured.`
  return `Where time on task was measured (${plural(t.measured.people, 'person', 'people')}), steps estimated at ${formatMinutes(t.measured.estimatedMinutes)} took ${formatMinutes(t.measured.measuredMinutes)}.`
}

/** PD hours: the total, and one row per person (name, school, modules completed, hours, last completion). */
export function PdHoursPanel({ report, csvPath, liveRegion }: PdHoursPanelProps) {
  const earners = report.people.filter((p) => p.pdMinutes > 0).length
  return (
    <View as="div" display="block">
      <DownloadCsvButton
        path={csvPath}
        label="Download PD hours (CSV)"
        fileName={`pd-hours-${report.range.from}-${report.range.to}.csv`}
        liveRegion={liveRegion}
      />
      <View as="div" display="block" margin="medium 0" padding="small" borderWidth="small" borderRadius="medium">
        <Text as="p" size="large" weight="bold">
          Total: {formatHours(report.totalMinutes)}
        </Text>
        <Text as="p">
          {plural(earners, 'person', 'people')} of {report.people.length} earned PD hours in this date range.
        </Text>
        <Text as="p">{timeSummary(report)}</Text>
      </View>
      <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
        PD hours by person
      </Heading>
      {report.people.length === 0 ? (
        <Text as="p">Nobody from your course takes part in this cohort yet.</Text>
      ) : (
        <Table caption={`PD hours by person, ${formatDate(report.range.from)} to ${formatDate(report.range.to)}`} layout="auto">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="hours-name">Name</Table.ColHeader>
              <Table.ColHeader id="hours-school">School</Table.ColHeader>
              <Table.ColHeader id="hours-modules">Modules completed</Table.ColHeader>
              <Table.ColHeader id="hours-hours">PD hours</Table.ColHeader>
              <Table.ColHeader id="hours-last">Last completed</Table.ColHeader>
              <Table.ColHeader id="hours-estimated">Estimated time</Table.ColHeader>
              <Table.ColHeader id="hours-measured">Time on task</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.people.map((p) => (
              <Table.Row key={p.userId}>
                <Table.RowHeader>
                  {p.name ?? 'Name not shared'}
                  {p.status === 'inactive' && <Text as="div" size="small">Left the course</Text>}
                </Table.RowHeader>
                <Table.Cell>{p.school ?? 'Not recorded'}</Table.Cell>
                <Table.Cell>{p.modulesCompleted}</Table.Cell>
                <Table.Cell>{formatHours(p.pdMinutes)}</Table.Cell>
                <Table.Cell>{p.lastCompletedAt ? formatDate(p.lastCompletedAt, true) : 'Nothing yet'}</Table.Cell>
                <Table.Cell>{formatMinutes(p.estimatedMinutes)}</Table.Cell>
                <Table.Cell>{p.measuredMinutes === null ? 'Not measured' : formatMinutes(p.measuredMinutes)}</Table.Cell>
              </Table.Row>
            ))}
            <Table.Row>
              <Table.RowHeader>All {plural(report.people.length, 'person', 'people')}</Table.RowHeader>
              <Table.Cell>—</Table.Cell>
              <Table.Cell>{report.people.reduce((n, p) => n + p.modulesCompleted, 0)}</Table.Cell>
              <Table.Cell>{formatHours(report.totalMinutes)}</Table.Cell>
              <Table.Cell>—</Table.Cell>
              <Table.Cell>{formatMinutes(report.estimatedMinutes)}</Table.Cell>
              <Table.Cell>{report.measured.people === 0 ? 'Not measured' : formatMinutes(report.measured.measuredMinutes)}</Table.Cell>
            </Table.Row>
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

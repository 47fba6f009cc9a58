import { Heading, Table, Text, View } from '@instructure/ui'
import { formatDate } from '../learning/format'
import { DownloadCsvButton } from './DownloadCsvButton'
import { ReportChart } from './ReportChart'
import { plural, type GrowthData } from './reportsApi'

/** The text alternative of the growth chart: who moved up, per competency. */
function growthSummary(g: GrowthData, from: string): string {
  if (g.competencies.length === 0) return 'This cohort works on no competencies.'
  const up = g.competencies.filter((c) => c.movedUp > 0)
  if (up.length === 0) return `Nobody moved up a level on any competency since ${formatDate(from)}.`
  const each = up.map((c) => `${c.identifier} ${c.title}: ${plural(c.movedUp, 'person', 'people')}`).join('; ')
  return `Since ${formatDate(from)}, people moved up at least one level on ${plural(up.length, 'competency', 'competencies')}. ${each}.`
}

/** Props for {@link GrowthView}. */
export interface GrowthViewProps {
  growth: GrowthData
  range: { from: string; to: string }
}

/** Competency growth: a chart of who moved up (with its table) and the level distribution ("heatmap") at both dates. */
export function GrowthView({ growth, range }: GrowthViewProps) {
  if (!growth.frameworkLinked) return <Text as="p">This cohort has no competency framework, so there is no growth to report.</Text>
  const labels = growth.competencies.map((c) => `${c.identifier} ${c.title}`)
  return (
    <View as="div" display="block">
      <ReportChart
        title="People who moved up a level"
        summary={growthSummary(growth, range.from)}
        categoryHeader="Competency"
        labels={labels}
        series={[
          { label: 'Moved up a level', values: growth.competencies.map((c) => c.movedUp) },
          { label: 'Rated for the first time', values: growth.competencies.map((c) => c.newlyRated) }
        ]}
      />
      <Heading level="h3" variant="titleCardRegular" margin="medium 0 x-small">
        People at each level, {formatDate(range.from)} → {formatDate(range.to)}
      </Heading>
      <Text as="p">Each cell: how many people were at that level when the range began, and at its end.</Text>
      <View as="div" display="block" className="report-wide-table">
        <Table caption={`People at each level per competency, at the start and end of the range`} layout="auto">
          <Table.Head>
            <Table.Row>
              {[
                <Table.ColHeader id="growth-competency" key="competency">
                  Competency
                </Table.ColHeader>,
                ...growth.scale.map((l) => (
                  <Table.ColHeader id={`growth-level-${l.position}`} key={l.position}>
                    {l.label}
                  </Table.ColHeader>
                )),
                <Table.ColHeader id="growth-down" key="down">
                  Moved down
                </Table.ColHeader>
              ]}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {growth.competencies.map((c) => (
              <Table.Row key={c.id}>
                {[
                  <Table.RowHeader key="competency">
                    {c.identifier} {c.title}
                  </Table.RowHeader>,
                  ...growth.scale.map((l) => (
                    <Table.Cell key={l.position}>
                      {c.levelsAtFrom[l.position] ?? 0} → {c.levelsAtTo[l.position] ?? 0}
                    </Table.Cell>
                  )),
                  <Table.Cell key="down">{c.movedDown}</Table.Cell>
                ]}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </View>
    </View>
  )
}

/** Props for {@link GrowthPanel}. */
export interface GrowthPanelProps {
  report: GrowthData & { range: { from: string; to: string } }
  csvPath: string
  liveRegion: () => HTMLElement | null
}

/** The competency growth tab: CSV download and the growth view. */
export function GrowthPanel({ report, csvPath, liveRegion }: GrowthPanelProps) {
  return (
    <View as="div" display="block">
      <DownloadCsvButton path={csvPath} label="Download competency growth (CSV)" fileName={`competency-growth-${report.range.from}-${report.range.to}.csv`} liveRegion={liveRegion} />
      <GrowthView growth={report} range={report.range} />
    </View>
  )
}

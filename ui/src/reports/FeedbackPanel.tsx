import { Heading, Table, Text, View } from '@instructure/ui'
import { DownloadCsvButton } from './DownloadCsvButton'
import { ReportChart } from './ReportChart'
import { plural, type FeedbackHealth, type FeedbackReport } from './reportsApi'

const ANSWERS = ['1 (not at all)', '2', '3', '4 (very)']

/** "9 hours" / "45 minutes" / "not yet": a time to first feedback. */
export function formatWait(hours: number | null): string {
  if (hours === null) return 'no feedback yet'
  return hours < 1 ? plural(Math.round(hours * 60), 'minute', 'minutes') : plural(hours, 'hour', 'hours')
}

/** The text alternative of the reviews-given chart. */
function givenSummary(h: FeedbackHealth): string {
  const people = h.reviewsGiven.reduce((n, b) => n + b.people, 0)
  if (people === 0) return 'Nobody is in a reviewer pool yet: people join it when they submit work.'
  const none = h.reviewsGiven.find((b) => b.reviews === 0)?.people ?? 0
  const most = h.reviewsGiven.reduce((m, b) => Math.max(m, b.reviews), 0)
  return `${plural(people, 'reviewer', 'reviewers')} gave ${plural(h.reviewsSubmitted, 'review', 'reviews')} in total; ${plural(none, 'person', 'people')} gave none, and the most anyone gave was ${most}.`
}

/** The text alternative of the feedback-quality chart. */
function ratingsSummary(h: FeedbackHealth): string {
  if (h.ratings.count === 0) return 'Authors have not rated any reviews yet.'
  const top = (counts: number[]) => (counts[2] ?? 0) + (counts[3] ?? 0)
  return `Authors rated ${plural(h.ratings.count, 'review', 'reviews')}: ${top(h.ratings.specific)} rated 3 or 4 for specific and actionable, ${top(h.ratings.supportive)} rated 3 or 4 for supportive.`
}

/** Feedback health of one scope: headline numbers and two charts (each with its table view). */
export function FeedbackHealthView({ health }: { health: FeedbackHealth }) {
  const f = health.firstFeedback
  return (
    <View as="div" display="block">
      <View as="div" display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium">
        <Text as="p">
          {plural(health.submissions, 'version', 'versions')} submitted by {plural(health.submitters, 'person', 'people')}; {plural(health.reviewsSubmitted, 'review', 'reviews')} given.
        </Text>
        <Text as="p">
          Time to first feedback: median {formatWait(f.medianHours)}, 90% within {formatWait(f.p90Hours)} ({plural(f.reviewed, 'version', 'versions')} reviewed, {f.awaiting} still waiting).
        </Text>
      </View>
      <ReportChart
        title="Reviews given per person"
        summary={givenSummary(health)}
        categoryHeader="Reviews given"
        labels={health.reviewsGiven.map((b) => plural(b.reviews, 'review', 'reviews'))}
        series={[{ label: 'People', values: health.reviewsGiven.map((b) => b.people) }]}
      />
      <ReportChart
        title="Feedback quality, as authors rated it"
        summary={ratingsSummary(health)}
        categoryHeader="Rating"
        labels={ANSWERS}
        series={[
          { label: 'Specific and actionable', values: health.ratings.specific },
          { label: 'Supportive', values: health.ratings.supportive }
        ]}
      />
    </View>
  )
}

/** Props for {@link FeedbackPanel}. */
export interface FeedbackPanelProps {
  report: FeedbackReport
  csvPath: string
  liveRegion: () => HTMLElement | null
}

/** Feedback health of the cohort's auditions together, then one row per audition. Never names reviewers. */
export function FeedbackPanel({ report, csvPath, liveRegion }: FeedbackPanelProps) {
  return (
    <View as="div" display="block">
      <DownloadCsvButton path={csvPath} label="Download feedback health (CSV)" fileName={`feedback-${report.range.from}-${report.range.to}.csv`} liveRegion={liveRegion} />
      <FeedbackHealthView health={report.overall} />
      <Heading level="h3" variant="titleCardRegular" margin="medium 0 x-small">
        By audition
      </Heading>
      {report.auditions.length === 0 ? (
        <Text as="p">This cohort has no auditions yet.</Text>
      ) : (
        <Table caption="Feedback health by audition" layout="auto">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="fb-audition">Audition</Table.ColHeader>
              <Table.ColHeader id="fb-versions">Versions submitted</Table.ColHeader>
              <Table.ColHeader id="fb-reviews">Reviews given</Table.ColHeader>
              <Table.ColHeader id="fb-median">Median wait for first feedback</Table.ColHeader>
              <Table.ColHeader id="fb-waiting">Waiting</Table.ColHeader>
              <Table.ColHeader id="fb-rated">Reviews rated</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.auditions.map((a) => (
              <Table.Row key={a.auditionId}>
                <Table.RowHeader>{a.title}</Table.RowHeader>
                <Table.Cell>{a.submissions}</Table.Cell>
                <Table.Cell>{a.reviewsSubmitted}</Table.Cell>
                <Table.Cell>{formatWait(a.firstFeedback.medianHours)}</Table.Cell>
                <Table.Cell>{a.firstFeedback.awaiting}</Table.Cell>
                <Table.Cell>{a.ratings.count}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

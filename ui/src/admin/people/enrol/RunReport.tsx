import { useEffect, useState } from 'react'
import { Alert, Heading, ProgressBar, Table, Text, View } from '@instructure/ui'
import { ApiError, apiGet } from '../../../api'
import { plural } from '../peopleApi'
import { OUTCOME_LABELS, type EnrolmentRun, type Outcome, type RunItem } from './enrolApi'

/** Props for {@link RunReport}. */
export interface RunReportProps {
  run: EnrolmentRun
  /** Every person's outcome; null while a background run is going. */
  items: RunItem[] | null
  headingId: string
  liveRegion: () => HTMLElement | null
}

const SUMMARY_LABELS: Record<Outcome, string> = {
  enrolled: 'enrolled',
  created_and_enrolled: 'created and enrolled',
  already_enrolled: 'already enrolled',
  not_found: 'not found in the LMS',
  failed: 'failed',
  pending: 'waiting'
}
const finished = (r: EnrolmentRun) => r.status === 'completed' || r.status === 'failed'

/** Plain-language summary of a run's counts, e.g. "2 enrolled, 1 already enrolled, 1 failed". */
export function runSummary(run: EnrolmentRun): string {
  return (Object.keys(SUMMARY_LABELS) as Outcome[])
    .filter((o) => run.counts[o] > 0)
    .map((o) => `${run.counts[o]} ${SUMMARY_LABELS[o]}`)
    .join(', ')
}

/** An enrolment run: its progress (polled while a background job works) and one line per person. */
export function RunReport({ run: started, items: startedItems, headingId, liveRegion }: RunReportProps) {
  const [run, setRun] = useState(started)
  const [items, setItems] = useState(startedItems)
  const [pollError, setPollError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    setRun(started)
    setItems(startedItems)
  }, [started, startedItems])

  useEffect(() => {
    if (finished(run) && items) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      apiGet<{ run: EnrolmentRun; items: RunItem[] }>(`/api/enrolment/runs/${run.id}?limit=1000`, controller.signal).then(
        (answer) => {
          setRun(answer.run)
          if (finished(answer.run)) setItems(answer.items)
          setPollError(null)
        },
        (e: unknown) => {
          if (controller.signal.aborted) return
          setPollError(e instanceof ApiError ? e.message : String(e))
          setAttempt((n) => n + 1)
        }
      )
    }, 1000)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [run, items, attempt])

  const done = finished(run)
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small" tabIndex={-1}>
        Enrolment report
      </Heading>
      <ProgressBar
        screenReaderLabel="People processed"
        valueNow={run.processed}
        valueMax={Math.max(run.total, 1)}
        formatScreenReaderValue={() => `Processed ${run.processed} of ${run.total}`}
        meterColor={run.status === 'failed' ? 'danger' : done ? 'success' : 'brand'}
        margin="0 0 x-small"
      />
      <Text as="p">{`Processed ${run.processed.toLocaleString()} of ${plural(run.total, 'person', 'people')}.`}</Text>
      {!done && <Text as="p">Staffroom is enrolling people in the background. You can leave this page; the run carries on.</Text>}
      {done && (
        <Alert variant={run.status === 'failed' ? 'error' : 'success'} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {run.status === 'failed'
            ? `The run stopped: ${run.error?.message ?? 'no reason was given'} Everyone not yet enrolled is marked failed. Fix the cause, then run the list again.`
            : `Enrolment finished: ${runSummary(run)}.`}
        </Alert>
      )}
      {pollError && (
        <Alert variant="warning" transition="none" hasShadow={false} margin="small 0">
          {pollError} Staffroom will keep trying.
        </Alert>
      )}
      {items && items.length > 0 && (
        <Table caption={`Outcome for each person (${items.length})`} margin="small 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="run-name">Person</Table.ColHeader>
              <Table.ColHeader id="run-email">Email</Table.ColHeader>
              <Table.ColHeader id="run-outcome">Outcome</Table.ColHeader>
              <Table.ColHeader id="run-reason">Details</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((i) => (
              <Table.Row key={i.position}>
                <Table.RowHeader>{i.name ?? i.email}</Table.RowHeader>
                <Table.Cell>{i.email}</Table.Cell>
                <Table.Cell>
                  <Text weight={i.outcome === 'failed' || i.outcome === 'not_found' ? 'bold' : 'normal'}>{OUTCOME_LABELS[i.outcome]}</Text>
                </Table.Cell>
                <Table.Cell>{i.message ?? (i.outcome === 'not_found' ? 'Add them to the LMS, then run the list again.' : '')}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

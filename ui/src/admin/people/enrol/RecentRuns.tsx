import { useId } from 'react'
import { Alert, Button, Heading, ScreenReaderContent, Table, Text, View } from '@instructure/ui'
import { formatWhen, plural } from '../peopleApi'
import { useApiData } from '../useApiData'
import type { EnrolmentRun } from './enrolApi'
import { runSummary } from './RunReport'

/** Props for {@link RecentRuns}. */
export interface RecentRunsProps {
  /** Changes when a run was started here, to read the list again. */
  reloadKey: number
  /** Opens a run's report. */
  onOpen: (run: EnrolmentRun) => void
}

const STATUS_TEXT: Record<EnrolmentRun['status'], string> = {
  queued: 'Waiting to start',
  running: 'Running',
  completed: 'Finished',
  failed: 'Stopped'
}

/** The course's latest enrolment runs, newest first, each with a way to open its report. */
export function RecentRuns({ reloadKey, onOpen }: RecentRunsProps) {
  const headingId = useId()
  const runs = useApiData<{ runs: EnrolmentRun[] }>('/api/enrolment/runs?limit=5', reloadKey)
  if (runs.status === 'loading' || (runs.status === 'ready' && runs.data.runs.length === 0)) return null
  return (
    <View as="section" display="block" margin="large 0 0" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small">
        Recent enrolment runs
      </Heading>
      {runs.status === 'error' && (
        <Alert variant="error" transition="none" hasShadow={false}>
          {runs.message}
        </Alert>
      )}
      {runs.status === 'ready' && (
        <Table caption="The latest enrolment runs of this course, newest first">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="runs-started">Started</Table.ColHeader>
              <Table.ColHeader id="runs-by">By</Table.ColHeader>
              <Table.ColHeader id="runs-status">Status</Table.ColHeader>
              <Table.ColHeader id="runs-outcome">Outcome</Table.ColHeader>
              <Table.ColHeader id="runs-report">Report</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {runs.data.runs.map((r) => (
              <Table.Row key={r.id}>
                <Table.RowHeader>{formatWhen(r.createdAt)}</Table.RowHeader>
                <Table.Cell>{r.createdBy?.name ?? 'An administrator'}</Table.Cell>
                <Table.Cell>{STATUS_TEXT[r.status]}</Table.Cell>
                <Table.Cell>
                  <Text>{`${plural(r.total, 'person', 'people')}: ${runSummary(r) || 'nobody processed yet'}`}</Text>
                </Table.Cell>
                <Table.Cell>
                  <Button size="small" onClick={() => onOpen(r)}>
                    Show report<ScreenReaderContent> of the run started {formatWhen(r.createdAt)}</ScreenReaderContent>
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}

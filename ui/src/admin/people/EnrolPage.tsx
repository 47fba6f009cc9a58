import { useEffect, useId, useRef, useState } from 'react'
import { Alert, Button, Heading, Link, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../../api'
import type { AdminAreaProps } from '../AdminArea'
import { ConnectionForm } from './enrol/ConnectionForm'
import type { EnrolmentRun, PreviewAnswer, RunItem, StaffList } from './enrol/enrolApi'
import { PreviewReport } from './enrol/PreviewReport'
import { RecentRuns } from './enrol/RecentRuns'
import { RunReport } from './enrol/RunReport'
import { StaffListForm } from './enrol/StaffListForm'

/** Enrol staff: the LMS connection, a staff list (CSV or people Staffroom knows), its check, and the run's report. */
export function EnrolPage({ me, liveRegion }: AdminAreaProps) {
  const previewHeading = useId()
  const runHeading = useId()
  const [connected, setConnected] = useState(false)
  const [list, setList] = useState<StaffList | null>(null)
  const [preview, setPreview] = useState<PreviewAnswer | null>(null)
  const [run, setRun] = useState<{ run: EnrolmentRun; items: RunItem[] | null } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [runsKey, setRunsKey] = useState(0)
  const focusTarget = useRef<string | null>(null)

  // Moves focus to a report's heading once it is shown, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (!focusTarget.current) return
    document.getElementById(focusTarget.current)?.focus()
    focusTarget.current = null
  }, [preview, run])

  async function check(next: StaffList) {
    setBusy(true)
    setError(null)
    setRun(null)
    try {
      const answer = await apiRequest<PreviewAnswer>('/api/enrolment/preview', { method: 'POST', body: next })
      setList(next)
      setPreview(answer)
      focusTarget.current = previewHeading
    } catch (e) {
      setPreview(null)
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  async function enrol() {
    if (!list) return
    setBusy(true)
    setError(null)
    try {
      setRun(await apiRequest<{ run: EnrolmentRun; items: RunItem[] | null }>('/api/enrolment/runs', { method: 'POST', body: list }))
      setRunsKey((k) => k + 1)
      focusTarget.current = runHeading
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  if (me.role !== 'admin') {
    return (
      <View as="div" display="block">
        <Heading level="h1" variant="titlePageMobile" margin="0 0 medium">Enrol staff</Heading>
        <Text as="p">Only administrators can enrol staff into the course. </Text>
        <Link href="#/">Back to your Staffroom home</Link>
      </View>
    )
  }
  const canEnrol = !!preview?.ready && connected && !busy
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 x-small">Enrol staff</Heading>
      <Text as="p">
        Enrol staff into this course in the LMS: teachers as students, lead teachers as teachers. Running the same list
        again is safe: people already enrolled are reported and nothing is added twice.
      </Text>
      <ConnectionForm liveRegion={liveRegion} onConnected={setConnected} />
      <Heading level="h2" variant="titleSection" margin="0 0 small">Staff list</Heading>
      <StaffListForm
        busy={busy}
        onCheck={(next) => void check(next)}
        onEdit={() => {
          setPreview(null)
          setList(null)
        }}
      />
      {error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {error}
        </Alert>
      )}
      {preview && <PreviewReport preview={preview} headingId={previewHeading} />}
      {preview && (
        <View as="div" display="block" margin="0 0 medium">
          {!connected && <Text as="p">Save the LMS connection first, then enrol.</Text>}
          <Button color="primary" onClick={() => void enrol()} interaction={canEnrol ? 'enabled' : 'disabled'}>
            {run ? 'Run the same list again' : `Enrol ${preview.counts.people === 1 ? '1 person' : `${preview.counts.people} people`}`}
          </Button>
        </View>
      )}
      {run && <RunReport run={run.run} items={run.items} headingId={runHeading} liveRegion={liveRegion} />}
      <RecentRuns
        reloadKey={runsKey}
        onOpen={(r) => {
          // The report reads the run's people itself (items null), then keeps polling while it is going.
          setRun({ run: r, items: null })
          focusTarget.current = runHeading
        }}
      />
    </View>
  )
}

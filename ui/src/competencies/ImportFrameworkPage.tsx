import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { Alert, Button, FileDrop, Heading, ProgressBar, Tabs, Text, TextArea, TextInput, View } from '@instructure/ui'
import { ApiError } from '../api'
import { useLandingFocus } from '../learning/useLandingFocus'
import { DownloadCsvButton } from '../reports/DownloadCsvButton'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { importIssuesOf, paths, routes, uploadText } from './competenciesApi'
import { BackNav } from './parts'
import { ImportReport } from './ImportReport'
import type { Framework, ImportIssue } from './types'

type Format = 'csv' | 'case'
type Phase = { kind: 'idle' } | { kind: 'sending'; fraction: number } | { kind: 'refused'; issues: ImportIssue[]; message: string } | { kind: 'failed'; message: string }

/** Imports a framework from CSV or 1EdTech CASE JSON: a file or pasted text, a progress bar, and every problem if refused. */
export function ImportFrameworkPage({ liveRegion }: CompetenciesAreaProps) {
  const landing = useLandingFocus()
  const navigate = useNavigate()
  const [format, setFormat] = useState<Format>('csv')
  const [text, setText] = useState('')
  const [fileNote, setFileNote] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })

  async function readFile(files: ArrayLike<DataTransferItem | File>) {
    const file = files[0]
    if (!(file instanceof File)) return
    setText(await file.text())
    setFileNote(`Read ${file.name}. Check the text below, then select Import.`)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (phase.kind === 'sending') return
    if (!text.trim()) return setPhase({ kind: 'failed', message: 'Choose a file or paste its text first.' })
    setPhase({ kind: 'sending', fraction: 0 })
    const query = new URLSearchParams(title.trim() ? { title: title.trim() } : {}).toString()
    const path = format === 'csv' ? `${paths.frameworks}/import/csv${query ? `?${query}` : ''}` : `${paths.frameworks}/import/case`
    try {
      const f = await uploadText<Framework>(path, text, format === 'csv' ? 'text/csv' : 'application/json', (fraction) => setPhase({ kind: 'sending', fraction }))
      navigate(routes.framework(f.id), { state: { notice: `Imported “${f.title}” with ${f.competencies.length} competencies.` } })
    } catch (e) {
      const issues = importIssuesOf(e)
      const message = e instanceof ApiError ? e.message : 'The import failed. Please try again.'
      setPhase(issues.length ? { kind: 'refused', issues, message: `The file was not imported: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} found.` } : { kind: 'failed', message })
    }
  }

  const sending = phase.kind === 'sending'
  return (
    <View as="div" display="block">
      <BackNav to={routes.frameworks}>All frameworks</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        Import a framework
      </Heading>
      <Text as="p" variant="descriptionPage">
        The whole file is checked first: it is imported completely, or not at all with a list of every problem.
      </Text>
      <Tabs margin="small 0" onRequestTabChange={(_e, { index }) => setFormat(index === 0 ? 'csv' : 'case')}>
        <Tabs.Panel id="import-csv" renderTitle="CSV file" isSelected={format === 'csv'} padding="small 0">
          <Text as="p">One row per competency, domain, indicator or scale level. Start from the template: it names every column.</Text>
          <DownloadCsvButton path={paths.csvTemplate} label="Download the CSV template" fileName="framework-template.csv" liveRegion={liveRegion} />
        </Tabs.Panel>
        <Tabs.Panel id="import-case" renderTitle="CASE JSON" isSelected={format === 'case'} padding="small 0">
          <Text as="p">A 1EdTech CASE 1.0 package (CFDocument, CFItems, CFAssociations), as other standards tools export it.</Text>
        </Tabs.Panel>
      </Tabs>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FileDrop
          accept={format === 'csv' ? ['.csv', 'text/csv', 'text/plain'] : ['.json', 'application/json']}
          onDropAccepted={(files) => void readFile(files)}
          messages={fileNote ? [{ text: fileNote, type: 'success' }] : undefined}
          renderLabel={
            <View as="div" display="block" padding="small" textAlign="center">
              <Text>{`Drop a ${format === 'csv' ? 'CSV' : 'JSON'} file here, or select to choose one`}</Text>
            </View>
          }
        />
        <View as="div" display="block" margin="small 0">
          <TextArea label={format === 'csv' ? 'Framework (CSV text)' : 'Framework (CASE JSON text)'} value={text} onChange={(e) => setText(e.target.value)} height="10rem" />
        </View>
        {format === 'csv' && (
          <TextInput renderLabel="Framework name (optional)" value={title} onChange={(_e, v) => setTitle(v)} messages={[{ type: 'hint', text: 'Leave empty for “Imported framework”. CASE files carry their own name.' }]} />
        )}
        <Button type="submit" color="primary" margin="small 0" interaction={sending ? 'disabled' : 'enabled'}>
          {sending ? 'Importing…' : 'Import'}
        </Button>
      </form>
      {sending && (
        <ProgressBar
          screenReaderLabel="Import progress"
          valueNow={Math.round(phase.fraction * 100)}
          valueMax={100}
          renderValue={() => <Text size="small">{phase.fraction < 1 ? `Sending ${Math.round(phase.fraction * 100)}%` : 'Checking the file…'}</Text>}
          margin="small 0"
        />
      )}
      {(phase.kind === 'refused' || phase.kind === 'failed') && (
        <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="small 0">
          {phase.message}
        </Alert>
      )}
      {phase.kind === 'refused' && <ImportReport issues={phase.issues} format={format} />}
    </View>
  )
}

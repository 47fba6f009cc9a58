import { useState } from 'react'
import { Alert, Button, View } from '@instructure/ui'
import { ApiError } from '../api'
import { downloadFile } from './reportsApi'

/** Props for {@link DownloadCsvButton}. */
export interface DownloadCsvButtonProps {
  /** The report's API path with `format=csv`. */
  path: string
  /** The button text, e.g. "Download PD hours (CSV)". */
  label: string
  /** Used when the server names no file. */
  fileName: string
  liveRegion: () => HTMLElement | null
}

/** Fetches a CSV report with the session token and saves it; says when the download started or why it failed. */
export function DownloadCsvButton({ path, label, fileName, liveRegion }: DownloadCsvButtonProps) {
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'done'; name: string } | { kind: 'error'; message: string }>({ kind: 'idle' })
  const download = async () => {
    if (state.kind === 'busy') return
    setState({ kind: 'busy' })
    try {
      setState({ kind: 'done', name: await downloadFile(path, fileName) })
    } catch (e) {
      setState({ kind: 'error', message: e instanceof ApiError ? e.message : 'The download failed. Please try again.' })
    }
  }
  return (
    <View as="div" display="inline-block" className="report-no-print">
      <Button color="secondary" onClick={() => void download()}>
        {state.kind === 'busy' ? 'Preparing the download…' : label}
      </Button>
      {state.kind === 'done' && (
        <Alert variant="success" liveRegion={liveRegion} screenReaderOnly transition="none">
          Download started: {state.name}
        </Alert>
      )}
      {state.kind === 'error' && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
          {state.message}
        </Alert>
      )}
    </View>
  )
}

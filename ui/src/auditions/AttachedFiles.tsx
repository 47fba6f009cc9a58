import { useState } from 'react'
import { Alert, Link, List, Text } from '@instructure/ui'
import { ApiError } from '../api'
import { formatBytes } from '../components/uploadFile'
import { downloadFile } from '../reports/reportsApi'
import { FILE_KINDS } from './fileKinds'
import { useAttachmentMetas } from './useAttachmentMetas'

/**
 * The files of a version as download links. The session is a bearer token, so a plain href cannot open them:
 * each link fetches the file with the token and saves it (downloadFile).
 */
export function AttachedFiles({ ids }: { ids: readonly string[] }) {
  const files = useAttachmentMetas(ids)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  async function download(id: string, contentUrl: string, filename: string) {
    setProblem(null)
    setBusy(id)
    try {
      await downloadFile(contentUrl, filename)
    } catch (e) {
      setProblem(`“${filename}” could not be downloaded: ${e instanceof ApiError ? e.message : 'please try again.'}`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <List margin="x-small 0" aria-label="Attached files">
        {files.map((f) => (
          <List.Item key={f.id}>
            {'meta' in f ? (
              <Link href={f.meta.contentUrl} forceButtonRole={false} onClick={(e) => {
                e.preventDefault()
                void download(f.id, f.meta.contentUrl, f.meta.filename)
              }}>
                {`Download ${f.meta.filename}`}
              </Link>
            ) : (
              <Text color="secondary">{'error' in f ? f.error : 'Loading the file’s details…'}</Text>
            )}
            {'meta' in f && (
              <Text size="small" color="secondary">
                {` ${FILE_KINDS[f.meta.kind]?.label ?? f.meta.kind}, ${formatBytes(f.meta.sizeBytes)}${busy === f.id ? ' — downloading…' : ''}`}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {problem && (
        <Alert variant="error" transition="none" hasShadow={false} margin="x-small 0">
          {problem}
        </Alert>
      )}
    </>
  )
}

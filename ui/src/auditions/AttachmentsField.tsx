import { useId, useRef, useState } from 'react'
import { Alert, Button, Checkbox, FileDrop, Flex, List, ProgressBar, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { formatBytes, uploadFile } from '../components/uploadFile'
import { useApiData } from '../learning/useApiData'
import { AUDITION_FILE_PURPOSE, type AttachmentMeta, type UploadRules } from './auditionTypes'
import { extensionsOf, kindsInWords } from './fileKinds'
import { useAttachmentMetas } from './useAttachmentMetas'

/** Props for {@link AttachmentsField}. */
export interface AttachmentsFieldProps {
  /** The draft's attachment ids. */
  ids: string[]
  onChange: (ids: string[]) => void
  liveRegion: () => HTMLElement | null
}

/** The draft accepts up to 10 files (auditions API). */
const MAX_FILES = 10

type Upload = { name: string; fraction: number } | null

// What went wrong, in words that say what to do next; the server's message covers everything else.
function uploadProblem(name: string, e: unknown, rules: UploadRules | null): string {
  if (!(e instanceof ApiError)) return `“${name}” could not be uploaded. Please try again.`
  const max = (e.details as { maxBytes?: number } | undefined)?.maxBytes ?? rules?.maxBytes
  switch (e.id) {
    case 'attachment_too_large':
      return `“${name}” is too big: files can be up to ${max ? formatBytes(max) : 'the size limit'}. Make it smaller (for example, export fewer pages or a shorter clip) and try again.`
    case 'attachment_type_not_allowed':
      return `“${name}” is not a kind of file this audition takes.${rules ? ` Accepted: ${kindsInWords(rules.accept)}.` : ''}`
    default:
      return `“${name}” was not uploaded: ${e.message}`
  }
}

/**
 * The files of the work: states the rules and the consent reminder first, uploads one file at a time with a
 * progress bar, and lists attached files with a Remove button each (removing also deletes the upload).
 */
export function AttachmentsField({ ids, onChange, liveRegion }: AttachmentsFieldProps) {
  const legendId = useId()
  const rulesState = useApiData<{ purpose: UploadRules }>(`/api/attachments/purposes/${AUDITION_FILE_PURPOSE}`)
  const rules = rulesState.state.status === 'ready' ? rulesState.state.data.purpose : null
  const [uploaded] = useState(() => new Map<string, AttachmentMeta>())
  const files = useAttachmentMetas(ids, uploaded)
  const [upload, setUpload] = useState<Upload>(null)
  const [studentMaterial, setStudentMaterial] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const latestIds = useRef(ids)
  latestIds.current = ids

  async function send(file: File) {
    if (upload) return
    if (rules && file.size > rules.maxBytes) {
      // Said at once rather than after sending megabytes the server would refuse (it checks again anyway).
      return setMessage({ tone: 'error', text: uploadProblem(file.name, new ApiError(413, 'attachment_too_large', '', { maxBytes: rules.maxBytes }), rules) })
    }
    setMessage(null)
    setUpload({ name: file.name, fraction: 0 })
    try {
      const query = `purpose=${AUDITION_FILE_PURPOSE}${studentMaterial ? '&studentMaterial=true' : ''}`
      const { attachment } = await uploadFile<{ attachment: AttachmentMeta }>(`/api/attachments?${query}`, file, (fraction) => setUpload({ name: file.name, fraction }))
      uploaded.set(attachment.id, attachment)
      onChange([...latestIds.current, attachment.id])
      setMessage({ tone: 'success', text: `“${attachment.filename}” is attached. It is saved with your draft; reviewers see it once you submit.` })
    } catch (e) {
      setMessage({ tone: 'error', text: uploadProblem(file.name, e, rules) })
    } finally {
      setUpload(null)
    }
  }

  async function remove(id: string, name: string, ownedByYou: boolean) {
    onChange(latestIds.current.filter((x) => x !== id))
    setMessage({ tone: 'success', text: `“${name}” is removed from your work.` })
    if (!ownedByYou) return
    // A file an earlier version uses stays with that version (409): only the draft lets go of it.
    await apiRequest(`/api/attachments/${encodeURIComponent(id)}`, { method: 'DELETE' }).catch((e: unknown) => {
      if (!(e instanceof ApiError && (e.status === 409 || e.status === 404))) setMessage({ tone: 'error', text: `“${name}” is removed from your work, but the upload could not be deleted: ${e instanceof ApiError ? e.message : 'please try again'}.` })
    })
  }

  return (
    <View as="fieldset" display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium" aria-describedby={`${legendId}-rules`}>
      <legend id={legendId}>
        <Text weight="bold">Files (lesson plans, slides, photos)</Text>
      </legend>
      <Text as="p" size="small" id={`${legendId}-rules`}>
        {rules
          ? `Accepted: ${kindsInWords(rules.accept)}. Up to ${formatBytes(rules.maxBytes)} each, ${MAX_FILES} files at most.`
          : rulesState.state.status === 'error'
            ? 'The upload rules could not be loaded; Staffroom checks each file as it arrives.'
            : 'Loading the upload rules…'}
      </Text>
      <Alert variant="warning" transition="none" hasShadow={false} margin="x-small 0 small">
        Don’t include student-identifying material (faces, names, work with names) without consent. If a file shows students or their work, tick the box below: it is then deleted after your cohort’s retention period.
      </Alert>
      {files.length > 0 && (
        <List isUnstyled margin="0 0 small" aria-label="Attached files">
          {files.map((f) => (
            <List.Item key={f.id}>
              <Flex gap="small" alignItems="center" wrap="wrap" margin="0 0 x-small">
                <Flex.Item shouldGrow shouldShrink>
                  <Text>
                    {'meta' in f ? `${f.meta.filename} (${formatBytes(f.meta.sizeBytes)})` : 'error' in f ? f.error : 'Loading the file’s details…'}
                  </Text>
                </Flex.Item>
                <Flex.Item>
                  <Button size="small" onClick={() => void remove(f.id, 'meta' in f ? f.meta.filename : 'The file', 'meta' in f ? f.meta.ownedByYou : false)}>
                    {`Remove ${'meta' in f ? f.meta.filename : 'this file'}`}
                  </Button>
                </Flex.Item>
              </Flex>
            </List.Item>
          ))}
        </List>
      )}
      {ids.length < MAX_FILES ? (
        <>
          <Checkbox label="The next file shows students or their work (I have consent)" checked={studentMaterial} onChange={(e) => setStudentMaterial(e.target.checked)} />
          <View as="div" display="block" margin="small 0 0">
            <FileDrop
              accept={rules ? extensionsOf(rules.accept) : undefined}
              interaction={upload ? 'disabled' : 'enabled'}
              onDropAccepted={(dropped) => {
                const file = dropped[0]
                if (file instanceof File) void send(file)
              }}
              onDropRejected={(dropped) => {
                const file = dropped[0]
                const name = file instanceof File ? file.name : 'That file'
                setMessage({ tone: 'error', text: `“${name}” is not a kind of file this audition takes.${rules ? ` Accepted: ${kindsInWords(rules.accept)}.` : ''}` })
              }}
              renderLabel={
                <View as="div" display="block" padding="small" textAlign="center">
                  <Text>Attach a file: drop it here, or select to choose one</Text>
                </View>
              }
            />
          </View>
        </>
      ) : (
        <Text as="p">You have attached {MAX_FILES} files, the most one version can have. Remove one to attach another.</Text>
      )}
      {upload && (
        <ProgressBar
          screenReaderLabel={`Uploading ${upload.name}`}
          valueNow={Math.round(upload.fraction * 100)}
          valueMax={100}
          renderValue={() => <Text size="small">{upload.fraction < 1 ? `Uploading ${upload.name}: ${Math.round(upload.fraction * 100)}%` : `Checking ${upload.name}…`}</Text>}
          margin="small 0"
        />
      )}
      {message && (
        <Alert variant={message.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
          {message.text}
        </Alert>
      )}
    </View>
  )
}

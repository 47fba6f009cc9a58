import { useState, type FormEvent } from 'react'
import { Alert, Button, Heading, RadioInput, RadioInputGroup, TextArea, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../api'
import { fieldErrorsOf, messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { paths } from './competenciesApi'

type Kind = 'text' | 'link' | 'none'

/** Props for {@link RequestReviewForm}. */
export interface RequestReviewFormProps {
  cohortId: string
  competencyId: string
  /** e.g. "COL.1 Plans with colleagues". */
  competencyName: string
  /** A review is already pending: the form only adds evidence. */
  pending: boolean
  liveRegion: () => HTMLElement | null
  /** Called with what was done, after the server accepted it. */
  onDone: (message: string) => void
}

/** "Request a review": optional own evidence (written text or a link) and a note to the lead teacher. */
export function RequestReviewForm({ cohortId, competencyId, competencyName, pending, liveRegion, onDone }: RequestReviewFormProps) {
  const [kind, setKind] = useState<Kind>('text')
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [url, setUrl] = useState('')
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})
  const heading = pending ? 'Add evidence' : 'Request a review'

  function check(): FieldErrors {
    const out: FieldErrors = {}
    if (kind === 'none') return out
    if (!title.trim()) out.title = 'Give your evidence a short title.'
    if (kind === 'text' && !text.trim()) out.text = 'Write your evidence, or choose another option.'
    if (kind === 'link' && !/^https?:\/\/\S+$/i.test(url.trim())) out.url = 'Enter a web address that starts with https:// or http://.'
    return out
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (saving) return
    const local = check()
    if (pending && kind === 'none') local.title = 'Add some evidence: a review is already requested.'
    setFields(local)
    if (Object.keys(local).length) return setError('Nothing was sent. Check the fields marked below.')
    setSaving(true)
    setError(null)
    try {
      if (kind !== 'none') {
        await apiRequest(paths.evidence(cohortId, competencyId), { method: 'POST', body: { title: title.trim(), ...(kind === 'text' ? { text: text.trim() } : { url: url.trim() }) } })
      }
      if (!pending) await apiRequest(paths.reviewRequests(cohortId, competencyId), { method: 'POST', body: note.trim() ? { note: note.trim() } : {} })
      setTitle('')
      setText('')
      setUrl('')
      setNote('')
      onDone(pending ? 'Your evidence was added.' : `Review requested for ${competencyName}. A lead teacher will look at your evidence.`)
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(Object.keys(byField).length ? 'Nothing more was sent. Check the fields marked below.' : e instanceof Error ? e.message : 'That did not work. Please try again.')
    } finally {
      setSaving(false)
    }
  }

  return (
    <View as="section" display="block" margin="medium 0" padding="medium" borderWidth="small" borderRadius="medium" aria-labelledby="review-form-heading">
      <Heading level="h2" variant="titleSection" id="review-form-heading" margin="0 0 small">
        {heading}
      </Heading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error && (
          <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="0 0 medium">
            {error}
          </Alert>
        )}
        <RadioInputGroup name="evidence-kind" description="Your evidence" value={kind} onChange={(_e, v) => setKind(v as Kind)} layout="columns">
          {[
            <RadioInput key="text" value="text" label="Write it here" />,
            <RadioInput key="link" value="link" label="A link" />,
            ...(pending ? [] : [<RadioInput key="none" value="none" label="No new evidence" />])
          ]}
        </RadioInputGroup>
        {kind !== 'none' && (
          <View as="div" display="block" margin="small 0">
            <TextInput renderLabel="Title of your evidence" value={title} onChange={(_e, v) => setTitle(v)} isRequired messages={messagesFor(fields, 'title', 'For example: Co-planned unit with the Year 4 team')} />
          </View>
        )}
        {kind === 'text' && (
          <TextArea label="Your evidence" value={text} onChange={(e) => setText(e.target.value)} required messages={messagesFor(fields, 'text')} height="7rem" />
        )}
        {kind === 'link' && (
          <TextInput renderLabel="Web address" type="url" value={url} onChange={(_e, v) => setUrl(v)} isRequired messages={messagesFor(fields, 'url', 'A document, video or page your lead teacher can open')} />
        )}
        {!pending && (
          <View as="div" display="block" margin="small 0">
            <TextArea label="Note to the lead teacher (optional)" value={note} onChange={(e) => setNote(e.target.value)} messages={messagesFor(fields, 'note')} height="4rem" />
          </View>
        )}
        <Button type="submit" color="primary" margin="small 0 0" interaction={saving ? 'disabled' : 'enabled'}>
          {saving ? 'Sending…' : pending ? 'Add evidence' : 'Request a review'}
        </Button>
      </form>
    </View>
  )
}

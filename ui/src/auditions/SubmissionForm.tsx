import { useRef, useState } from 'react'
import { Alert, Button, Flex, Heading, List, Text, TextArea, TextInput, View } from '@instructure/ui'
import { ApiError, apiGet, apiRequest } from '../api'
import { ConflictPanel, PlainText } from '../learning/player/ConflictPanel'
import { SaveStatusText } from '../learning/player/SaveStatusText'
import { AttachmentsField } from './AttachmentsField'
import { auditionBase, type Audition, type Draft, type OwnSubmission } from './auditionTypes'
import { useDraftAutosave } from './useDraftAutosave'
import { CONTEXT_FIELDS } from './WorkView'

/** Props for {@link SubmissionForm}. */
export interface SubmissionFormProps {
  audition: Audition
  submission: OwnSubmission | null
  /** Called with the answer after a version was created. */
  onSubmitted: (s: OwnSubmission) => void
  liveRegion: () => HTMLElement | null
}

const emptyDraft = (): Draft => ({
  work: { text: '', links: [], attachmentIds: [] },
  context: { gradeLevel: '', subject: '', students: '', tried: '', feedbackWanted: '' },
  whatChanged: ''
})

// What a validation error's field path means to the teacher.
const FIELD_WORDS: Record<string, string> = {
  'draft.context.gradeLevel': 'Grade level',
  'draft.context.subject': 'Subject',
  'draft.context.students': 'The students',
  'draft.context.feedbackWanted': 'The feedback I would like',
  'draft.whatChanged': 'What I changed',
  'draft.work': 'Your work (some text or a link)'
}

// Issue fields such as draft.work.attachmentIds.2 name a file by its position.
function fieldWords(field: string): string {
  const file = /^draft\.work\.attachmentIds\.(\d+)$/.exec(field)
  return FIELD_WORDS[field] ?? (file ? `File ${Number(file[1]) + 1}` : field)
}

/** The submit / revise form: work, links and classroom context, autosaved as a draft, then submitted as a version. */
export function SubmissionForm({ audition, submission, onSubmitted, liveRegion }: SubmissionFormProps) {
  const base = auditionBase(audition.cohortId, audition.id)
  const revising = (submission?.currentVersion ?? 0) > 0
  const save = useDraftAutosave<Draft>({
    initial: submission?.draft ?? emptyDraft(),
    initialRevision: submission?.revision ?? 0,
    save: async (draft, revision) => (await apiRequest<{ submission: OwnSubmission }>(`${base}/submission/draft`, { method: 'PUT', body: { ...draft, revision } })).submission.revision,
    loadCurrent: async () => {
      const { submission: s } = await apiGet<{ submission: OwnSubmission | null }>(`${base}/submission`)
      return s && { value: s.draft, revision: s.revision }
    }
  })
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<{ message: string; fields: string[] } | null>(null)
  const d = save.value
  const set = (next: Partial<Draft>) => save.setValue({ ...d, ...next })
  const links = d.work.links
  // Uploads finish later than keystrokes: read the newest draft when they do, not the one of their render.
  const latest = useRef(d)
  latest.current = d

  async function submit() {
    setBusy(true)
    setProblem(null)
    try {
      if (!(await save.flush())) throw new ApiError(0, 'not_saved', 'Your latest changes are not saved yet, so nothing was submitted. Check the message above and try again.')
      const res = await apiRequest<{ submission: OwnSubmission }>(`${base}/submission/versions`, { method: 'POST', body: { revision: save.revision.current } })
      onSubmitted(res.submission)
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'client_error', 'Something went wrong. Please try again.')
      const fields = ((err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? []).map(
        (f) => `${fieldWords(f.field)}: ${f.message}`
      )
      const hint =
        err.id === 'already_submitted'
          ? ' Reload the page to see the version you already submitted.'
          : err.id === 'draft_conflict'
            ? ' Your draft was changed in another tab. Reload the page to see the latest draft, then submit again.'
            : ''
      setProblem({ message: err.message + hint, fields })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="submission-form-heading">
      <Heading level="h2" variant="titleSection" id="submission-form-heading" margin="0 0 x-small">
        {revising ? `Revise your work (version ${(submission?.currentVersion ?? 0) + 1})` : 'Your work'}
      </Heading>
      <Text as="p" size="small" color="secondary">
        Everything you write here saves automatically as a draft. Reviewers see nothing until you submit.
      </Text>
      {audition.acceptedParts.includes('text') && (
        <TextArea label="Your work (a plan, a description, notes)" value={d.work.text} onChange={(e) => set({ work: { ...d.work, text: e.target.value } })} height="10rem" autoGrow resize="vertical" maxHeight="30rem" />
      )}
      {audition.acceptedParts.includes('link') && (
        <View as="fieldset" display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium">
          <legend>
            <Text weight="bold">Links to your work (slides, documents)</Text>
          </legend>
          {links.length === 0 && <Text as="p" color="secondary">No links yet.</Text>}
          <List isUnstyled margin="0">
            {links.map((l, i) => (
              <List.Item key={i}>
                <Flex gap="small" wrap="wrap" alignItems="end" margin="0 0 small">
                  <Flex.Item shouldGrow size="14rem">
                    <TextInput renderLabel={`Link ${i + 1} address`} type="url" value={l.url} onChange={(_e, v) => set({ work: { ...d.work, links: links.map((x, j) => (j === i ? { ...x, url: v } : x)) } })} />
                  </Flex.Item>
                  <Flex.Item shouldGrow size="10rem">
                    <TextInput renderLabel={`Link ${i + 1} name (optional)`} value={l.title} onChange={(_e, v) => set({ work: { ...d.work, links: links.map((x, j) => (j === i ? { ...x, title: v } : x)) } })} />
                  </Flex.Item>
                  <Flex.Item>
                    <Button onClick={() => set({ work: { ...d.work, links: links.filter((_x, j) => j !== i) } })}>Remove link {i + 1}</Button>
                  </Flex.Item>
                </Flex>
              </List.Item>
            ))}
          </List>
          {links.length < 10 && <Button onClick={() => set({ work: { ...d.work, links: [...links, { url: '', title: '' }] } })}>Add a link</Button>}
        </View>
      )}
      {audition.acceptedParts.includes('attachment') && (
        <AttachmentsField ids={d.work.attachmentIds} onChange={(ids) => save.setValue({ ...latest.current, work: { ...latest.current.work, attachmentIds: ids } })} liveRegion={liveRegion} />
      )}
      <Heading level="h3" variant="titleCardRegular" margin="medium 0 x-small">
        Your classroom context
      </Heading>
      <Text as="p" size="small" color="secondary">
        Reviewers read this first, so their feedback fits your class.
      </Text>
      {CONTEXT_FIELDS.map((f) => (
        <View as="div" display="block" margin="small 0" key={f.key}>
          {f.key === 'gradeLevel' || f.key === 'subject' ? (
            <TextInput renderLabel={f.label} isRequired value={d.context[f.key]} onChange={(_e, v) => set({ context: { ...d.context, [f.key]: v } })} />
          ) : (
            <TextArea label={f.required ? f.label : `${f.label} (optional)`} required={f.required} value={d.context[f.key]} onChange={(e) => set({ context: { ...d.context, [f.key]: e.target.value } })} height="4rem" autoGrow resize="vertical" />
          )}
        </View>
      ))}
      {revising && (
        <TextArea label="What I changed since the last version" required value={d.whatChanged} onChange={(e) => set({ whatChanged: e.target.value })} height="4rem" autoGrow resize="vertical" />
      )}
      <SaveStatusText status={save.status} />
      {save.status === 'error' && save.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {save.error} Keep this page open; your words are still here and will be saved with your next change.
        </Alert>
      )}
      {save.conflict && (
        <ConflictPanel
          mine={<PlainText text={d.work.text} />}
          theirs={<PlainText text={save.conflict.value.work.text} />}
          onKeepMine={save.keepMine}
          onTakeTheirs={save.takeTheirs}
          liveRegion={liveRegion}
        />
      )}
      {problem && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {problem.message}
          {problem.fields.length > 0 && (
            <List margin="x-small 0 0">
              {problem.fields.map((f) => (
                <List.Item key={f}>{f}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Button color="primary" margin="small 0" onClick={() => void submit()} interaction={busy ? 'disabled' : 'enabled'}>
        {revising ? `Submit version ${(submission?.currentVersion ?? 0) + 1}` : 'Submit for feedback'}
      </Button>
    </View>
  )
}

import { useState, type FormEvent } from 'react'
import { Alert, Button, Flex, Heading, RadioInput, RadioInputGroup, TextArea, TextInput, View } from '@instructure/ui'
import { useFocusOnMount } from './focus'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import { contentOf, formFieldOf, formValues, kindLabel, type StepFormValues } from './stepKinds'
import type { DraftStep, StepKind } from './types'

/** What the form sends: the step's title, estimate and content. */
export interface StepInput {
  title: string
  estimatedMinutes: number
  content: Record<string, unknown>
}

/** Props for {@link StepForm}. */
export interface StepFormProps {
  kind: StepKind
  /** The step being edited; absent when adding one. */
  step?: DraftStep
  /** Saves the step; a rejection with a 400 puts its messages beside the fields. */
  onSave: (input: StepInput) => Promise<void>
  onCancel: () => void
  liveRegion: () => HTMLElement | null
  /** h4 when the form sits inside a step's own h3 section. */
  headingLevel?: 'h3' | 'h4'
  /** Take focus when shown (when it replaced the button that opened it). */
  focusOnMount?: boolean
}

const VISIBILITY = [
  { value: 'choice', label: 'Each person chooses: private, or shared with the cohort' },
  { value: 'private', label: 'Private: only the author sees it' },
  { value: 'cohort', label: 'Shared with the cohort' }
] as const

/** Adds or edits one step: the fields its kind has, with the server's field errors beside them. */
export function StepForm({ kind, step, onSave, onCancel, liveRegion, headingLevel = 'h3', focusOnMount = false }: StepFormProps) {
  const [values, setValues] = useState<StepFormValues>(() => formValues(kind, step))
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (key: keyof StepFormValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }))
  const headingId = `step-form-${step?.stepId ?? 'new'}`
  const headingRef = useFocusOnMount()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const minutes = Number(values.estimatedMinutes)
    if (!Number.isInteger(minutes) || minutes < 1) {
      setFields({ estimatedMinutes: 'Enter whole minutes, from 1 to 600.' })
      setError('The step was not saved. Check the fields marked below.')
      return
    }
    setSaving(true)
    setError(null)
    try {
      await onSave({ title: values.title, estimatedMinutes: minutes, content: contentOf(kind, values) })
    } catch (e) {
      const byField: FieldErrors = {}
      for (const [field, message] of Object.entries(fieldErrorsOf(e))) byField[formFieldOf(field)] ??= message
      setFields(byField)
      setError(Object.keys(byField).length ? 'The step was not saved. Check the fields marked below.' : messageOf(e))
      setSaving(false)
    }
  }

  const text = (key: keyof StepFormValues, label: string, hint?: string, required = false) => (
    <TextInput renderLabel={label} value={String(values[key] ?? '')} onChange={(_e, v) => set(key)(v)} isRequired={required} messages={messagesFor(fields, key, hint)} />
  )
  const area = (key: keyof StepFormValues, label: string, hint?: string, required = false) => (
    <TextArea label={label} value={String(values[key] ?? '')} onChange={(e) => set(key)(e.target.value)} required={required} height="8rem" messages={messagesFor(fields, key, hint)} />
  )
  const visibility = (options: readonly { value: string; label: string }[]) => (
    <RadioInputGroup name={`${headingId}-visibility`} description="Who sees the responses" value={values.visibility} onChange={(_e, v) => set('visibility')(v)} messages={messagesFor(fields, 'visibility')}>
      {options.map((o) => (
        <RadioInput key={o.value} value={o.value} label={o.label} />
      ))}
    </RadioInputGroup>
  )

  return (
    <View as="section" display="block" padding="small" margin="small 0" borderWidth="small" borderRadius="medium" aria-labelledby={headingId}>
      <Heading level={headingLevel} variant="titleCardRegular" id={headingId} margin="0 0 small" elementRef={focusOnMount ? headingRef : undefined} tabIndex={-1}>
        {step ? `Edit step: ${step.title}` : `New step: ${kindLabel(kind)}`}
      </Heading>
      <form onSubmit={submit} noValidate>
        {error && (
          <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" margin="0 0 small" hasShadow={false}>
            {error}
          </Alert>
        )}
        <Flex direction="column" gap="small">
          {text('title', 'Step title', undefined, true)}
          {text('estimatedMinutes', 'Estimated minutes', 'How long most people take, from 1 to 600.', true)}
          {kind === 'read' && area('markdown', 'Text (Markdown)', 'Headings, lists, links and tables are allowed.')}
          {kind === 'read' && area('videos', 'Videos (optional)', 'YouTube or Vimeo addresses, one a line, up to 10.')}
          {kind === 'reflect' && area('prompt', 'Prompt', 'The question people answer. Markdown is allowed.', true)}
          {kind === 'reflect' && visibility(VISIBILITY)}
          {kind === 'audition' && area('instructions', 'Instructions', 'What to submit and what feedback to ask for.')}
          {kind === 'checkpoint' && text('date', 'Date (optional)', 'YYYY-MM-DD, for example 2026-12-01.')}
          {kind === 'checkpoint' && text('linkUrl', 'Meeting link (optional)', 'An https:// address, for example a video call.')}
          {kind === 'checkpoint' && (
            <RadioInputGroup name={`${headingId}-mode`} description="How the team meets" value={values.mode} onChange={(_e, v) => set('mode')(v)} messages={messagesFor(fields, 'mode')}>
              <RadioInput value="live" label="Live, at the same time" />
              <RadioInput value="async" label="Asynchronously, each in their own time" />
            </RadioInputGroup>
          )}
          {kind === 'checkpoint' && area('agenda', 'Agenda (optional)')}
          {kind === 'inquiry' && area('question', 'Inquiry question', 'The question the cycle explores. Markdown is allowed.')}
          {kind === 'inquiry' && visibility(VISIBILITY)}
          {kind === 'survey' && area('intro', 'Introduction (optional)', 'Shown above the built-in questions: useful? relevant? what should change? Markdown is allowed.')}
        </Flex>
        <Flex gap="small" margin="small 0 0" wrap="wrap">
          <Button type="submit" color="primary" interaction={saving ? 'disabled' : 'enabled'}>
            {step ? 'Save step' : 'Add step'}
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </Flex>
      </form>
    </View>
  )
}

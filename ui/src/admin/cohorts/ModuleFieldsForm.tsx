import { useState, type FormEvent } from 'react'
import { Alert, Button, Flex, Heading, RadioInput, RadioInputGroup, TextArea, TextInput, View } from '@instructure/ui'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import { formatPdHours } from './format'
import type { ModuleDraft, UnlockRule } from './types'

/** What the module's own fields send (PATCH …/draft). */
export interface ModuleFields {
  title: string
  summary: string
  pdMinutes: number
  unlockRule: UnlockRule
}

/** Props for {@link ModuleFieldsForm}. */
export interface ModuleFieldsFormProps {
  draft: ModuleDraft
  onSave: (fields: ModuleFields) => Promise<void>
  liveRegion: () => HTMLElement | null
}

/** The module's title, summary, PD minutes and unlock rule (saved to the draft). */
export function ModuleFieldsForm({ draft, onSave, liveRegion }: ModuleFieldsFormProps) {
  const [title, setTitle] = useState(draft.title)
  const [summary, setSummary] = useState(draft.summary)
  const [pd, setPd] = useState(String(draft.pdMinutes))
  const [unlock, setUnlock] = useState<UnlockRule>(draft.unlockRule)
  const [fields, setFields] = useState<FieldErrors>({})
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const pdMinutes = Number(pd)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!Number.isInteger(pdMinutes) || pdMinutes < 0) {
      setFields({ pdMinutes: 'Enter whole minutes, from 0 to 6000.' })
      setResult({ tone: 'error', text: 'The module was not saved. Check the fields marked below.' })
      return
    }
    setSaving(true)
    setResult(null)
    try {
      await onSave({ title, summary, pdMinutes, unlockRule: unlock })
      setFields({})
      setResult({ tone: 'success', text: 'Saved to the draft. Staff see it once you publish.' })
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setResult({ tone: 'error', text: Object.keys(byField).length ? 'The module was not saved. Check the fields marked below.' : messageOf(e) })
    } finally {
      setSaving(false)
    }
  }

  const pdHint = Number.isInteger(pdMinutes) && pdMinutes >= 0 ? `Credited when someone completes the module: ${formatPdHours(pdMinutes)}.` : undefined
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="module-fields-heading">
      <Heading level="h2" variant="titleSection" id="module-fields-heading" margin="0 0 small">
        About this module
      </Heading>
      <form onSubmit={submit} noValidate>
        {result && (
          <Alert variant={result.tone} liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
            {result.text}
          </Alert>
        )}
        <Flex direction="column" gap="small">
          <TextInput renderLabel="Module title" value={title} onChange={(_e, v) => setTitle(v)} isRequired messages={messagesFor(fields, 'title')} />
          <TextArea label="Summary" value={summary} onChange={(e) => setSummary(e.target.value)} messages={messagesFor(fields, 'summary', 'One or two sentences staff see before they start.')} />
          <TextInput renderLabel="PD minutes" value={pd} onChange={(_e, v) => setPd(v)} messages={messagesFor(fields, 'pdMinutes', pdHint)} />
          <RadioInputGroup name="unlock-rule" description="When the module opens" value={unlock} onChange={(_e, v) => setUnlock(v as UnlockRule)} messages={messagesFor(fields, 'unlockRule')}>
            <RadioInput value="open" label="Straight away" />
            <RadioInput value="after_previous" label="When the module before it is complete" />
          </RadioInputGroup>
        </Flex>
        <View as="div" margin="small 0 0">
          <Button type="submit" interaction={saving ? 'disabled' : 'enabled'}>
            Save module details
          </Button>
        </View>
      </form>
    </View>
  )
}

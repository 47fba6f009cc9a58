import { useState, type FormEvent } from 'react'
import { Alert, Button, Flex, Heading, RadioInput, RadioInputGroup, TextArea, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../../api'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import type { CohortDetail, Pacing, WorkVisibility } from './types'

/** Props for {@link CohortSettingsForm}. */
export interface CohortSettingsFormProps {
  cohort: CohortDetail
  /** Called with the cohort as saved. */
  onSaved: (cohort: CohortDetail) => void
  liveRegion: () => HTMLElement | null
}

/** The cohort's settings: name, description, dates, pacing and who sees whose work; a 400 shows beside its field. */
export function CohortSettingsForm({ cohort, onSaved, liveRegion }: CohortSettingsFormProps) {
  const [title, setTitle] = useState(cohort.title)
  const [description, setDescription] = useState(cohort.description)
  const [startsOn, setStartsOn] = useState(cohort.startsOn ?? '')
  const [endsOn, setEndsOn] = useState(cohort.endsOn ?? '')
  const [pacing, setPacing] = useState<Pacing>(cohort.pacing)
  const [weekly, setWeekly] = useState(cohort.weeklyMinutes?.toString() ?? '')
  const [visibility, setVisibility] = useState<WorkVisibility>(cohort.workVisibility)
  const [saving, setSaving] = useState(false)
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})
  const readOnly = cohort.status === 'archived'

  async function submit(event: FormEvent) {
    event.preventDefault()
    const weeklyMinutes = pacing === 'weekly' ? Number(weekly) : null
    if (pacing === 'weekly' && (!weekly.trim() || !Number.isInteger(weeklyMinutes))) {
      setFields({ weeklyMinutes: 'Enter the suggested minutes a week as a whole number, for example 45.' })
      setResult({ tone: 'error', text: 'The settings were not saved. Check the fields marked below.' })
      return
    }
    setSaving(true)
    setResult(null)
    const body = { title, description, startsOn: startsOn || null, endsOn: endsOn || null, pacing, weeklyMinutes, workVisibility: visibility }
    try {
      const saved = await apiRequest<CohortDetail>(`/api/cohorts/${cohort.id}`, { method: 'PATCH', body })
      setFields({})
      setResult({ tone: 'success', text: 'Settings saved.' })
      onSaved(saved)
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setResult({ tone: 'error', text: Object.keys(byField).length ? 'The settings were not saved. Check the fields marked below.' : messageOf(e) })
    } finally {
      setSaving(false)
    }
  }

  const interaction = readOnly ? 'readonly' : 'enabled'
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="settings-heading">
      <Heading level="h2" variant="titleSection" id="settings-heading" margin="0 0 small">
        Settings
      </Heading>
      <form onSubmit={submit} noValidate>
        {result && (
          <Alert variant={result.tone} liveRegion={liveRegion} liveRegionPoliteness={result.tone === 'error' ? 'assertive' : 'polite'} margin="0 0 medium" hasShadow={false}>
            {result.text}
          </Alert>
        )}
        <Flex direction="column" gap="medium">
          <TextInput renderLabel="Cohort name" value={title} onChange={(_e, v) => setTitle(v)} isRequired interaction={interaction} messages={messagesFor(fields, 'title')} />
          <TextArea label="Description" value={description} onChange={(e) => setDescription(e.target.value)} readOnly={readOnly} messages={messagesFor(fields, 'description', 'What the cohort is for, in a sentence or two. Staff see this.')} />
          <Flex wrap="wrap" gap="medium">
            <TextInput renderLabel="Starts on" placeholder="YYYY-MM-DD" value={startsOn} onChange={(_e, v) => setStartsOn(v.trim())} interaction={interaction} messages={messagesFor(fields, 'startsOn', 'For example 2026-09-07. Leave empty for no date.')} />
            <TextInput renderLabel="Ends on" placeholder="YYYY-MM-DD" value={endsOn} onChange={(_e, v) => setEndsOn(v.trim())} interaction={interaction} messages={messagesFor(fields, 'endsOn', 'On or after the start. Leave empty for no date.')} />
          </Flex>
          <RadioInputGroup name="pacing" description="Pacing" value={pacing} onChange={(_e, v) => setPacing(v as Pacing)} readOnly={readOnly} messages={messagesFor(fields, 'pacing')}>
            <RadioInput value="self_paced" label="Self-paced: everyone goes at their own speed" />
            <RadioInput value="weekly" label="Suggested weekly pace: staff see how much to do each week" />
          </RadioInputGroup>
          {pacing === 'weekly' && (
            <TextInput renderLabel="Suggested minutes a week" value={weekly} onChange={(_e, v) => setWeekly(v)} isRequired interaction={interaction} messages={messagesFor(fields, 'weeklyMinutes', 'From 5 to 480 minutes.')} />
          )}
          <RadioInputGroup name="work-visibility" description="Who may see whose work" value={visibility} onChange={(_e, v) => setVisibility(v as WorkVisibility)} readOnly={readOnly} messages={messagesFor(fields, 'workVisibility', 'Private reflections always stay with their author.')}>
            <RadioInput value="cohort" label="Everyone in the cohort sees the work people share" />
            <RadioInput value="leads_only" label="Only administrators and lead teachers see people’s work" />
          </RadioInputGroup>
        </Flex>
        {!readOnly && (
          <View as="div" margin="medium 0 0">
            <Button type="submit" color="primary" interaction={saving ? 'disabled' : 'enabled'}>
              {saving ? 'Saving…' : 'Save settings'}
            </Button>
          </View>
        )}
      </form>
    </View>
  )
}

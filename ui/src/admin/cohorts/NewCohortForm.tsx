import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { Alert, Button, Flex, Heading, List, RadioInput, RadioInputGroup, Text, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../../api'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import { useFocusOnMount } from './focus'
import { formatMinutes, formatPacing, formatPdHours } from './format'
import type { CohortDetail, CohortTemplate } from './types'

const SCRATCH = 'scratch'

/** Props for {@link NewCohortForm}. */
export interface NewCohortFormProps {
  templates: CohortTemplate[]
  liveRegion: () => HTMLElement | null
  onCancel: () => void
}

/** "New cohort": pick a template (its description and modules shown) or start empty, name it, date it, create it. */
export function NewCohortForm({ templates, liveRegion, onCancel }: NewCohortFormProps) {
  const navigate = useNavigate()
  const [source, setSource] = useState(templates[0]?.id ?? SCRATCH)
  const [title, setTitle] = useState('')
  const [startsOn, setStartsOn] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})
  const headingRef = useFocusOnMount()

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    setError(null)
    const body = {
      ...(source === SCRATCH ? {} : { templateId: source }),
      ...(title.trim() || source === SCRATCH ? { title: title.trim() } : {}),
      ...(startsOn ? { startsOn } : {}),
      ...(endsOn ? { endsOn } : {})
    }
    try {
      const cohort = await apiRequest<CohortDetail>('/api/cohorts', { method: 'POST', body })
      navigate(`/admin/cohorts/${cohort.id}`, { state: { notice: `Cohort “${cohort.title}” created.` } })
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(Object.keys(byField).length ? 'The cohort was not created. Check the fields marked below.' : messageOf(e))
      setSaving(false)
    }
  }

  return (
    <View as="section" display="block" margin="0 0 large" padding="medium" borderWidth="small" borderRadius="medium" aria-labelledby="new-cohort-heading">
      <Heading level="h2" variant="titleSection" id="new-cohort-heading" margin="0 0 small" elementRef={headingRef} tabIndex={-1}>
        New cohort
      </Heading>
      <form onSubmit={submit} noValidate>
        {error && (
          <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" margin="0 0 medium" hasShadow={false}>
            {error}
          </Alert>
        )}
        <RadioInputGroup
          name="cohort-source"
          description="Start from"
          value={source}
          onChange={(_e, value) => setSource(value)}
          messages={messagesFor(fields, 'templateId')}
        >
          {[
            ...templates.map((t) => <RadioInput key={t.id} value={t.id} label={<TemplateLabel template={t} />} />),
            <RadioInput key={SCRATCH} value={SCRATCH} label={<ScratchLabel />} />
          ]}
        </RadioInputGroup>
        <Flex direction="column" gap="medium" margin="medium 0">
          <TextInput
            renderLabel="Cohort name"
            value={title}
            onChange={(_e, v) => setTitle(v)}
            isRequired={source === SCRATCH}
            messages={messagesFor(fields, 'title', source === SCRATCH ? undefined : 'Leave empty to use the template’s name.')}
          />
          <Flex wrap="wrap" gap="medium">
            <TextInput
              renderLabel="Starts on (optional)"
              placeholder="YYYY-MM-DD"
              value={startsOn}
              onChange={(_e, v) => setStartsOn(v.trim())}
              messages={messagesFor(fields, 'startsOn', 'For example 2026-09-07')}
            />
            <TextInput
              renderLabel="Ends on (optional)"
              placeholder="YYYY-MM-DD"
              value={endsOn}
              onChange={(_e, v) => setEndsOn(v.trim())}
              messages={messagesFor(fields, 'endsOn', 'On or after the start')}
            />
          </Flex>
        </Flex>
        <Flex gap="small" wrap="wrap">
          <Button type="submit" color="primary" interaction={saving ? 'disabled' : 'enabled'}>
            {saving ? 'Creating…' : 'Create cohort'}
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </Flex>
      </form>
    </View>
  )
}

function TemplateLabel({ template: t }: { template: CohortTemplate }) {
  const time = t.totalEstimatedMinutes ? `about ${formatMinutes(t.totalEstimatedMinutes)} of work` : null
  const pd = t.totalPdMinutes ? formatPdHours(t.totalPdMinutes) : null
  return (
    <View as="div" display="block" margin="0 0 small">
      <Text weight="bold">{t.title}</Text>
      {!t.builtIn && <Text> (this course’s template)</Text>}
      <Text as="div">{t.description}</Text>
      <Text as="div" size="small">
        {formatPacing(t)}. {t.modules.length} {t.modules.length === 1 ? 'module' : 'modules'}
        {[time, pd].filter(Boolean).map((s) => `, ${s}`)}:
      </Text>
      <List margin="xx-small 0 0" size="small">
        {t.modules.map((m) => (
          <List.Item key={m.id}>{m.title}</List.Item>
        ))}
      </List>
    </View>
  )
}

function ScratchLabel() {
  return (
    <View as="div" display="block">
      <Text weight="bold">From scratch</Text>
      <Text as="div">An empty cohort: you add its modules yourself.</Text>
    </View>
  )
}

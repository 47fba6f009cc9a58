import { useState, type FormEvent } from 'react'
import { Alert, Button, Checkbox, Flex, RadioInput, RadioInputGroup, SimpleSelect, Table, TextInput, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { fieldErrorsOf, messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { useApiData } from '../learning/useApiData'
import { paths } from './competenciesApi'
import type { CohortCompetencies, Framework, FrameworkSummary, MasteryMethod } from './types'

const METHODS: { value: MasteryMethod; label: string }[] = [
  { value: 'most_recent', label: 'Most recent rating' },
  { value: 'highest', label: 'Highest rating' },
  { value: 'average_last_n', label: 'Average of the last few ratings' },
  { value: 'decaying_average', label: 'Decaying average (recent ratings count more)' }
]

/** Props for {@link CohortSettingsForm}. */
export interface CohortSettingsFormProps {
  cohortId: string
  current: CohortCompetencies
  frameworks: FrameworkSummary[]
  liveRegion: () => HTMLElement | null
  onSaved: (next: CohortCompetencies) => void
}

/** Which framework a cohort uses, how mastery is worked out, and which competencies report to the gradebook. */
export function CohortSettingsForm({ cohortId, current, frameworks, liveRegion, onSaved }: CohortSettingsFormProps) {
  const [frameworkId, setFrameworkId] = useState(current.framework?.id ?? frameworks[0]?.id ?? '')
  const [method, setMethod] = useState<MasteryMethod>(current.masteryMethod ?? 'most_recent')
  const [n, setN] = useState(String(current.methodN ?? 3))
  const [weight, setWeight] = useState(String(current.methodWeight ?? 0.65))
  const [credential, setCredential] = useState(current.credentialTitle ?? '')
  const inCohort = new Map((current.competencies ?? []).map((c) => [c.id, c]))
  const [reports, setReports] = useState<string[]>(() => (current.competencies ?? []).filter((c) => c.reportsToGradebook).map((c) => c.id))
  const [credit, setCredit] = useState<string[]>(() => (current.competencies ?? []).filter((c) => c.inCredential).map((c) => c.id))
  const chosen = useApiData<Framework>(paths.framework(frameworkId || 'none'))
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id))
  const nodes = chosen.state.status === 'ready' ? chosen.state.data.competencies : []

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const body = {
        frameworkId,
        masteryMethod: method,
        ...(method === 'average_last_n' ? { methodN: Number(n) } : {}),
        ...(method === 'decaying_average' ? { methodWeight: Number(weight) } : {}),
        credentialTitle: credential.trim() || null,
        competencies: nodes.map((c) => ({ competencyId: c.id, reportsToGradebook: reports.includes(c.id), inCredential: credit.includes(c.id) }))
      }
      onSaved(await apiRequest<CohortCompetencies>(paths.cohortCompetencies(cohortId), { method: 'PUT', body }))
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(Object.keys(byField).length ? 'Not saved. Check the fields marked below.' : e instanceof ApiError ? e.message : 'Not saved.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {error}
        </Alert>
      )}
      <Flex direction="column" gap="medium">
        <SimpleSelect renderLabel="Framework" value={frameworkId} onChange={(_e, { value }) => setFrameworkId(String(value))} width="24rem" messages={messagesFor(fields, 'frameworkId')}>
          {frameworks.map((f) => (
            <SimpleSelect.Option key={f.id} id={`settings-fw-${f.id}`} value={f.id}>
              {f.title}
            </SimpleSelect.Option>
          ))}
        </SimpleSelect>
        <RadioInputGroup name="mastery-method" description="A person’s level is worked out from their ratings by" value={method} onChange={(_e, v) => setMethod(v as MasteryMethod)}>
          {METHODS.map((m) => (
            <RadioInput key={m.value} value={m.value} label={m.label} />
          ))}
        </RadioInputGroup>
        {method === 'average_last_n' && <TextInput renderLabel="How many recent ratings (1 to 20)" value={n} onChange={(_e, v) => setN(v)} width="8rem" messages={messagesFor(fields, 'methodN')} />}
        {method === 'decaying_average' && (
          <TextInput renderLabel="Weight of the latest rating (0.01 to 0.99)" value={weight} onChange={(_e, v) => setWeight(v)} width="8rem" messages={messagesFor(fields, 'methodWeight')} />
        )}
        <TextInput renderLabel="Certificate title (optional)" value={credential} onChange={(_e, v) => setCredential(v)} messages={messagesFor(fields, 'credentialTitle')} />
        {nodes.length > 0 && (
          <Table caption="Competencies of the framework" layout="auto">
            <Table.Head>
              <Table.Row>
                <Table.ColHeader id="settings-c">Competency</Table.ColHeader>
                <Table.ColHeader id="settings-gb">LMS gradebook</Table.ColHeader>
                <Table.ColHeader id="settings-cred">Certificate</Table.ColHeader>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {nodes.map((c) => (
                <Table.Row key={c.id}>
                  <Table.RowHeader>{`${c.identifier} ${c.title}`}</Table.RowHeader>
                  <Table.Cell>
                    <Checkbox label={`Report ${c.identifier} to the gradebook`} checked={reports.includes(c.id)} onChange={(e) => setReports((r) => toggle(r, c.id, e.target.checked))} />
                  </Table.Cell>
                  <Table.Cell>
                    <Checkbox label={`${c.identifier} is part of the certificate`} checked={credit.includes(c.id)} onChange={(e) => setCredit((r) => toggle(r, c.id, e.target.checked))} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <View as="div" display="block">
          <Button type="submit" color="primary" interaction={busy || !frameworkId ? 'disabled' : 'enabled'}>
            {inCohort.size ? 'Save competency settings' : 'Link the framework to this cohort'}
          </Button>
        </View>
      </Flex>
    </form>
  )
}

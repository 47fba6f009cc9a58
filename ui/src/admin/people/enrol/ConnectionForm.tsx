import { useEffect, useId, useState, type FormEvent } from 'react'
import { Alert, Button, Checkbox, Flex, FormFieldGroup, Heading, SimpleSelect, Text, TextInput, View } from '@instructure/ui'
import { ApiError, apiGet, apiRequest } from '../../../api'
import { LoadingState } from '../../../components/LoadingState'
import { formatWhen } from '../peopleApi'
import type { ConnectionAnswer } from './enrolApi'

/** Props for {@link ConnectionForm}. */
export interface ConnectionFormProps {
  liveRegion: () => HTMLElement | null
  /** Tells the page whether a connection is saved (enrolling needs one). */
  onConnected: (connected: boolean) => void
}

type Kind = 'canvas' | 'moodle'
const LMS_NAMES: Record<Kind, string> = { canvas: 'Canvas', moodle: 'Moodle' }

/** The LMS API connection: shows what is saved (never the token), lets an admin save, check and remove it. */
export function ConnectionForm({ liveRegion, onConnected }: ConnectionFormProps) {
  const headingId = useId()
  const [answer, setAnswer] = useState<ConnectionAnswer | null>(null)
  const [kind, setKind] = useState<Kind>('canvas')
  const [baseUrl, setBaseUrl] = useState('')
  const [token, setToken] = useState('')
  const [allowCreate, setAllowCreate] = useState(false)
  const [roleIds, setRoleIds] = useState({ student: '5', teacher: '3' })
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string; field?: string } | null>(null)

  function show(a: ConnectionAnswer) {
    setAnswer(a)
    onConnected(!!a.connection)
    if (a.connection) {
      setKind(a.connection.kind)
      setBaseUrl(a.connection.baseUrl)
      setAllowCreate(a.connection.allowCreateUsers)
      setRoleIds({ student: String(a.connection.studentRoleId ?? 5), teacher: String(a.connection.teacherRoleId ?? 3) })
    }
  }

  useEffect(() => {
    const controller = new AbortController()
    apiGet<ConnectionAnswer>('/api/enrolment/connection', controller.signal).then(show, (e: unknown) => {
      if (!controller.signal.aborted) setResult({ tone: 'error', text: e instanceof ApiError ? e.message : String(e) })
    })
    return () => controller.abort()
    // Read once on mount; `show` only sets state.
  }, [])

  async function save(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setResult(null)
    try {
      const body = { kind, baseUrl: baseUrl.trim(), ...(token.trim() ? { token: token.trim() } : {}), ...(kind === 'moodle' ? { allowCreateUsers: allowCreate, studentRoleId: Number(roleIds.student), teacherRoleId: Number(roleIds.teacher) } : {}) }
      const saved = await apiRequest<ConnectionAnswer>('/api/enrolment/connection', { method: 'PUT', body })
      show({ ...saved, course: answer?.course })
      setToken('')
      const who = saved.connection?.check?.lmsUserName
      setResult({ tone: 'success', text: `Connection saved. ${LMS_NAMES[kind]} accepted the token${who ? ` of ${who}` : ''}.` })
    } catch (e) {
      const text = e instanceof ApiError ? e.message : String(e)
      setResult({ tone: 'error', text, field: /^(\w+):/.exec(text)?.[1] })
    } finally {
      setBusy(false)
    }
  }

  async function remove() {
    setBusy(true)
    try {
      await apiRequest('/api/enrolment/connection', { method: 'DELETE' })
      show({ connection: null, course: answer?.course })
      setResult({ tone: 'success', text: 'Connection removed. Its token was deleted.' })
    } catch (e) {
      setResult({ tone: 'error', text: e instanceof ApiError ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }

  if (!answer && !result) return <LoadingState />
  const saved = answer?.connection
  const fieldError = (field: string) => (result?.tone === 'error' && result.field === field ? [{ text: result.text, type: 'newError' as const }] : undefined)
  return (
    <View as="section" display="block" margin="0 0 large" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small">
        LMS connection
      </Heading>
      <Text as="p">
        {saved
          ? `Connected to ${LMS_NAMES[saved.kind]} at ${saved.baseUrl}. A token is saved${saved.tokenLast4 ? ` (ending in ${saved.tokenLast4})` : ''}; it is never shown again. Last changed ${formatWhen(saved.updatedAt)}${saved.updatedBy?.name ? ` by ${saved.updatedBy.name}` : ''}.`
          : 'Staffroom enrols staff through the LMS’s own API. Enter the LMS address and an API token once; Staffroom checks them before saving.'}
      </Text>
      <form onSubmit={save} noValidate>
        <FormFieldGroup description={<Text weight="bold">{saved ? 'Change the connection' : 'Connect to the LMS'}</Text>} rowSpacing="small">
          <SimpleSelect renderLabel="LMS" value={kind} onChange={(_e, { value }) => setKind(value === 'moodle' ? 'moodle' : 'canvas')}>
            <SimpleSelect.Option id="lms-canvas" value="canvas">Canvas</SimpleSelect.Option>
            <SimpleSelect.Option id="lms-moodle" value="moodle">Moodle</SimpleSelect.Option>
          </SimpleSelect>
          <TextInput
            renderLabel={kind === 'canvas' ? 'Canvas address' : 'Moodle site address'}
            placeholder={kind === 'canvas' ? 'https://district.instructure.com' : 'https://moodle.example.org'}
            value={baseUrl}
            onChange={(_e, v) => setBaseUrl(v)}
            isRequired
            messages={fieldError('baseUrl')}
          />
          <TextInput
            renderLabel={kind === 'canvas' ? 'Canvas API access token' : 'Moodle web-service token'}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(_e, v) => setToken(v)}
            isRequired={!saved}
            messages={fieldError('token') ?? (saved ? [{ text: 'Leave empty to keep the saved token. A new LMS or address needs the token again.', type: 'hint' }] : undefined)}
          />
          {kind === 'moodle' && (
            <Checkbox label="Create Moodle accounts for people who have none" checked={allowCreate} onChange={(e) => setAllowCreate(e.target.checked)} />
          )}
          {kind === 'moodle' && (
            <Flex gap="small" wrap="wrap">
              <TextInput renderLabel="Moodle role id for teachers (students in the course)" inputMode="numeric" value={roleIds.student} onChange={(_e, v) => setRoleIds((r) => ({ ...r, student: v }))} messages={fieldError('studentRoleId')} />
              <TextInput renderLabel="Moodle role id for lead teachers (editing teachers)" inputMode="numeric" value={roleIds.teacher} onChange={(_e, v) => setRoleIds((r) => ({ ...r, teacher: v }))} messages={fieldError('teacherRoleId')} />
            </Flex>
          )}
        </FormFieldGroup>
        <Flex gap="small" margin="small 0 0" wrap="wrap">
          <Button type="submit" color="primary" interaction={busy ? 'disabled' : 'enabled'}>
            {busy ? 'Checking with the LMS…' : 'Check and save'}
          </Button>
          {saved && (
            <Button onClick={() => void remove()} interaction={busy ? 'disabled' : 'enabled'}>
              Remove connection
            </Button>
          )}
        </Flex>
      </form>
      {result && (
        <Alert variant={result.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
          {result.text}
        </Alert>
      )}
    </View>
  )
}

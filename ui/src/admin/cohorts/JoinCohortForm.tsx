import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { Alert, Button, Flex, Heading, Text, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../../api'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import type { CohortDetail } from './types'

/** Props for {@link JoinCohortForm}. */
export interface JoinCohortFormProps {
  liveRegion: () => HTMLElement | null
}

/** Joins another school's cohort with the single-use code its administrator sent; this course's staff then see it. */
export function JoinCohortForm({ liveRegion }: JoinCohortFormProps) {
  const navigate = useNavigate()
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const cohort = await apiRequest<CohortDetail>('/api/cohorts/join', { method: 'POST', body: { code } })
      navigate(`/admin/cohorts/${cohort.id}`, { state: { notice: `This course has joined “${cohort.title}”. Its staff can now see the cohort.` } })
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(byField.code ? null : messageOf(e))
      setBusy(false)
    }
  }

  return (
    <View as="section" display="block" margin="large 0 0" aria-labelledby="join-heading">
      <Heading level="h2" variant="titleSection" id="join-heading" margin="0 0 x-small">
        Join another school’s cohort
      </Heading>
      <Text as="p">If another school’s administrator sent you a join code, enter it to bring this course into their cohort.</Text>
      <form onSubmit={submit} noValidate>
        {error && (
          <Alert variant="error" liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
            {error}
          </Alert>
        )}
        <Flex gap="small" alignItems="end" wrap="wrap">
          <Flex.Item shouldGrow shouldShrink>
            <TextInput renderLabel="Join code" placeholder="XXXXX-XXXXX-XXXXX-XXXXX" value={code} onChange={(_e, v) => setCode(v)} isRequired messages={messagesFor(fields, 'code')} />
          </Flex.Item>
          <Flex.Item>
            <Button type="submit" interaction={busy ? 'disabled' : 'enabled'}>
              Join cohort
            </Button>
          </Flex.Item>
        </Flex>
      </form>
    </View>
  )
}

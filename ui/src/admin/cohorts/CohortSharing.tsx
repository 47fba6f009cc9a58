import { useState, type FormEvent } from 'react'
import { Alert, Button, Flex, Heading, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../../api'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import { JoinCodes } from './JoinCodes'
import type { CohortDetail } from './types'

/** Props for {@link CohortSharing}. */
export interface CohortSharingProps {
  cohort: CohortDetail
  liveRegion: () => HTMLElement | null
}

/** Sharing a cohort: join codes for other schools' courses, and saving it as a template of this course. */
export function CohortSharing({ cohort, liveRegion }: CohortSharingProps) {
  return (
    <View as="section" display="block" margin="large 0" aria-labelledby="sharing-heading">
      <Heading level="h2" variant="titleSection" id="sharing-heading" margin="0 0 small">
        Share this cohort
      </Heading>
      {cohort.permissions.invite && cohort.status === 'active' && <JoinCodes cohortId={cohort.id} liveRegion={liveRegion} />}
      <SaveAsTemplate cohort={cohort} liveRegion={liveRegion} />
    </View>
  )
}

function SaveAsTemplate({ cohort, liveRegion }: CohortSharingProps) {
  const [title, setTitle] = useState(`${cohort.title} (template)`)
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setResult(null)
    try {
      const saved = await apiRequest<{ title: string }>(`/api/cohorts/${cohort.id}/save-as-template`, { method: 'POST', body: { title } })
      setFields({})
      setResult({ tone: 'success', text: `Saved as the template “${saved.title}”. It is offered under “New cohort”, with this cohort’s settings and published modules (no people, dates or work).` })
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setResult({ tone: 'error', text: Object.keys(byField).length ? 'The template was not saved. Check the field marked below.' : messageOf(e) })
    } finally {
      setBusy(false)
    }
  }

  if (!cohort.permissions.manage) return null
  return (
    <View as="div" display="block">
      <Heading level="h3" variant="titleModule" margin="0 0 x-small">
        Save as a template
      </Heading>
      <form onSubmit={submit} noValidate>
        {result && (
          <Alert variant={result.tone} liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
            {result.text}
          </Alert>
        )}
        <Flex gap="small" alignItems="end" wrap="wrap">
          <Flex.Item shouldGrow shouldShrink>
            <TextInput renderLabel="Template name" value={title} onChange={(_e, v) => setTitle(v)} isRequired messages={messagesFor(fields, 'title')} />
          </Flex.Item>
          <Flex.Item>
            <Button type="submit" interaction={busy ? 'disabled' : 'enabled'}>
              Save as template
            </Button>
          </Flex.Item>
        </Flex>
      </form>
    </View>
  )
}

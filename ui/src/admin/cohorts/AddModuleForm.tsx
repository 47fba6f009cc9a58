import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { Alert, Button, Flex, Heading, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../../api'
import { fieldErrorsOf, messageOf, messagesFor, type FieldErrors } from './fieldErrors'
import type { ModuleDraft } from './types'

/** Props for {@link AddModuleForm}. */
export interface AddModuleFormProps {
  cohortId: string
  liveRegion: () => HTMLElement | null
}

/** Adds an empty module at the end of the cohort and opens it in the editor, where its steps are added. */
export function AddModuleForm({ cohortId, liveRegion }: AddModuleFormProps) {
  const navigate = useNavigate()
  const [title, setTitle] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    setError(null)
    try {
      const draft = await apiRequest<ModuleDraft>(`/api/cohorts/${cohortId}/modules`, { method: 'POST', body: { title } })
      navigate(`/admin/cohorts/${cohortId}/modules/${draft.moduleId}/edit`, {
        state: { notice: `Module “${draft.title}” added. Add its steps, then publish it so staff can see it.` }
      })
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(Object.keys(byField).length ? 'The module was not added. Check the field marked below.' : messageOf(e))
      setSaving(false)
    }
  }

  return (
    <View as="div" display="block" margin="medium 0 0">
      <Heading level="h3" variant="titleModule" margin="0 0 x-small">
        Add a module
      </Heading>
      <form onSubmit={submit} noValidate>
        {error && (
          <Alert variant="error" liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
            {error}
          </Alert>
        )}
        <Flex gap="small" alignItems="end" wrap="wrap">
          <Flex.Item shouldGrow shouldShrink>
            <TextInput renderLabel="New module’s name" value={title} onChange={(_e, v) => setTitle(v)} isRequired messages={messagesFor(fields, 'title')} />
          </Flex.Item>
          <Flex.Item>
            <Button type="submit" interaction={saving ? 'disabled' : 'enabled'}>
              Add module
            </Button>
          </Flex.Item>
        </Flex>
      </form>
    </View>
  )
}

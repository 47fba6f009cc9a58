import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Alert, Button, Flex, TextArea, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../api'
import { fieldErrorsOf, messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { paths } from './competenciesApi'
import type { Framework } from './types'

/** Props for {@link FrameworkDetailsForm}. */
export interface FrameworkDetailsFormProps {
  framework: Framework
  liveRegion: () => HTMLElement | null
  onSaved: (f: Framework, message: string) => void
}

/**
 * "Edit name and description": a disclosure button and a small form (name required, up to 200 characters;
 * description up to 5,000). Focus goes to the name when it opens and back to the button when it closes.
 */
export function FrameworkDetailsForm({ framework, liveRegion, onSaved }: FrameworkDetailsFormProps) {
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState(framework.title)
  const [description, setDescription] = useState(framework.description)
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const opener = useRef<HTMLElement | null>(null)
  const name = useRef<HTMLInputElement | null>(null)
  useEffect(() => {
    if (open) name.current?.focus()
  }, [open])

  const close = () => {
    setOpen(false)
    setFields({})
    setError(null)
    opener.current?.focus()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const newTitle = title.trim()
    const local: FieldErrors = {}
    if (!newTitle) local.title = 'Give the framework a name.'
    else if (newTitle.length > 200) local.title = 'Keep the name to 200 characters or fewer.'
    if (description.length > 5000) local.description = 'Keep the description to 5,000 characters or fewer.'
    setFields(local)
    if (Object.keys(local).length) return setError('Not saved. Check the fields marked below.')
    setError(null)
    setBusy(true)
    try {
      const f = await apiRequest<Framework>(paths.framework(framework.id), { method: 'PATCH', body: { title: newTitle, description } })
      close()
      onSaved(f, 'Saved the name and description.')
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(Object.keys(byField).length ? 'Not saved. Check the fields marked below.' : e instanceof Error ? e.message : 'Not saved.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View as="div" display="block" margin="0 0 small">
      <Button
        elementRef={(el) => void (opener.current = el as HTMLElement | null)}
        aria-expanded={open}
        onClick={() => {
          if (open) return close()
          setTitle(framework.title)
          setDescription(framework.description)
          setOpen(true)
        }}
      >
        Edit name and description
      </Button>
      {open && (
        <View as="div" display="block" padding="small" borderWidth="small" borderRadius="medium" margin="small 0 0">
          <form onSubmit={(e) => void submit(e)} noValidate aria-label="Name and description of the framework">
            {error && (
              <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
                {error}
              </Alert>
            )}
            <Flex direction="column" gap="small">
              <TextInput
                renderLabel="Framework name"
                value={title}
                onChange={(_e, v) => setTitle(v)}
                isRequired
                messages={messagesFor(fields, 'title')}
                inputRef={(el) => void (name.current = el)}
              />
              <TextArea label="Framework description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} messages={messagesFor(fields, 'description')} height="5rem" />
              <Flex gap="small">
                <Button type="submit" color="primary" interaction={busy ? 'disabled' : 'enabled'}>
                  Save name and description
                </Button>
                <Button onClick={close}>Cancel</Button>
              </Flex>
            </Flex>
          </form>
        </View>
      )}
    </View>
  )
}

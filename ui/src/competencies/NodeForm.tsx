import { useState, type FormEvent } from 'react'
import { Alert, Button, Flex, SimpleSelect, TextArea, TextInput, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { fieldErrorsOf, messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { paths } from './competenciesApi'
import type { CompetencyKind, Framework, FrameworkNode } from './types'

const KIND_WORDS: Record<CompetencyKind, string> = { domain: 'Domain', competency: 'Competency', indicator: 'Indicator' }

/** Props for {@link NodeForm}. */
export interface NodeFormProps {
  framework: Framework
  /** The node to edit; without it, the form adds one. */
  node?: FrameworkNode
  liveRegion: () => HTMLElement | null
  onSaved: (f: Framework, message: string) => void
  onCancel?: () => void
}

/** Adds a node to the tree (kind, parent, code, title, description) or edits one's code, title and description. */
export function NodeForm({ framework, node, liveRegion, onSaved, onCancel }: NodeFormProps) {
  const [kind, setKind] = useState<CompetencyKind>(node?.kind ?? 'competency')
  const [parentId, setParentId] = useState<string>(node?.parentId ?? 'top')
  const [identifier, setIdentifier] = useState(node?.identifier ?? '')
  const [title, setTitle] = useState(node?.title ?? '')
  const [description, setDescription] = useState(node?.description ?? '')
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const prefix = node ? `edit-${node.id}` : 'add'

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    const body = { identifier: identifier.trim(), title: title.trim(), description }
    try {
      if (node) {
        onSaved(await apiRequest<Framework>(paths.frameworkNode(framework.id, node.id), { method: 'PATCH', body }), `Saved ${body.identifier}.`)
      } else {
        const res = await apiRequest<{ framework: Framework }>(paths.frameworkNodes(framework.id), { method: 'POST', body: { ...body, kind, parentId: parentId === 'top' ? null : parentId } })
        setIdentifier('')
        setTitle('')
        setDescription('')
        onSaved(res.framework, `Added ${body.identifier}.`)
      }
    } catch (e) {
      const byField = fieldErrorsOf(e)
      if (e instanceof ApiError && e.id === 'duplicate_identifier') byField.identifier = e.message
      if (e instanceof ApiError && e.id === 'invalid_parent') byField.parentId = e.message
      setFields(byField)
      setError(Object.keys(byField).length ? 'Not saved. Check the fields marked below.' : e instanceof Error ? e.message : 'Not saved.')
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {error}
        </Alert>
      )}
      <Flex direction="column" gap="small">
        {!node && (
          <Flex gap="small" wrap="wrap">
            <SimpleSelect renderLabel="Kind" value={kind} onChange={(_e, { value }) => setKind(value as CompetencyKind)} width="12rem">
              {(Object.keys(KIND_WORDS) as CompetencyKind[]).map((k) => (
                <SimpleSelect.Option key={k} id={`${prefix}-kind-${k}`} value={k}>
                  {KIND_WORDS[k]}
                </SimpleSelect.Option>
              ))}
            </SimpleSelect>
            <SimpleSelect renderLabel="Under" value={parentId} onChange={(_e, { value }) => setParentId(String(value))} width="20rem" messages={messagesFor(fields, 'parentId')}>
              {[
                <SimpleSelect.Option key="top" id={`${prefix}-parent-top`} value="top">
                  The top of the tree
                </SimpleSelect.Option>,
                ...framework.competencies
                  .filter((c) => c.kind !== 'indicator')
                  .map((c) => (
                    <SimpleSelect.Option key={c.id} id={`${prefix}-parent-${c.id}`} value={c.id}>
                      {`${c.identifier} ${c.title}`}
                    </SimpleSelect.Option>
                  ))
              ]}
            </SimpleSelect>
          </Flex>
        )}
        <Flex gap="small" wrap="wrap">
          <TextInput renderLabel="Code" value={identifier} onChange={(_e, v) => setIdentifier(v)} width="10rem" isRequired messages={messagesFor(fields, 'identifier', 'For example COL.3')} />
          <View as="div" display="block" minWidth="16rem">
            <TextInput renderLabel="Title" value={title} onChange={(_e, v) => setTitle(v)} isRequired messages={messagesFor(fields, 'title')} />
          </View>
        </Flex>
        <TextArea label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} messages={messagesFor(fields, 'description')} height="4rem" />
        <Flex gap="small">
          <Button type="submit" color="primary">
            {node ? `Save ${node.identifier}` : 'Add to the framework'}
          </Button>
          {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        </Flex>
      </Flex>
    </form>
  )
}

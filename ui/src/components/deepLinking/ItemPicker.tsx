import { useRef, useState, type FormEvent } from 'react'
import { Alert, Button, Checkbox, CheckboxGroup, Flex, RadioInput, RadioInputGroup, Spinner, Text, View } from '@instructure/ui'
import type { PickerItem, PickerOptions } from '../../deepLinking'
import { ItemLabel } from './ItemLabel'

/** Props for {@link ItemPicker}. */
export interface ItemPickerProps {
  options: PickerOptions
  /** True while Staffroom signs the answer: the controls are disabled and progress is shown. */
  busy: boolean
  /** Why the last attempt failed, in plain words, or null. */
  failure: string | null
  onAdd: (items: PickerItem[]) => void
  onCancel: () => void
  /** Live region for the failure alert (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** The list of Staffroom items with "Add to course" and "Cancel": radios for one item, checkboxes when the LMS takes several. */
export function ItemPicker({ options, busy, failure, onAdd, onCancel, liveRegion }: ItemPickerProps) {
  const [chosen, setChosen] = useState<string[]>([])
  const [missingChoice, setMissingChoice] = useState(false)
  const group = useRef<Element | null>(null)
  const messages = missingChoice ? [{ type: 'newError' as const, text: 'Choose an item to add, or cancel.' }] : []
  const description = options.acceptMultiple ? 'Staffroom items to add (choose one or more)' : 'Staffroom item to add'

  const choose = (ids: string[]) => {
    setChosen(ids)
    if (ids.length > 0) setMissingChoice(false)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (chosen.length === 0) {
      setMissingChoice(true)
      group.current?.querySelector<HTMLInputElement>('input')?.focus()
      return
    }
    onAdd(options.items.filter((item) => chosen.includes(item.id)))
  }

  return (
    <View as="form" display="block" onSubmit={submit} noValidate>
      <View as="div" display="block" margin="0 0 medium" elementRef={(el) => void (group.current = el)}>
        {options.acceptMultiple ? (
          <CheckboxGroup name="staffroom-items" description={description} value={chosen} onChange={(ids) => choose(ids.map(String))} messages={messages} disabled={busy}>
            {options.items.map((item) => (
              <Checkbox key={item.id} value={item.id} label={<ItemLabel item={item} />} />
            ))}
          </CheckboxGroup>
        ) : (
          <RadioInputGroup name="staffroom-item" description={description} value={chosen[0] ?? ''} onChange={(_e, id) => choose([id])} messages={messages} disabled={busy}>
            {options.items.map((item) => (
              <RadioInput key={item.id} value={item.id} label={<ItemLabel item={item} />} />
            ))}
          </RadioInputGroup>
        )}
      </View>
      {failure && (
        <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="0 0 medium">
          {failure}
        </Alert>
      )}
      <Flex gap="small" wrap="wrap" alignItems="center">
        <Button type="submit" color="primary" interaction={busy ? 'disabled' : 'enabled'}>
          Add to course
        </Button>
        <Button type="button" onClick={onCancel} interaction={busy ? 'disabled' : 'enabled'}>
          Cancel
        </Button>
        {busy && (
          <Flex gap="x-small" alignItems="center">
            <Spinner renderTitle="Adding to your course" size="x-small" />
            <Text>Adding to your course…</Text>
          </Flex>
        )}
      </Flex>
    </View>
  )
}

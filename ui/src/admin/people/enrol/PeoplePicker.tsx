import { useState } from 'react'
import { Alert, Button, Checkbox, CheckboxGroup, ScreenReaderContent, Text, TextInput, View } from '@instructure/ui'
import { roleLabel } from '../../../people'
import { personName } from '../peopleApi'
import { usePagedList } from '../usePagedList'
import type { KnownPerson } from './enrolApi'

/** Props for {@link PeoplePicker}. */
export interface PeoplePickerProps {
  selected: string[]
  onChange: (userIds: string[]) => void
}

/** Search people Staffroom already knows in this LMS and tick the ones to enrol (people without an email cannot be picked). */
export function PeoplePicker({ selected, onChange }: PeoplePickerProps) {
  const [search, setSearch] = useState('')
  const [query, setQuery] = useState('')
  const list = usePagedList<{ people: KnownPerson[]; nextCursor: string | null }>(`/api/enrolment/people?limit=50&search=${encodeURIComponent(query)}`, 0)
  const people = list.pages.flatMap((p) => p.people)

  return (
    <View as="div" display="block">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          setQuery(search.trim())
        }}
      >
        <TextInput
          renderLabel="Search by name or email"
          value={search}
          onChange={(_e, v) => setSearch(v)}
          renderAfterInput={<Button type="submit" size="small">Search<ScreenReaderContent> people</ScreenReaderContent></Button>}
        />
      </form>
      {list.error && (
        <Alert variant="error" transition="none" hasShadow={false} margin="small 0 0">
          {list.error}
        </Alert>
      )}
      {!list.loading && people.length === 0 && !list.error && <Text as="p">Nobody matches. Staffroom knows people once they have opened it or were synced from a roster.</Text>}
      {people.length > 0 && (
        <View as="div" display="block" margin="small 0 0">
          <CheckboxGroup
            name="known-people"
            description={`People to enrol (${selected.length} chosen)`}
            value={selected}
            onChange={(values) => onChange(values.map(String))}
          >
            {people.map((p) => (
              <Checkbox
                key={p.userId}
                value={p.userId}
                disabled={!p.email}
                label={`${personName(p)}${p.email ? `, ${p.email}` : ', no email shared by the LMS (cannot be picked)'}${p.school ? `, ${p.school}` : ''}${p.roleHere ? ` (${roleLabel(p.roleHere)} here)` : ' (not in this course yet)'}`}
              />
            ))}
          </CheckboxGroup>
        </View>
      )}
      {list.nextCursor && (
        <Button margin="small 0 0" onClick={list.more} interaction={list.loading ? 'disabled' : 'enabled'}>
          Show more people
        </Button>
      )}
    </View>
  )
}

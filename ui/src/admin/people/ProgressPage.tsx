import { useId, useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Heading, SimpleSelect, Text, View } from '@instructure/ui'
import { LoadingState } from '../../components/LoadingState'
import type { AdminAreaProps } from '../AdminArea'
import { CohortFrame } from './CohortFrame'
import { plural, type CohortSummary, type ProgressMatrix } from './peopleApi'
import { ShowMore } from './ShowMore'
import { ProgressTable } from './progress/ProgressTable'
import { usePagedList } from './usePagedList'

const ROLE_FILTERS = [
  { value: 'all', label: 'Everyone' },
  { value: 'participant', label: 'Teachers' },
  { value: 'lead', label: 'Lead teachers' },
  { value: 'admin', label: 'Administrators' }
] as const

/** Cohort progress for admins and leads: each person's completion of each module, with per-module totals. */
export function ProgressPage({ liveRegion }: AdminAreaProps) {
  const { cohortId = '' } = useParams()
  return (
    <CohortFrame cohortId={cohortId} screen="Progress" liveRegion={liveRegion}>
      {(cohort) => <Progress cohort={cohort} liveRegion={liveRegion} />}
    </CohortFrame>
  )
}

function Progress({ cohort, liveRegion }: { cohort: CohortSummary; liveRegion: () => HTMLElement | null }) {
  const headingId = useId()
  const [role, setRole] = useState<string>('all')
  const query = role === 'all' ? '' : `&role=${role}`
  const list = usePagedList<ProgressMatrix>(`/api/cohorts/${cohort.id}/progress?limit=50${query}`, 0)
  const first = list.pages[0]
  const people = list.pages.flatMap((p) => p.people)

  return (
    <View as="section" display="block" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small" tabIndex={-1}>
        Completion by person and module
      </Heading>
      <Text as="p">Staff from your course only. Each cell says how many of the module’s steps the person has completed.</Text>
      <View as="div" display="block" margin="small 0" maxWidth="20rem">
        <SimpleSelect renderLabel="Show" value={role} onChange={(_e, { value }) => setRole(String(value))}>
          {ROLE_FILTERS.map((f) => (
            <SimpleSelect.Option id={`progress-role-${f.value}`} key={f.value} value={f.value}>
              {f.label}
            </SimpleSelect.Option>
          ))}
        </SimpleSelect>
      </View>
      {list.loading && !first && <LoadingState />}
      {first && first.modules.length === 0 && <Text as="p">This cohort has no published modules yet, so there is no progress to show.</Text>}
      {first && first.modules.length > 0 && people.length === 0 && <Text as="p">Nobody from your course matches this choice.</Text>}
      {first && first.modules.length > 0 && people.length > 0 && (
        <ProgressTable cohortTitle={cohort.title} members={first.members} modules={first.modules} people={people} />
      )}
      {list.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
          {list.error}
        </Alert>
      )}
      <ShowMore list={list} label="Show more people" shown={`Showing ${plural(people.length, 'person', 'people')}.`} focusAfterLastId={headingId} liveRegion={liveRegion} />
    </View>
  )
}

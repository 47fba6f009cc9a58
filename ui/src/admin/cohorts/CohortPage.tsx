import { useState } from 'react'
import { useHref, useLocation, useParams } from 'react-router'
import { Alert, Button, Flex, Heading, Link, Pill, Text, View } from '@instructure/ui'
import { apiGet, apiRequest } from '../../api'
import type { AdminAreaProps } from '../AdminArea'
import { CohortModules } from './CohortModules'
import { CohortSettingsForm } from './CohortSettingsForm'
import { CohortSharing } from './CohortSharing'
import { messageOf } from './fieldErrors'
import { usePageHeadingFocus } from './focus'
import { formatDates, formatPacing } from './format'
import { NotForYou, PageError, PageLoading } from './PageStates'
import type { CohortDetail, ModuleOutline } from './types'
import { useLoad } from './useLoad'

/** One cohort: its settings, its modules (reorder, remove, add, edit), sharing, and links to its people pages. */
export function CohortPage({ liveRegion }: AdminAreaProps) {
  const headingRef = usePageHeadingFocus()
  const cohortId = useParams().cohortId ?? ''
  const notice = (useLocation().state as { notice?: string } | null)?.notice
  const { state, reload, set } = useLoad(async (signal) => {
    const [cohort, outline] = await Promise.all([
      apiGet<CohortDetail>(`/api/cohorts/${cohortId}`, signal),
      apiGet<{ canManage: boolean; modules: ModuleOutline[] }>(`/api/cohorts/${cohortId}/modules`, signal)
    ])
    return { cohort, outline }
  }, cohortId)

  if (state.status === 'loading') return <PageLoading title="Cohort" what="Loading the cohort" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={reload} />
  const { cohort, outline } = state.data
  // Participants may read a cohort, but its management screens are not for them.
  if (cohort.yourRole === 'participant') return <NotForYou liveRegion={liveRegion} />
  const canManage = outline.canManage && cohort.status === 'active'

  return (
    <View as="div" display="block">
      <CohortLinks />
      <Flex gap="small" alignItems="center" wrap="wrap" margin="0 0 x-small">
        <Heading level="h1" variant="titlePageMobile" tabIndex={-1} elementRef={headingRef}>
          {cohort.title}
        </Heading>
        {cohort.status === 'archived' && <Pill>Archived</Pill>}
      </Flex>
      <Text as="p">
        {formatDates(cohort)} · {formatPacing(cohort)} · {cohort.counts.members} {cohort.counts.members === 1 ? 'person' : 'people'}
      </Text>
      {notice && (
        <Alert variant="success" liveRegion={liveRegion} margin="small 0" hasShadow={false}>
          {notice}
        </Alert>
      )}
      <PeopleLinks />
      {cohort.permissions.manage ? (
        <CohortSettingsForm key={cohort.status} cohort={cohort} liveRegion={liveRegion} onSaved={(c) => set({ cohort: c, outline })} />
      ) : (
        <Text as="p">Only administrators of the course that holds this cohort can change its settings and modules.</Text>
      )}
      <CohortModules
        cohortId={cohort.id}
        modules={outline.modules}
        canManage={canManage}
        liveRegion={liveRegion}
        onChange={(modules) => set({ cohort, outline: { ...outline, modules } })}
      />
      {cohort.permissions.manage && <CohortSharing cohort={cohort} liveRegion={liveRegion} />}
      {cohort.permissions.manage && <ArchiveControl cohort={cohort} liveRegion={liveRegion} onSaved={(c) => set({ cohort: c, outline })} />}
    </View>
  )
}

function CohortLinks() {
  const list = useHref('/admin')
  return (
    <View as="nav" display="block" margin="0 0 small" aria-label="Cohorts">
      <Link href={list}>All cohorts</Link>
    </View>
  )
}

// Sibling pages of the cohort (relative, so they follow the cohort's id) and the course's enrolment.
function PeopleLinks() {
  const roster = useHref('roster')
  const progress = useHref('progress')
  const enrol = useHref('/admin/enrol')
  const { cohortId = '' } = useParams()
  const reports = useHref(`/reports/cohorts/${cohortId}`)
  return (
    <View as="nav" display="block" margin="small 0" aria-label="People in this cohort">
      <Flex gap="medium" wrap="wrap">
        <Link href={roster}>Roster</Link>
        <Link href={progress}>Progress</Link>
        <Link href={reports}>Reports and PD hours</Link>
        <Link href={enrol}>Enrolment from the LMS</Link>
      </Flex>
    </View>
  )
}

/** Props for {@link ArchiveControl}. */
interface ArchiveControlProps {
  cohort: CohortDetail
  onSaved: (cohort: CohortDetail) => void
  liveRegion: () => HTMLElement | null
}

function ArchiveControl({ cohort, onSaved, liveRegion }: ArchiveControlProps) {
  const [error, setError] = useState<string | null>(null)
  const archived = cohort.status === 'archived'

  async function toggle() {
    setError(null)
    try {
      onSaved(await apiRequest<CohortDetail>(`/api/cohorts/${cohort.id}`, { method: 'PATCH', body: { status: archived ? 'active' : 'archived' } }))
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View as="section" display="block" margin="large 0 0" aria-labelledby="archive-heading">
      <Heading level="h2" variant="titleSection" id="archive-heading" margin="0 0 small">
        {archived ? 'This cohort is archived' : 'Archive'}
      </Heading>
      <Text as="p">
        {archived
          ? 'Staff no longer see it in their lists, and nothing can be changed. Work, completions and PD hours stay recorded.'
          : 'When the cohort has finished, archive it: staff no longer see it in their lists, and its work and PD hours stay recorded.'}
      </Text>
      {error && (
        <Alert variant="error" liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
          {error}
        </Alert>
      )}
      <Button onClick={toggle}>{archived ? 'Unarchive cohort' : 'Archive cohort'}</Button>
    </View>
  )
}

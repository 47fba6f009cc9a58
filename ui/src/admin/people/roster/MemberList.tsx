import { useId, type ReactNode } from 'react'
import { Alert, Heading, Table, Text, View } from '@instructure/ui'
import { roleLabel } from '../../../people'
import { LoadingState } from '../../../components/LoadingState'
import { formatWhen, personName, plural, type CohortMember, type MemberPage } from '../peopleApi'
import { ShowMore } from '../ShowMore'
import type { PagedList } from '../usePagedList'

/** Props for {@link MemberList}. */
export interface MemberListProps {
  list: PagedList<MemberPage>
  /** Module titles by id, to name what each person facilitates. */
  moduleTitles: ReadonlyMap<string, string>
  liveRegion: () => HTMLElement | null
  /** Per-person actions (e.g. an admin's "Erase personal data"); adds an Actions column when given. */
  renderActions?: (m: CohortMember) => ReactNode
}

const statusLabel = (status: string) => (status === 'active' ? 'Active' : 'Left the course')

/** The course's members of a cohort as synced from the LMS, a page at a time with "Show more". */
export function MemberList({ list, moduleTitles, liveRegion, renderActions }: MemberListProps) {
  const headingId = useId()
  const members: CohortMember[] = list.pages.flatMap((p) => p.members)
  const firstLoad = list.loading && list.pages.length === 0

  return (
    <View as="section" display="block" margin="0 0 large" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small" tabIndex={-1}>
        Members
      </Heading>
      {firstLoad && <LoadingState />}
      {!firstLoad && members.length === 0 && !list.error && (
        <Text as="p">Nobody from your course is in this cohort yet. Sync with the LMS, or enrol staff, to bring people in.</Text>
      )}
      {members.length > 0 && (
        <View as="div" display="block" overflowX="auto">
          <Table caption={`Members from your course, ${plural(members.length, 'person', 'people')} shown`} layout="auto">
            <Table.Head>
              <Table.Row>
                <Table.ColHeader id="member-name">Name</Table.ColHeader>
                <Table.ColHeader id="member-role">Role</Table.ColHeader>
                <Table.ColHeader id="member-school">School</Table.ColHeader>
                <Table.ColHeader id="member-status">Status</Table.ColHeader>
                <Table.ColHeader id="member-last">Last opened Staffroom</Table.ColHeader>
                <Table.ColHeader id="member-facilitates">Facilitates</Table.ColHeader>
                {renderActions && <Table.ColHeader id="member-actions">Actions</Table.ColHeader>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {members.map((m) => (
                <Table.Row key={m.userId}>
                  <Table.RowHeader>
                    <Text as="div" weight="bold">{personName(m)}</Text>
                    {m.email && <Text as="div" size="small">{m.email}</Text>}
                  </Table.RowHeader>
                  <Table.Cell>{roleLabel(m.role)}</Table.Cell>
                  <Table.Cell>{m.school ?? 'Not recorded'}</Table.Cell>
                  <Table.Cell>{statusLabel(m.status)}</Table.Cell>
                  <Table.Cell>{formatWhen(m.lastLaunchAt, 'Not yet')}</Table.Cell>
                  <Table.Cell>
                    {m.facilitatorModuleIds.length
                      ? m.facilitatorModuleIds.map((id) => moduleTitles.get(id) ?? 'A module').join(', ')
                      : 'None'}
                  </Table.Cell>
                  {renderActions && <Table.Cell>{renderActions(m)}</Table.Cell>}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </View>
      )}
      {list.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
          {list.error}
        </Alert>
      )}
      <ShowMore list={list} label="Show more members" shown={`Showing ${plural(members.length, 'member', 'members')}.`} focusAfterLastId={headingId} liveRegion={liveRegion} />
    </View>
  )
}

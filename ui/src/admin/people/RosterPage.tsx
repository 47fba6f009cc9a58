import { useCallback, useMemo, useState } from 'react'
import { Alert } from '@instructure/ui'
import { ErasePersonButton } from '../../privacy/ErasePersonButton'
import { useParams } from 'react-router'
import type { AdminAreaProps } from '../AdminArea'
import { CohortFrame } from './CohortFrame'
import { personName, type CohortSummary, type MemberPage } from './peopleApi'
import { FacilitatorPanel, type FacilitatedModule } from './roster/FacilitatorPanel'
import { MemberList } from './roster/MemberList'
import { SyncPanel } from './roster/SyncPanel'
import { useRosterSync } from './roster/useRosterSync'
import { useApiData } from './useApiData'
import { usePagedList } from './usePagedList'

/** A cohort's roster: members synced from the LMS, "Sync now" with its progress, and module facilitators. */
export function RosterPage({ me, liveRegion }: AdminAreaProps) {
  const { cohortId = '' } = useParams()
  return (
    <CohortFrame cohortId={cohortId} screen="Roster" liveRegion={liveRegion}>
      {(cohort) => <Roster cohort={cohort} canSync={me.role === 'admin'} eraserId={me.role === 'admin' ? me.user.id : null} liveRegion={liveRegion} />}
    </CohortFrame>
  )
}

interface RosterProps {
  cohort: CohortSummary
  canSync: boolean
  /** The signed-in admin (who may erase anyone but themselves); null for leads. */
  eraserId: string | null
  liveRegion: () => HTMLElement | null
}

function Roster({ cohort, canSync, eraserId, liveRegion }: RosterProps) {
  const [erasure, setErasure] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = useCallback(() => setReloadKey((k) => k + 1), [])
  const sync = useRosterSync(reload)
  const list = usePagedList<MemberPage>(`/api/cohorts/${cohort.id}/members?status=all&limit=50`, reloadKey)
  const modules = useApiData<{ modules: (FacilitatedModule & { archived: boolean })[] }>(`/api/cohorts/${cohort.id}/modules`)
  const live = useMemo(() => (modules.status === 'ready' ? modules.data.modules.filter((m) => !m.archived) : []), [modules])
  const titles = useMemo(() => new Map(live.map((m) => [m.id, m.title])), [live])
  const canAssign = cohort.yourRole === 'admin' && cohort.status === 'active' && cohort.kind === 'cohort'

  return (
    <>
      <SyncPanel sync={sync} canSync={canSync} liveRegion={liveRegion} />
      {erasure && (
        <Alert variant={erasure.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {erasure.text}
        </Alert>
      )}
      <MemberList
        list={list}
        moduleTitles={titles}
        liveRegion={liveRegion}
        renderActions={
          eraserId
            ? (m) =>
                m.userId === eraserId ? null : (
                  <ErasePersonButton
                    person={{ userId: m.userId, name: personName(m) }}
                    onErased={(text) => {
                      setErasure({ tone: 'success', text })
                      reload()
                    }}
                    onFailed={(text) => setErasure({ tone: 'error', text })}
                  />
                )
            : undefined
        }
      />
      {canAssign && (
        <FacilitatorPanel
          cohortId={cohort.id}
          modules={live}
          members={list.pages.flatMap((p) => p.members)}
          onChanged={reload}
          liveRegion={liveRegion}
        />
      )}
    </>
  )
}

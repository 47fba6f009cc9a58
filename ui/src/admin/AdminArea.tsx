import { useEffect, useRef, useState } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router'
import type { Me } from '../types'
import { CohortListPage } from './cohorts/CohortListPage'
import { CohortPage } from './cohorts/CohortPage'
import { NavigatedContext } from './cohorts/focus'
import { ModuleEditorPage } from './cohorts/ModuleEditorPage'
import { EnrolPage } from './people/EnrolPage'
import { ProgressPage } from './people/ProgressPage'
import { RosterPage } from './people/RosterPage'

/** Props for {@link AdminArea} and each of its pages. */
export interface AdminAreaProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** The admin's (and lead's) screens under /admin: cohorts, module editor, roster, cohort progress, enrolment. */
export function AdminArea(props: AdminAreaProps) {
  const navigated = useNavigatedSinceMount()
  return (
    <NavigatedContext.Provider value={navigated}>
      <Routes>
        <Route index element={<CohortListPage {...props} />} />
        <Route path="cohorts/:cohortId" element={<CohortPage {...props} />} />
        <Route path="cohorts/:cohortId/modules/:moduleId/edit" element={<ModuleEditorPage {...props} />} />
        <Route path="cohorts/:cohortId/roster" element={<RosterPage {...props} />} />
        <Route path="cohorts/:cohortId/progress" element={<ProgressPage {...props} />} />
        <Route path="enrol" element={<EnrolPage {...props} />} />
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </NavigatedContext.Provider>
  )
}

// Whether the path changed since the admin area opened: only then do pages move focus to their heading.
function useNavigatedSinceMount(): boolean {
  const { pathname } = useLocation()
  const first = useRef(pathname)
  const [navigated, setNavigated] = useState(false)
  useEffect(() => {
    if (pathname !== first.current) setNavigated(true)
  }, [pathname])
  return navigated || pathname !== first.current
}

import { useEffect, useState } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router'
import type { Me } from '../types'
import { DeepLinkingView } from './deepLinking/DeepLinkingView'
import { HomeForRole } from './home/HomeForRole'
import { ADD_TO_COURSE_PATH, startPath } from './items/itemPaths'
import { LearningArea } from '../learning/LearningArea'
import { AdminArea } from '../admin/AdminArea'
import { ReportsArea } from '../reports/ReportsArea'
import { AuditionsArea } from '../auditions/AuditionsArea'
import { CompetenciesArea } from '../competencies/CompetenciesArea'
import { MyDataPage } from '../privacy/MyDataPage'

/** Props for {@link ReadyView}. */
export interface ReadyViewProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/**
 * The signed-in app's screens. A launch starts where it was aimed (the picker for a deep-linking request,
 * the item a course link names) once; after that, the home route is the role's home.
 */
export function ReadyView({ me, liveRegion }: ReadyViewProps) {
  const { pathname } = useLocation()
  const [pendingStart, setPendingStart] = useState(() => startPath(me))
  useEffect(() => {
    if (pathname !== '/') setPendingStart(null)
  }, [pathname])

  return (
    <Routes>
      <Route index element={pendingStart ? <Navigate to={pendingStart} replace /> : <HomeForRole role={me.role} />} />
      <Route path={ADD_TO_COURSE_PATH} element={<DeepLinkingView me={me} liveRegion={liveRegion} />} />
      <Route path="/my-learning/*" element={<LearningArea me={me} liveRegion={liveRegion} />} />
      <Route path="/admin/*" element={<AdminArea me={me} liveRegion={liveRegion} />} />
      <Route path="/reports/*" element={<ReportsArea me={me} liveRegion={liveRegion} />} />
      <Route path="/auditions/*" element={<AuditionsArea me={me} liveRegion={liveRegion} />} />
      <Route path="/competencies/*" element={<CompetenciesArea me={me} liveRegion={liveRegion} />} />
      <Route path="/my-data" element={<MyDataPage liveRegion={liveRegion} />} />
      <Route path="/feedback-queue" element={<Navigate to="/auditions" replace />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  )
}

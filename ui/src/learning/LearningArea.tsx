import { Navigate, Route, Routes } from 'react-router'
import type { Me } from '../types'
import { MyLearningPage } from './MyLearningPage'
import { PdHoursPage } from './PdHoursPage'
import { ModulePlayerPage } from './player/ModulePlayerPage'

/** Props for {@link LearningArea} and each of its pages. */
export interface LearningPageProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** Props for {@link LearningArea} (kept as its own name for ReadyView). */
export type LearningAreaProps = LearningPageProps

/** The teacher's screens under /my-learning: cohorts and next steps, the module player, PD hours. */
export function LearningArea(props: LearningAreaProps) {
  return (
    <Routes>
      <Route index element={<MyLearningPage {...props} />} />
      <Route path="hours" element={<PdHoursPage {...props} />} />
      <Route path="cohorts/:cohortId/modules/:moduleId" element={<ModulePlayerPage {...props} />} />
      <Route path="cohorts/:cohortId/modules/:moduleId/steps/:stepId" element={<ModulePlayerPage {...props} />} />
      <Route path="*" element={<Navigate to="/my-learning" replace />} />
    </Routes>
  )
}

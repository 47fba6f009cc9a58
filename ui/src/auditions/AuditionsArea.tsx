import { Navigate, Route, Routes } from 'react-router'
import type { Me } from '../types'
import { AuditionPage } from './AuditionPage'
import { AuditionsIndexPage } from './AuditionsIndexPage'
import { CalibrationPage } from './CalibrationPage'
import { HistoryPage } from './HistoryPage'
import { LeadOverviewPage } from './LeadOverviewPage'
import { QualityPage } from './QualityPage'
import { ReviewPage } from './ReviewPage'
import { RubricSetupPage } from './RubricSetupPage'

/** Props for {@link AuditionsArea} and each of its pages. */
export interface AuditionsPageProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** Props for {@link AuditionsArea} (kept as its own name for ReadyView). */
export type AuditionsAreaProps = AuditionsPageProps

/** The auditions screens under /auditions: the index, a teacher's audition, the review form and the lead's views. */
export function AuditionsArea(props: AuditionsAreaProps) {
  return (
    <Routes>
      <Route index element={<AuditionsIndexPage {...props} />} />
      <Route path="cohorts/:cohortId/:auditionId" element={<AuditionPage {...props} />} />
      <Route path="cohorts/:cohortId/:auditionId/calibration" element={<CalibrationPage {...props} />} />
      <Route path="cohorts/:cohortId/:auditionId/reviews/:reviewId" element={<ReviewPage {...props} />} />
      <Route path="lead/:cohortId/:auditionId" element={<LeadOverviewPage {...props} />} />
      <Route path="lead/:cohortId/:auditionId/quality" element={<QualityPage {...props} />} />
      <Route path="lead/:cohortId/:auditionId/setup" element={<RubricSetupPage {...props} />} />
      <Route path="lead/:cohortId/:auditionId/submissions/:submissionId" element={<HistoryPage {...props} />} />
      <Route path="*" element={<Navigate to="/auditions" replace />} />
    </Routes>
  )
}

import './competencies.css'
import type { ReactElement } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { StatusMessage } from '../components/StatusMessage'
import type { Me } from '../types'
import { CertificateHoldersPage } from './CertificateHoldersPage'
import { CertificatePage } from './CertificatePage'
import { CohortSettingsPage } from './CohortSettingsPage'
import { CompetenciesHome } from './CompetenciesHome'
import { FrameworkEditorPage } from './FrameworkEditorPage'
import { FrameworkListPage } from './FrameworkListPage'
import { GradingQueuePage } from './GradingQueuePage'
import { HeatmapPage } from './HeatmapPage'
import { ImportFrameworkPage } from './ImportFrameworkPage'
import { MyCompetenciesPage } from './MyCompetenciesPage'
import { MyCompetencyPage } from './MyCompetencyPage'
import { PersonCompetencyPage } from './PersonCompetencyPage'

/** Props for {@link CompetenciesArea} and each of its pages. */
export interface CompetenciesAreaProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/**
 * The competency screens under /competencies: the cohorts (index, what a course link opens), the grading queue, a
 * person's evidence and rating form, one's own profile and certificates, the heatmap, certificate holders, and
 * (admins) frameworks and cohort settings.
 */
export function CompetenciesArea(props: CompetenciesAreaProps) {
  const leads = props.me.role !== 'participant'
  const admin = props.me.role === 'admin'
  const only = (allowed: boolean, page: ReactElement, who: 'leaders' | 'admins') => (allowed ? page : <NotForYou who={who} liveRegion={props.liveRegion} />)
  return (
    <Routes>
      <Route index element={<CompetenciesHome {...props} />} />
      <Route path="cohorts/:cohortId/mine" element={<MyCompetenciesPage {...props} />} />
      <Route path="cohorts/:cohortId/mine/:competencyId" element={<MyCompetencyPage {...props} />} />
      <Route path="cohorts/:cohortId/queue" element={only(leads, <GradingQueuePage {...props} />, 'leaders')} />
      <Route path="cohorts/:cohortId/people/:userId/:competencyId" element={only(leads, <PersonCompetencyPage {...props} />, 'leaders')} />
      <Route path="cohorts/:cohortId/heatmap" element={only(leads, <HeatmapPage {...props} />, 'leaders')} />
      <Route path="cohorts/:cohortId/certificate" element={<CertificatePage {...props} />} />
      <Route path="cohorts/:cohortId/people/:userId/certificate" element={only(leads, <CertificatePage {...props} />, 'leaders')} />
      <Route path="cohorts/:cohortId/certificates" element={only(leads, <CertificateHoldersPage {...props} />, 'leaders')} />
      <Route path="cohorts/:cohortId/settings" element={only(admin, <CohortSettingsPage {...props} />, 'admins')} />
      <Route path="frameworks" element={only(leads, <FrameworkListPage {...props} />, 'leaders')} />
      <Route path="frameworks/import" element={only(admin, <ImportFrameworkPage {...props} />, 'admins')} />
      <Route path="frameworks/:frameworkId" element={only(leads, <FrameworkEditorPage {...props} />, 'leaders')} />
      <Route path="*" element={<Navigate to="/competencies" replace />} />
    </Routes>
  )
}

function NotForYou({ who, liveRegion }: { who: 'leaders' | 'admins'; liveRegion: () => HTMLElement | null }) {
  return (
    <StatusMessage tone="info" title={who === 'admins' ? 'This page is for administrators' : 'This page is for course leaders'} liveRegion={liveRegion}>
      {who === 'admins'
        ? 'Only course administrators can change frameworks and cohort settings. Your competencies are under Competencies.'
        : 'Grading, the heatmap and frameworks are for administrators and lead teachers. Your own competencies are under Competencies.'}
    </StatusMessage>
  )
}

import './reports.css'
import { Navigate, Route, Routes } from 'react-router'
import { StatusMessage } from '../components/StatusMessage'
import type { Me } from '../types'
import { AuditLogPage } from './AuditLogPage'
import { CohortReportsPage } from './CohortReportsPage'
import { ReportsNavigatedContext, useNavigatedSinceMount } from './focus'
import { ImpactSummaryPage } from './ImpactSummaryPage'
import { OverviewPage } from './OverviewPage'
import { ReportsIndexPage } from './ReportsIndexPage'

/** Props for {@link ReportsArea} and each of its pages. */
export interface ReportsAreaProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** The reports screens under /reports: the cohort list, a cohort's reports and impact summary, the tenant overview and the audit log. */
export function ReportsArea(props: ReportsAreaProps) {
  const navigated = useNavigatedSinceMount()
  if (props.me.role === 'participant') {
    return (
      <StatusMessage tone="info" title="Reports are for course leaders" liveRegion={props.liveRegion}>
        Participation and PD-hours reports are for course administrators and lead teachers. Your own PD hours are under My learning.
      </StatusMessage>
    )
  }
  return (
    <ReportsNavigatedContext.Provider value={navigated}>
      <Routes>
        <Route index element={<ReportsIndexPage {...props} />} />
        <Route path="cohorts/:cohortId" element={<CohortReportsPage {...props} />} />
        <Route path="cohorts/:cohortId/impact" element={<ImpactSummaryPage {...props} />} />
        <Route path="overview" element={props.me.role === 'admin' ? <OverviewPage {...props} /> : <AdminsOnly {...props} what="The overview of all cohorts" />} />
        <Route path="audit" element={props.me.role === 'admin' ? <AuditLogPage {...props} /> : <AdminsOnly {...props} what="The audit log" />} />
        <Route path="*" element={<Navigate to="/reports" replace />} />
      </Routes>
    </ReportsNavigatedContext.Provider>
  )
}

function AdminsOnly({ liveRegion, what }: ReportsAreaProps & { what: string }) {
  return (
    <StatusMessage tone="info" title={`${what} is for administrators`} liveRegion={liveRegion}>
      Only LMS administrators can open {what.toLowerCase()}. Cohort reports are under Reports.
    </StatusMessage>
  )
}

import { useEffect } from 'react'
import { reportVisibleTime, type StepRef } from './stepApi'

/** Visible seconds are reported this often (the server counts at most 120 s a report). */
const REPORT_EVERY_MS = 30_000

/**
 * Measures time on task: while the step is open and the page visible (Page Visibility API), adds up visible
 * time and reports it every 30 s, and when the page is hidden or the step closed. A hidden tab adds nothing.
 */
export function useVisibleTime(at: StepRef, enabled: boolean): void {
  const { cohortId, moduleId, stepId } = at
  useEffect(() => {
    if (!enabled) return
    const ref = { cohortId, moduleId, stepId }
    let visibleSince: number | null = document.visibilityState === 'visible' ? Date.now() : null
    let pendingMs = 0
    const collect = () => {
      if (visibleSince !== null) {
        pendingMs += Date.now() - visibleSince
        visibleSince = document.visibilityState === 'visible' ? Date.now() : null
      }
    }
    const report = () => {
      collect()
      const seconds = Math.min(Math.floor(pendingMs / 1000), 3600)
      if (seconds < 1) return
      pendingMs -= seconds * 1000
      // Measurement is best effort: a failed report is not worth interrupting the teacher for.
      reportVisibleTime(ref, seconds).catch(() => undefined)
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') visibleSince ??= Date.now()
      else report()
    }
    const timer = window.setInterval(report, REPORT_EVERY_MS)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisibility)
      report()
    }
  }, [enabled, cohortId, moduleId, stepId])
}

import type { ProgressStatus, StepKind } from './learningTypes'

/** "45 minutes", "1 hour 30 minutes": estimates read aloud as well as they look. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (h === 0) return part(m, 'minute')
  return m === 0 ? part(h, 'hour') : `${part(h, 'hour')} ${part(m, 'minute')}`
}

/** PD hours with at most two decimals ("1.75 hours"). */
export function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`
}

/** Plain words for a progress status. */
export const STATUS_LABEL: Record<ProgressStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete'
}

/** What each kind of step asks of the teacher. */
export const KIND_LABEL: Record<StepKind, string> = {
  read: 'Read or watch',
  reflect: 'Reflect',
  audition: 'Audition',
  checkpoint: 'Team checkpoint',
  inquiry: 'Inquiry cycle',
  survey: 'Short survey'
}

/** A date (YYYY-MM-DD or ISO date-time) in the reader's locale; `dayOnly` leaves out the time of day. */
export function formatDate(value: string, dayOnly = false): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  // A bare date is a calendar day: read it as UTC so no time zone shifts it to the day before.
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(d.getTime())) return value
  if (dayOnly && !dateOnly) return d.toLocaleDateString(undefined, { dateStyle: 'long' })
  return dateOnly
    ? d.toLocaleDateString(undefined, { dateStyle: 'long', timeZone: 'UTC' })
    : d.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' })
}

/** The player route of a module (and step). */
export function playerPath(cohortId: string, moduleId: string, stepId?: string): string {
  const base = `/my-learning/cohorts/${cohortId}/modules/${moduleId}`
  return stepId ? `${base}/steps/${stepId}` : base
}

import type { CohortSummary, ModuleOutline } from './types'

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** A `YYYY-MM-DD` day in the reader's words ("7 Sep 2026"). */
export function formatDay(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date)
}

/** A cohort's dates in words. */
export function formatDates(c: Pick<CohortSummary, 'startsOn' | 'endsOn'>): string {
  if (c.startsOn && c.endsOn) return `${formatDay(c.startsOn)} to ${formatDay(c.endsOn)}`
  if (c.startsOn) return `From ${formatDay(c.startsOn)}`
  if (c.endsOn) return `Until ${formatDay(c.endsOn)}`
  return 'No dates set'
}

/** Minutes as hours and minutes ("1 hour 30 minutes"). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const parts = [h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '', m || !h ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : '']
  return parts.filter(Boolean).join(' ')
}

/** PD minutes as PD hours ("1.5 PD hours"). */
export function formatPdHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100
  return `${hours} PD ${hours === 1 ? 'hour' : 'hours'}`
}

/** A cohort's pacing in words. */
export function formatPacing(c: Pick<CohortSummary, 'pacing' | 'weeklyMinutes'>): string {
  return c.pacing === 'weekly' && c.weeklyMinutes ? `About ${formatMinutes(c.weeklyMinutes)} a week` : 'Self-paced'
}

/** Where a module stands: published (with unpublished changes), draft only, or removed. */
export function moduleState(m: ModuleOutline): string {
  if (m.archived) return 'Removed from the cohort'
  if (!m.published) return 'Not published yet'
  return m.draft ? `Published (version ${m.published.number}), with unpublished changes` : `Published (version ${m.published.number})`
}

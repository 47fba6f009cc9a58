import { formatDate } from '../learning/format'
import type { ModuleRow, WeekRow } from './reportsApi'
import { plural } from './reportsApi'

/** "Week of 23 November 2026": a week's label in charts and tables. */
export function weekLabel(weekStart: string): string {
  return `Week of ${formatDate(weekStart)}`
}

/** The text alternative of the weekly activity chart: totals, the busiest week and the latest week. */
export function weeklySummary(weeks: WeekRow[]): string {
  if (weeks.length === 0) return 'Nobody completed or started a step in this date range.'
  const steps = weeks.reduce((n, w) => n + w.stepsCompleted, 0)
  const modules = weeks.reduce((n, w) => n + w.modulesCompleted, 0)
  const busiest = weeks.reduce((best, w) => (w.stepsCompleted > best.stepsCompleted ? w : best))
  const latest = weeks[weeks.length - 1]!
  const parts = [
    `Activity in ${plural(weeks.length, 'week', 'weeks')}: ${plural(steps, 'step', 'steps')} and ${plural(modules, 'module', 'modules')} completed in total.`,
    `The busiest week was the week of ${formatDate(busiest.weekStart)}, with ${plural(busiest.activePeople, 'active person', 'active people')} and ${plural(busiest.stepsCompleted, 'step', 'steps')} completed.`
  ]
  if (latest !== busiest) {
    parts.push(`In the latest week (the week of ${formatDate(latest.weekStart)}), ${plural(latest.activePeople, 'person was', 'people were')} active.`)
  }
  return parts.join(' ')
}

/** The text alternative of the module completion chart: how many started and completed each module. */
export function moduleSummary(modules: ModuleRow[]): string {
  if (modules.length === 0) return 'This cohort has no published modules yet.'
  const completions = modules.reduce((n, m) => n + m.completed, 0)
  const each = modules.map((m) => `“${m.title}”: ${m.started} started, ${m.completed} completed`).join('; ')
  return `${plural(completions, 'module completion', 'module completions')} in this date range across ${plural(modules.length, 'module', 'modules')}. ${each}.`
}

import type { ReactNode } from 'react'
import { ScreenReaderContent, View } from '@instructure/ui'
import { ApiError } from '../api'
import { StatusMessage } from '../components/StatusMessage'
export { PageLoading } from '../components/PageLoading'
import { AppLink } from '../learning/AppLink'
import { levelAbbreviations, levelAt, levelClass } from './levels'
import type { ScaleLevel } from './types'

/** Props for {@link PageError}. */
export interface PageErrorProps {
  error: ApiError
  liveRegion: () => HTMLElement | null
  onRetry?: () => void
}

/** Why a competency page cannot be shown, in plain words, with "Try again" for failures that may pass. */
export function PageError({ error, liveRegion, onRetry }: PageErrorProps) {
  const retry = error.status === 0 || error.status >= 500 ? onRetry : undefined
  if (error.id === 'cohort_has_no_framework') return <NoFramework liveRegion={liveRegion} />
  const title = error.status === 403 ? 'This page is for course leaders' : error.status === 404 ? 'We could not find that' : 'Something went wrong'
  const text = error.status === 404 ? `${error.message} It may have been removed, or it belongs to another course.` : error.message
  return (
    <StatusMessage tone={error.status === 403 || error.status === 404 ? 'warning' : 'error'} title={title} liveRegion={liveRegion} onRetry={retry}>
      {text}
    </StatusMessage>
  )
}

/** The page for a cohort that has no competency framework yet. */
export function NoFramework({ liveRegion }: { liveRegion: () => HTMLElement | null }) {
  return (
    <StatusMessage tone="info" title="No competencies yet" liveRegion={liveRegion}>
      This cohort does not use a competency framework yet. An administrator can link one under Competencies.
    </StatusMessage>
  )
}

/** A "back to …" navigation line above a page's h1. */
export function BackNav({ to, children, label = 'Competencies' }: { to: string; children: ReactNode; label?: string }) {
  return (
    <View as="nav" display="block" margin="0 0 small" aria-label={label}>
      <AppLink to={to}>{children}</AppLink>
    </View>
  )
}

/** Props for {@link LevelBadge}. */
export interface LevelBadgeProps {
  scale: readonly ScaleLevel[]
  /** The level's position; null is "not rated yet". */
  position: number | null
  /** `short`: the level's short name on screen, its full name for screen readers (heatmap cells). */
  variant?: 'full' | 'short'
}

/** A level in its mastery colour, always with its name (colour alone never carries the meaning). */
export function LevelBadge({ scale, position, variant = 'full' }: LevelBadgeProps) {
  const level = position === null ? undefined : levelAt(scale, position)
  const label = level?.label ?? 'Not rated yet'
  if (variant === 'full') return <span className={levelClass(position, scale.length)}>{label}</span>
  const short = position === null ? '–' : (levelAbbreviations(scale)[scale.findIndex((l) => l.position === position)] ?? '?')
  return (
    <span className={levelClass(position, scale.length)}>
      <span aria-hidden="true">{short}</span>
      <ScreenReaderContent>{label}</ScreenReaderContent>
    </span>
  )
}

/** Plain words for where a piece of evidence came from. */
export const SOURCE_WORDS: Record<string, string> = {
  own: 'Added by the person',
  audition_version: 'Audition version',
  reflection: 'Reflection',
  inquiry_entry: 'Inquiry cycle entry'
}

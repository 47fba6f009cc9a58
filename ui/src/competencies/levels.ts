import type { ScaleLevel } from './types'

/**
 * Short names for a scale's levels, in scale order: the first letter ("B" for Beginning), or the first letters of
 * each word; where two levels would share one, their first three letters; failing that, "L1", "L2", …
 */
export function levelAbbreviations(scale: readonly ScaleLevel[]): string[] {
  const initials = scale.map((l) => l.label.split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase()).join('') || '?')
  if (new Set(initials).size === scale.length) return initials
  const three = scale.map((l) => l.label.slice(0, 3))
  if (new Set(three.map((t) => t.toLowerCase())).size === scale.length) return three
  return scale.map((_l, i) => `L${i + 1}`)
}

/** The colour band (0–4) of a level position on a scale of `size` levels, lowest red to highest green. */
export function levelBand(position: number, size: number): number {
  if (size <= 1) return 4
  return Math.round((position / (size - 1)) * 4)
}

/** The CSS class of a level's colour (see competencies.css); `null` is "not rated". */
export function levelClass(position: number | null, size: number): string {
  return position === null ? 'cmp-level cmp-level--none' : `cmp-level cmp-level--${levelBand(position, size)}`
}

/** A scale level by position. */
export const levelAt = (scale: readonly ScaleLevel[], position: number): ScaleLevel | undefined => scale.find((l) => l.position === position)

/** "Proficient (3 points)" style words for a level. */
export const levelWords = (l: Pick<ScaleLevel, 'label' | 'points'>): string => `${l.label} (${l.points} ${l.points === 1 ? 'point' : 'points'})`

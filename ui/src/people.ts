import type { Me, StaffroomRole } from './types'

/** Shown when the LMS shares no name (Canvas anonymous / Moodle privacy settings). */
export const ANONYMOUS_LABEL = 'Staff member'

/** The best name the LMS gave us, or a neutral label for an opaque user. */
export function displayName(user: Me['user']): string {
  const name = user.name?.trim()
  if (name) return name
  const joined = [user.givenName, user.familyName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ')
  return joined || ANONYMOUS_LABEL
}

const ROLE_LABELS: Record<StaffroomRole, string> = {
  admin: 'Administrator',
  lead: 'Lead teacher',
  participant: 'Teacher'
}

/** Plain-language name of a Staffroom role. */
export function roleLabel(role: StaffroomRole): string {
  return ROLE_LABELS[role]
}

/** True when the server sent a role this build knows how to show. */
export function isStaffroomRole(value: unknown): value is StaffroomRole {
  return typeof value === 'string' && Object.hasOwn(ROLE_LABELS, value)
}

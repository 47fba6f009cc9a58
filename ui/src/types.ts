/** Staffroom's own role for the signed-in user, derived by the server from LTI roles. */
export type StaffroomRole = 'admin' | 'lead' | 'participant'

/** Response of `GET /api/me`. Names and email may be null when the LMS withholds them. */
export interface Me {
  user: {
    id: string
    name: string | null
    givenName: string | null
    familyName: string | null
    email: string | null
  }
  role: StaffroomRole
  context: { id: string; title: string | null; label: string | null }
  platform: { issuer: string; name: string | null }
  /** How Staffroom was opened: a course link, or the LMS asking for content to add (deep linking). */
  launch: { messageType: LaunchMessageType }
  /** For a Staffroom link placed in the course: which item it opens (`home` when it names something unknown). */
  target: { item: string } | null
}

/** The LTI message types Staffroom is launched with. */
export type LaunchMessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest'

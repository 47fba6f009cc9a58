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
}

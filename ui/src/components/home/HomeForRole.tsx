import type { StaffroomRole } from '../../types'
import { AdminHome } from './AdminHome'
import { LeadHome } from './LeadHome'
import { ParticipantHome } from './ParticipantHome'

/** Props for {@link HomeForRole}. */
export interface HomeForRoleProps {
  role: StaffroomRole
}

/** Picks the home page for the user's Staffroom role. */
export function HomeForRole({ role }: HomeForRoleProps) {
  switch (role) {
    case 'admin':
      return <AdminHome />
    case 'lead':
      return <LeadHome />
    case 'participant':
      return <ParticipantHome />
  }
}

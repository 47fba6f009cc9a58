import { EmptyHome } from './EmptyHome'

const COMING_SOON = [
  'Evidence from your colleagues, ready for you to assess',
  'A view of feedback quality, so you can see where a nudge would help',
  'The modules your group is working through'
] as const

/** Empty home for lead teachers, who assess evidence and support colleagues. */
export function LeadHome() {
  return (
    <EmptyHome
      title="Your lead-teacher workspace"
      intro="This is where you will support your colleagues' learning, a few minutes at a time."
      comingSoon={COMING_SOON}
      note="Nothing needs your attention right now. Enjoy the quiet; we will show new work here as it comes in."
    />
  )
}

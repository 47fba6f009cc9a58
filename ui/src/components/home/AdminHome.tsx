import { EmptyHome } from './EmptyHome'

const COMING_SOON = [
  'Cohorts you can start from ready-made templates',
  'Your roster, brought in from the LMS so nobody has to be added by hand',
  'Modules that staff work through at their own pace',
  'A competency framework to describe what good practice looks like',
  'Reports on progress across your cohorts'
] as const

/** Empty home for administrators, who set professional learning up. */
export function AdminHome() {
  return (
    <EmptyHome
      title="Set up professional learning"
      intro="This is where you will plan professional learning for your staff, so they can fit it around their teaching."
      comingSoon={COMING_SOON}
      note="Nothing to set up just yet. When these tools arrive, they will appear right here."
    />
  )
}

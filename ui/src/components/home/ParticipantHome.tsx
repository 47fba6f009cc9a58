import { EmptyHome } from './EmptyHome'

const COMING_SOON = [
  'Short modules you can work through at your own pace',
  'Feedback to give to colleagues, and feedback they give you',
  'A record of what you have done, to pick up wherever you left off'
] as const

/** Empty home for teachers taking part in professional learning. */
export function ParticipantHome() {
  return (
    <EmptyHome
      title="My learning"
      intro="Professional learning that fits around your timetable. Dip in when you have a spare moment."
      comingSoon={COMING_SOON}
      note="There is nothing to do yet. When your first module is ready, you will find it here."
    />
  )
}

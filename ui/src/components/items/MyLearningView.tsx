import { EmptyHome } from '../home/EmptyHome'

const COMING_SOON = [
  'The cohorts you belong to, and the module you are working on',
  'Your next step, with how long it should take',
  'Feedback your colleagues are waiting for'
] as const

/** "My learning", opened from a Staffroom link in the course (a placeholder until modules arrive). */
export function MyLearningView() {
  return (
    <EmptyHome
      title="My learning"
      intro="Your cohorts, your next step and how long it will take, all in one place."
      comingSoon={COMING_SOON}
      note="Nothing to work on yet. When your first module is ready, it will be waiting here."
    />
  )
}

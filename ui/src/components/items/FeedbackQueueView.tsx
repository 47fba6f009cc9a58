import { EmptyHome } from '../home/EmptyHome'

const COMING_SOON = [
  'Lessons and plans colleagues have shared for feedback, with their classroom context',
  'A short guide for each review, so your feedback is specific and kind',
  'How long each review should take'
] as const

/** "Feedback to give", opened from a Staffroom link in the course (a placeholder until auditions arrive). */
export function FeedbackQueueView() {
  return (
    <EmptyHome
      title="Feedback to give"
      intro="Colleagues’ work waiting for your feedback, to fit in when you have a few minutes."
      comingSoon={COMING_SOON}
      note="Nobody is waiting for your feedback right now."
    />
  )
}

import { EmptyHome } from '../home/EmptyHome'

const COMING_SOON = [
  'Where you stand on each competency, in plain words',
  'The evidence behind each level, from your own work and colleagues’ feedback',
  'What the next level looks like, and a way to ask for a review'
] as const

/** The competency profile, opened from a Staffroom link in the course (a placeholder until competencies arrive). */
export function CompetencyProfileView() {
  return (
    <EmptyHome
      title="Competency profile"
      intro="A picture of your growth as a teacher, built from the work you do in Staffroom."
      comingSoon={COMING_SOON}
      note="No competencies have been set up for this course yet."
    />
  )
}

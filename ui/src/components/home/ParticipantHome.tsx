import { MyLearningPage } from '../../learning/MyLearningPage'

// HomeForRole passes no props; the shell's announcer is the first role="alert" region inside <main>.
const shellLiveRegion = () => document.querySelector<HTMLElement>('main [role="alert"]')

/** A teacher's home is "My learning": their cohorts, next step and progress, at `/` as at `/my-learning`. */
export function ParticipantHome() {
  return <MyLearningPage liveRegion={shellLiveRegion} />
}

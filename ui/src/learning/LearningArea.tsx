import type { Me } from '../types'
import { MyLearningView } from '../components/items/MyLearningView'

/** Props for {@link LearningArea}. */
export interface LearningAreaProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** The teacher's screens under /my-learning: cohorts and next steps, the module player, PD hours. */
export function LearningArea(_props: LearningAreaProps) {
  return <MyLearningView />
}

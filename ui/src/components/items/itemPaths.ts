import type { Me } from '../../types'

/** The app path of each Staffroom item a course link can open (`custom.staffroom_item` → route). */
const ITEM_PATHS: Readonly<Record<string, string>> = {
  'my-learning': '/my-learning',
  competencies: '/competencies',
  'feedback-queue': '/auditions'
}

/** The path of the picker shown when the LMS asks for content to add (deep linking). */
export const ADD_TO_COURSE_PATH = '/add-to-course'

/** Where a launch should start: the picker, the item its course link names, or null for the role's home. */
export function startPath(me: Me): string | null {
  if (me.launch?.messageType === 'LtiDeepLinkingRequest') return ADD_TO_COURSE_PATH
  const item = me.target?.item
  // `home`, and anything this build does not know, opens the home.
  return item && Object.hasOwn(ITEM_PATHS, item) ? ITEM_PATHS[item]! : null
}

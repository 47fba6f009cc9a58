import { useCallback, useRef } from 'react'
import { useLocation } from 'react-router'

/**
 * A ref for a page's h1 (with tabIndex -1) that takes focus when the page was reached by moving inside the app,
 * so keyboard and screen-reader users land on the new page instead of the top of the document. The first page
 * of a launch (location key "default") leaves focus where the LMS put it.
 */
export function useLandingFocus(): (el: Element | null) => void {
  const { key } = useLocation()
  const done = useRef(false)
  return useCallback(
    (el: Element | null) => {
      if (!el || done.current) return
      done.current = true
      if (key !== 'default') (el as HTMLElement).focus()
    },
    [key]
  )
}

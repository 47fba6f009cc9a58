import { createContext, useCallback, useContext, useEffect, useRef } from 'react'

/**
 * Focus for content that replaces the control that opened it: the new content's heading (give it
 * tabIndex -1) takes focus when it appears, so keyboard and screen-reader users land where they were going.
 */
export function useFocusOnMount() {
  return useCallback((element: Element | null) => {
    if (element instanceof HTMLElement) element.focus()
  }, [])
}

/** The opener of something that `open`s and closes: it gets focus back when it closes (pass its element to the ref). */
export function useFocusReturn(open: boolean) {
  const opener = useRef<HTMLElement | null>(null)
  const wasOpen = useRef(open)
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus()
    wasOpen.current = open
  }, [open])
  return useCallback((element: Element | null) => {
    opener.current = element instanceof HTMLElement ? element : null
  }, [])
}

/** True once the person has moved between screens of the app (not on the screen the launch opened). */
export const NavigatedContext = createContext(false)

/**
 * A ref for a page's h1 (give it tabIndex -1): after a move between screens it takes focus, so screen readers
 * start at the new page's title. The launch's first screen leaves focus where the LMS put it.
 */
export function usePageHeadingFocus() {
  const navigated = useContext(NavigatedContext)
  const focus = useFocusOnMount()
  return navigated ? focus : undefined
}

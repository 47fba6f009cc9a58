import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import { useLocation } from 'react-router'

/** True once the person moved between screens after the reports area opened. */
export const ReportsNavigatedContext = createContext(false)

/** Whether the path changed since the reports area mounted (the launch's first screen keeps the LMS's focus). */
export function useNavigatedSinceMount(): boolean {
  const { pathname } = useLocation()
  const first = useRef(pathname)
  const [navigated, setNavigated] = useState(false)
  useEffect(() => {
    if (pathname !== first.current) setNavigated(true)
  }, [pathname])
  return navigated || pathname !== first.current
}

/** A ref for a page's h1 (with tabIndex -1): after a move between screens it takes focus, so screen readers start there. */
export function usePageHeadingFocus(): (element: Element | null) => void {
  const navigated = useContext(ReportsNavigatedContext)
  return useCallback(
    (element: Element | null) => {
      if (navigated && element instanceof HTMLElement) element.focus()
    },
    [navigated]
  )
}

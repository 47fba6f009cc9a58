import { useEffect, useRef } from 'react'
import { Alert, Button } from '@instructure/ui'
import type { PagedList } from './usePagedList'

/** Props for {@link ShowMore}. */
export interface ShowMoreProps {
  list: PagedList<{ nextCursor: string | null }>
  /** Button text, e.g. "Show more members". */
  label: string
  /** How many rows are shown now, for the announcement, e.g. "Showing 100 members." */
  shown: string
  /** Where focus goes when the last page has come and the button is gone. */
  focusAfterLastId: string
  liveRegion: () => HTMLElement | null
}

/** "Show more" for a paged list: announces how many rows are shown, and keeps keyboard focus on the page. */
export function ShowMore({ list, label, shown, focusAfterLastId, liveRegion }: ShowMoreProps) {
  const asked = useRef(false)
  const pages = list.pages.length
  useEffect(() => {
    if (!asked.current || list.loading || list.nextCursor) return
    asked.current = false
    document.getElementById(focusAfterLastId)?.focus()
  }, [pages, list.loading, list.nextCursor, focusAfterLastId])

  return (
    <>
      {pages > 1 && (
        <Alert key={pages} screenReaderOnly liveRegion={liveRegion} liveRegionPoliteness="polite">
          {shown}
        </Alert>
      )}
      {list.nextCursor && (
        <Button
          margin="small 0 0"
          onClick={() => {
            if (list.loading) return
            asked.current = true
            list.more()
          }}
        >
          {label}
        </Button>
      )}
    </>
  )
}

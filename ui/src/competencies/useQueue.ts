import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiGet } from '../api'
import { paths } from './competenciesApi'
import type { QueueItem, QueuePage } from './types'

/** The grading queue's filters; empty strings mean "all". */
export interface QueueFilters {
  competencyId: string
  school: string
}

/** State of {@link useQueue}. */
export type QueueState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; items: QueueItem[]; nextCursor: string | null; loadingMore: boolean; moreError: ApiError | null }

const PAGE = 25
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'client_error', 'Something went wrong. Please try again.'))

/** Loads the grading queue for a cohort and filters, oldest first; `showMore` appends the next page. */
export function useQueue(cohortId: string, filters: QueueFilters) {
  const [state, setState] = useState<QueueState>({ status: 'loading' })
  const generation = useRef(0)

  const load = useCallback(async () => {
    const mine = ++generation.current
    setState({ status: 'loading' })
    try {
      const page = await apiGet<QueuePage>(paths.queue(cohortId, { ...filters, limit: PAGE }))
      if (mine === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false, moreError: null })
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', error: asApiError(e) })
    }
  }, [cohortId, filters])

  useEffect(() => {
    void load()
  }, [load])

  /** Appends the next page; resolves with how many items it added. */
  const showMore = useCallback(async (): Promise<number> => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return 0
    const mine = generation.current
    setState({ ...state, loadingMore: true, moreError: null })
    try {
      const page = await apiGet<QueuePage>(paths.queue(cohortId, { ...filters, cursor: state.nextCursor, limit: PAGE }))
      if (mine !== generation.current) return 0
      setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false, moreError: null })
      return page.items.length
    } catch (e) {
      if (mine === generation.current) setState({ ...state, loadingMore: false, moreError: asApiError(e) })
      return 0
    }
  }, [state, cohortId, filters])

  return { state, reload: load, showMore }
}

import { useEffect, useState } from 'react'
import { ApiError, apiGet } from '../api'
import type { Loadable } from '../learning/useApiData'
import type { Audition } from './auditionTypes'

/** An audition with the title of its cohort. */
export interface ListedAudition extends Audition {
  cohortTitle: string
}

/** Every audition in the cohorts of the caller's course (one list call per cohort). */
export function useAllAuditions(): Loadable<ListedAudition[]> {
  const [state, setState] = useState<Loadable<ListedAudition[]>>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    ;(async () => {
      const { cohorts } = await apiGet<{ cohorts: { id: string; title: string }[] }>('/api/cohorts', controller.signal)
      const lists = await Promise.all(
        cohorts.map(async (c) => {
          const { auditions } = await apiGet<{ auditions: Audition[] }>(`/api/cohorts/${c.id}/auditions`, controller.signal)
          return auditions.map((a) => ({ ...a, cohortId: a.cohortId ?? c.id, cohortTitle: c.title }))
        })
      )
      setState({ status: 'ready', data: lists.flat() })
    })().catch((e: unknown) => {
      if (controller.signal.aborted) return
      setState({ status: 'error', error: e instanceof ApiError ? e : new ApiError(0, 'client_error', 'Something went wrong on this page. Please try again.') })
    })
    return () => controller.abort()
  }, [])
  return state
}

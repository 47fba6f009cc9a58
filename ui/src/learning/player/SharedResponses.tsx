import { useCallback, useEffect, useId, useState } from 'react'
import { Button, Heading, Link, Text, View } from '@instructure/ui'
import { ApiError } from '../../api'
import { formatDate } from '../format'
import type { SharedResponse } from '../learningTypes'
import { SafeHtml } from '../SafeHtml'
import { STAGE_LABEL } from './InquiryEditor'
import { loadShared, type StepRef } from './stepApi'

/** Props for {@link SharedResponses}. */
export interface SharedResponsesProps {
  step: StepRef
}

type State = { status: 'loading' } | { status: 'hidden' } | { status: 'error'; message: string } | { status: 'ready'; items: SharedResponse[]; next: string | null }

const safeLink = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null)

function Body({ body }: { body: SharedResponse['body'] }) {
  if ('html' in body) return <SafeHtml html={body.html} />
  return (
    <>
      {Object.entries(body.stages).map(([stage, s]) => {
        const label = STAGE_LABEL[stage as keyof typeof STAGE_LABEL]?.title ?? stage
        const evidence = safeLink(s.evidenceUrl)
        if (!s.html && !evidence) return null
        return (
          <View key={stage} as="div" display="block" margin="x-small 0">
            <Text weight="bold">{label}</Text>
            <SafeHtml html={s.html} />
            {evidence && (
              <Link href={evidence} target="_blank" rel="noopener noreferrer nofollow">
                Evidence for {label} (opens in a new tab)
              </Link>
            )}
          </View>
        )
      })}
    </>
  )
}

/** Colleagues' cohort-visible work on this step, when the cohort shares work with its members. */
export function SharedResponses({ step }: SharedResponsesProps) {
  const headingId = useId()
  const [state, setState] = useState<State>({ status: 'loading' })
  const { cohortId, moduleId, stepId } = step

  const load = useCallback(
    async (cursor: string | null, before: SharedResponse[]) => {
      try {
        const page = await loadShared({ cohortId, moduleId, stepId }, cursor)
        setState({ status: 'ready', items: [...before, ...page.responses], next: page.nextCursor })
      } catch (e) {
        if (e instanceof ApiError && e.status === 403) setState({ status: 'hidden' })
        else setState({ status: 'error', message: e instanceof ApiError ? e.message : 'Could not load colleagues’ work.' })
      }
    },
    [cohortId, moduleId, stepId]
  )
  useEffect(() => {
    void load(null, [])
  }, [load])

  const others = state.status === 'ready' ? state.items.filter((r) => !r.mine) : []
  return (
    <View as="section" display="block" margin="large 0 0" aria-labelledby={headingId}>
      <Heading level="h3" variant="titleCardRegular" id={headingId} margin="0 0 x-small">
        What colleagues shared
      </Heading>
      {state.status === 'loading' && <Text as="p">Loading colleagues’ work…</Text>}
      {state.status === 'hidden' && <Text as="p">In this cohort, shared work is read by lead teachers only.</Text>}
      {state.status === 'error' && <Text as="p">{state.message}</Text>}
      {state.status === 'ready' && others.length === 0 && <Text as="p">Nobody has shared anything here yet.</Text>}
      {others.map((r) => (
        <View key={r.id} as="article" display="block" margin="small 0" padding="small" background="secondary" borderRadius="medium" data-testid="shared-response">
          <Text as="p" weight="bold">
            {r.author.name ?? 'A colleague'}{' '}
            <Text weight="normal" size="small" color="secondary">
              ({formatDate(r.updatedAt, true)})
            </Text>
          </Text>
          <Body body={r.body} />
        </View>
      ))}
      {state.status === 'ready' && state.next && <Button onClick={() => void load(state.next, state.items)}>Show more</Button>}
    </View>
  )
}

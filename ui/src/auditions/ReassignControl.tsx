import { useState } from 'react'
import { Button, Flex, SimpleSelect } from '@instructure/ui'
import type { OverviewReview } from './auditionTypes'

/** Props for {@link ReassignControl}. */
export interface ReassignControlProps {
  review: OverviewReview
  /** People who could take the review (submitters who neither wrote nor review this work). */
  candidates: { id: string; name: string }[]
  onReassign: (review: OverviewReview, toUserId: string | undefined) => Promise<void>
}

const NEXT = 'next-in-line'

/** Chooses who takes over an open review (the next in line, or a named colleague) and reassigns it. */
export function ReassignControl({ review, candidates, onReassign }: ReassignControlProps) {
  const [to, setTo] = useState(NEXT)
  const [busy, setBusy] = useState(false)
  const name = review.reviewer.name ?? 'this reviewer'
  return (
    <Flex gap="x-small" wrap="wrap" alignItems="end">
      <Flex.Item>
        <SimpleSelect renderLabel={`Give ${name}’s review to`} value={to} onChange={(_e, { value }) => setTo(String(value))} width="14rem">
          <SimpleSelect.Option id={`${review.id}-${NEXT}`} value={NEXT}>
            The next person in line
          </SimpleSelect.Option>
          {candidates.map((c) => (
            <SimpleSelect.Option id={`${review.id}-${c.id}`} key={c.id} value={c.id}>
              {c.name}
            </SimpleSelect.Option>
          ))}
        </SimpleSelect>
      </Flex.Item>
      <Flex.Item>
        <Button
          size="small"
          interaction={busy ? 'disabled' : 'enabled'}
          onClick={() => {
            setBusy(true)
            void onReassign(review, to === NEXT ? undefined : to).finally(() => setBusy(false))
          }}
        >
          {`Reassign ${name}’s review`}
        </Button>
      </Flex.Item>
    </Flex>
  )
}

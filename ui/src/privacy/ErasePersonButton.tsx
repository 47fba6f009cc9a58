import { useState } from 'react'
import { Button, List, ScreenReaderContent, Text } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { ConfirmModal } from '../admin/cohorts/ConfirmModal'

/** Props for {@link ErasePersonButton}. */
export interface ErasePersonButtonProps {
  person: { userId: string; name: string }
  /** Called after the erasure with a sentence for the page to announce. */
  onErased: (message: string) => void
  /** Called when the erasure failed, with the reason. */
  onFailed: (message: string) => void
}

/**
 * An admin's "Erase personal data" for one person: a confirm dialog says what goes and what stays, then
 * DELETE /api/admin/people/:userId with the id as confirmation (docs/api/privacy.md).
 */
export function ErasePersonButton({ person, onErased, onFailed }: ErasePersonButtonProps) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)

  async function erase() {
    setBusy(true)
    try {
      await apiRequest(`/api/admin/people/${encodeURIComponent(person.userId)}`, { method: 'DELETE', body: { confirm: person.userId } })
      setOpen(false)
      onErased(`${person.name}’s personal data is erased. Their feedback to colleagues stays, from “a former colleague”.`)
    } catch (e) {
      setOpen(false)
      onFailed(`${person.name}’s data was not erased: ${e instanceof ApiError ? e.message : 'please try again.'}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button size="small" color="danger" onClick={() => setOpen(true)}>
        Erase personal data<ScreenReaderContent>{` of ${person.name}`}</ScreenReaderContent>
      </Button>
      <ConfirmModal
        open={open}
        title={`Erase ${person.name}’s personal data?`}
        confirmLabel={busy ? 'Erasing…' : 'Erase for good'}
        tone="danger"
        busy={busy}
        onConfirm={() => void erase()}
        onCancel={() => setOpen(false)}
      >
        <Text as="p" weight="bold">This cannot be undone. What goes:</Text>
        <List margin="0 0 small">
          <List.Item>their name, email and LMS identity (a new launch creates a new, empty person);</List.Item>
          <List.Item>their memberships, work and files, module answers, competency evidence, ratings about them and notifications.</List.Item>
        </List>
        <Text as="p" weight="bold">What stays, anonymised:</Text>
        <List margin="0">
          <List.Item>their reviews of others’ work, shown as from “a former colleague”, so colleagues keep their feedback;</List.Item>
          <List.Item>course totals such as progress and PD hours, without their name;</List.Item>
          <List.Item>an audit entry saying who erased whom, and when.</List.Item>
        </List>
      </ConfirmModal>
    </>
  )
}

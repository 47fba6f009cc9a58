import { useState } from 'react'
import { Button, Flex, List, Text } from '@instructure/ui'
import { ConfirmModal } from './ConfirmModal'
import type { ModuleDraft } from './types'

/** Props for {@link DraftActions}. */
export interface DraftActionsProps {
  draft: ModuleDraft
  onPreview: () => Promise<void>
  onPublish: () => Promise<void>
  onDiscard: () => Promise<void>
}

/** Preview, publish (after a confirmation that says what happens to people's progress) and discard the draft. */
export function DraftActions({ draft, onPreview, onPublish, onDiscard }: DraftActionsProps) {
  const [confirm, setConfirm] = useState<'publish' | 'discard' | null>(null)
  const [busy, setBusy] = useState(false)
  const firstPublish = draft.basedOnVersion === null

  async function run(action: () => Promise<void>) {
    setBusy(true)
    try {
      await action()
    } finally {
      setBusy(false)
      setConfirm(null)
    }
  }

  return (
    <>
      <Flex gap="small" wrap="wrap" margin="small 0">
        <Button onClick={() => void run(onPreview)} interaction={busy ? 'disabled' : 'enabled'}>
          Preview as a teacher
        </Button>
        <Button color="primary" onClick={() => setConfirm('publish')} interaction={draft.hasUnpublishedChanges ? 'enabled' : 'disabled'}>
          Publish
        </Button>
        {draft.hasUnpublishedChanges && !firstPublish && (
          <Button color="secondary" onClick={() => setConfirm('discard')}>
            Discard draft
          </Button>
        )}
      </Flex>
      <ConfirmModal
        open={confirm === 'publish'}
        title={firstPublish ? 'Publish this module?' : 'Publish these changes?'}
        confirmLabel="Publish"
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void run(onPublish)}
      >
        {firstPublish ? (
          <Text as="p">Staff in the cohort will see the module and can start it straight away.</Text>
        ) : (
          <List margin="0" itemSpacing="x-small">
            <List.Item>Staff see the new version straight away.</List.Item>
            <List.Item>Everyone keeps their progress on the steps that are still there.</List.Item>
            <List.Item>New steps are still to do. Deleted steps no longer count.</List.Item>
            <List.Item>People who already completed the module stay complete, and keep their PD hours.</List.Item>
          </List>
        )}
      </ConfirmModal>
      <ConfirmModal
        open={confirm === 'discard'}
        title="Discard the draft?"
        confirmLabel="Discard draft"
        tone="danger"
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void run(onDiscard)}
      >
        <Text as="p">
          All changes since version {draft.basedOnVersion} was published are thrown away. Staff see no difference: they keep
          working on the published version.
        </Text>
      </ConfirmModal>
    </>
  )
}
